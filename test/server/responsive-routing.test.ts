// While a large route runs, the browser-mode server still answers (issue 18):
// travel-time bands and band tables are routed in a worker thread
// (electron/services/routing-thread.ts), so a cheap request is never queued
// behind them; their progress reaches the app's event stream, and a route
// the app gives up on is ended with the thread running it. The network is big enough that routing
// it takes well over the bounds below, so routing on the server's own thread
// would fail this test.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clearGraphCache } from '../../electron/routing/graph-cache';
import { contract } from '../../shared/contract';
import { routingThreadId, RoutingCancelled, runRoutingInWorker } from '../../electron/services/routing-thread';
import { importRoads } from '../../electron/routing/roads-import';
import { serviceSites } from '../../electron/routing/project-inputs';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { apiClient } from '../support/api-client';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { buildDemoRoutingProject, type DemoProject } from '../routing/demo-project';
import { latticeAround, latticeOsmXml } from '../support/osm-lattice';

/** Half the answers within this; the target for an answer while routing runs. */
const MEDIAN_MS = 100;
/** No answer may take this long (a blocked server takes the route's whole length). */
const BOUND_MS = 1000;
/** A lattice of N × N residential streets 40 m apart around the demo town's sites: 1,000,000 road nodes. */
const N = 1000;

let demo: DemoProject;
let session: ProjectSession;
let server: BrowserServer;
const events: { message: string }[] = [];
let stopEvents: AbortController;

const { post, call, listen } = apiClient(() => server);

beforeAll(async () => {
  demo = await buildDemoRoutingProject();
  const sites = serviceSites(demo.project, 'Stop smoking');
  const mean = (k: 'lon' | 'lat') => sites.reduce((s, x) => s + x[k], 0) / sites.length;
  const file = join(demo.dir, 'lattice', 'roads.osm');
  mkdirSync(join(demo.dir, 'lattice'));
  writeFileSync(file, latticeOsmXml(latticeAround(mean('lon'), mean('lat'), N, 40, 'residential')));
  await importRoads(demo.project, { file });
  demo.project.close();
  session = new ProjectSession(demo.path);
  server = await startBrowserServer({ handlers: createHandlers(session), staticDir: demo.dir });
  stopEvents = new AbortController();
  await listen(events, stopEvents.signal);
  // The worker thread starts (and, from the sources, compiles) on first use: not what is measured.
  await call('getIsochrones', { service: 'Stop smoking', mode: 'walk', minutes: [1] });
}, 600_000);

afterAll(async () => {
  stopEvents?.abort();
  await server?.close();
  session?.close();
  rmSync(demo.dir, { recursive: true, force: true });
});

async function latenciesWhile(running: Promise<unknown>): Promise<{ latencies: number[]; ms: number }> {
  const started = performance.now();
  let finished = 0;
  void running.finally(() => (finished = performance.now())).catch(() => {});
  const latencies: number[] = [];
  while (!finished) {
    const t = performance.now();
    const info = await call('getProjectInfo', {});
    if (!finished) latencies.push(performance.now() - t);
    expect(info.path).toBe(demo.path);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { latencies: latencies.sort((a, b) => a - b), ms: finished - started };
}

it('answers getProjectInfo within 100 ms (median) all through a drive route and its bands over 1,000,000 road nodes, with progress', async () => {
  const from = events.length;
  const routing = call('getIsochrones', { service: 'Stop smoking', mode: 'drive', minutes: [5, 10, 15] });
  const { latencies, ms } = await latenciesWhile(routing);
  const result = await routing;
  expect(result.bands.features.length).toBe(3);
  expect(result.sitesRouted).toBeGreaterThan(0);
  const median = latencies[Math.floor(latencies.length / 2)], max = latencies[latencies.length - 1];
  console.log(`drive bands ${Math.round(ms)} ms; getProjectInfo during them: ${latencies.length} answers, median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  // The test can only fail for a blocked server if the route outlasts the bound well over.
  expect(ms).toBeGreaterThan(2 * BOUND_MS);
  expect(max).toBeLessThan(BOUND_MS);
  expect(median).toBeLessThan(MEDIAN_MS);
  expect(latencies.length).toBeGreaterThan(5);
  const said = events.slice(from).map((e) => e.message);
  expect(said).toContain('Routing from the sites of Stop smoking');
  expect(said).toContain('Tracing the travel-time bands');
}, 600_000);

it('ends the route when the app gives up on it: the thread routing it stops, and the next route runs on a fresh one', async () => {
  // Without its cached graph the route first rebuilds it: seconds of work to give up on.
  const db = new Database(demo.path);
  clearGraphCache(db);
  db.close();
  const input = contract.getBandTable.input.parse({ service: 'Stop smoking', mode: 'drive' });
  const said: string[] = [];
  const giveUp = new AbortController();
  const abandoned = runRoutingInWorker(demo.path, 'getBandTable', input, { signal: giveUp.signal, progress: (m) => said.push(m) });
  const caught = abandoned.catch((e: Error) => e);
  await expect.poll(() => said, { timeout: 60_000 }).toContain('Routing from the sites of Stop smoking to every area');
  const thread = routingThreadId();
  expect(thread).not.toBeNull();
  giveUp.abort();
  expect(await caught).toBeInstanceOf(RoutingCancelled);
  expect(routingThreadId()).not.toBe(thread);
  // The next request routes in full on a fresh thread, rebuilding the graph the cancelled one never cached.
  const started = performance.now();
  const table = (await runRoutingInWorker(demo.path, 'getBandTable', input, { signal: new AbortController().signal, progress: () => {} })) as { rows: unknown[] };
  expect(table.rows.length).toBeGreaterThan(0);
  expect(routingThreadId()).not.toBe(thread);
  console.log(`band table after the cancel: ${Math.round(performance.now() - started)} ms`);
}, 600_000);
