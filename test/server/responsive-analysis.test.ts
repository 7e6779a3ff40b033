// While a large export and a large analysis run, the browser-mode server still
// answers (issue 18): the non-PNG exports and the long analyses run in worker
// threads (electron/services/analysis-thread.ts), their progress reaches the
// app's event stream, and an export the app gives up on is ended with its
// thread and leaves no file behind. The project is national-sized (synthetic
// Output Areas, one postcode and a few users each), so each job takes well
// over the bound below: run on the server's own thread, either would fail.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nationalProject, NATIONAL_SCHEME } from '../../bench/national/project';
import { OAC_SUPERGROUPS } from '../../data/demo/oac-classes';
import { syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { importPostcodes, importUsers } from '../../electron/importers/index';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { apiClient } from '../support/api-client';
import { analysisThreadIds } from '../../electron/services/analysis-thread';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { openProject } from '../../electron/store/project';

/** Half the answers within this while the jobs run. */
const MEDIAN_MS = 100;
/** No answer may take this long (a blocked server takes a job's whole length); each job takes over twice it. */
const BOUND_MS = 1000;
const AREAS = 190_000;

// Every temporary file this process makes (the jobs' folders among them) goes here, so the cancel test can see them all.
const temp = mkdtempSync(join(tmpdir(), 'cgm-responsive-analysis-'));
process.env.TMPDIR = temp;
const dir = join(temp, 'work');
let session: ProjectSession;
let server: BrowserServer;
let usersWritten = 0;
const events: { message: string }[] = [];
const stopEvents = new AbortController();

const { post, call, listen } = apiClient(() => server);

/** The i-th of a run of distinct valid postcodes (AA9 9AA), none of them real: synthetic areas get synthetic postcodes. */
function postcode(i: number): string {
  const first = 'ABCDEFGHIJKLMNOPRSTUWYZ', second = 'ABCDEFGHKLMNOPQRSTUVWXY', inward = 'ABDEFGHJLNPQRSTUWXYZ';
  const out = Math.floor(i / 4000), inn = i % 4000;
  return `${first[out % 23]}${second[Math.floor(out / 23) % 22]}${Math.floor(out / 506) % 10} ${Math.floor(inn / 400)}${inward[Math.floor(inn / 20) % 20]}${inward[inn % 20]}`;
}

beforeAll(async () => {
  mkdirSync(dir);
  const { path } = await nationalProject(dir, AREAS);
  // One postcode at each area's centre, and 1-3 users there (exact counts known: usersWritten).
  const codes = Array.from({ length: AREAS }, (_, i) => `E${String(i).padStart(8, '0')}`);
  const pcs = ['pcds,lat,long,oa21cd', ...codes.map((c, i) => { const [lon, lat] = syntheticCentre(i, AREAS); return `${postcode(i)},${lat.toFixed(6)},${lon.toFixed(6)},${c}`; })];
  writeFileSync(join(dir, 'postcodes.csv'), pcs.join('\n'));
  const users = ['id,postcode'];
  for (let i = 0; i < AREAS; i++) for (let k = 0; k <= i % 3; k++) users.push(`${users.length},${postcode(i)}`);
  usersWritten = users.length - 1;
  writeFileSync(join(dir, 'users.csv'), users.join('\n'));
  const project = openProject(path);
  await importPostcodes(project, join(dir, 'postcodes.csv'), { postcodeField: 'pcds', latField: 'lat', lonField: 'long', areaField: 'oa21cd' });
  await importUsers(project, join(dir, 'users.csv'), { service: 'GP', postcodeField: 'postcode' });
  project.close();
  session = new ProjectSession(path);
  server = await startBrowserServer({ handlers: createHandlers(session), staticDir: dir });
  await listen(events, stopEvents.signal);
  // Both threads start (and, from the sources, compile) on first use: not what is measured. An unknown service fails fast.
  await Promise.all([1, 2].map(() => post('getUserHexbins', { service: 'none', hexMetres: 300 })));
}, 900_000);

afterAll(async () => {
  stopEvents.abort();
  await server?.close();
  session?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Times getProjectInfo, again and again, until every job given has settled; the slow answers are logged with when they started. */
async function latenciesWhile(jobs: Promise<unknown>[]): Promise<number[]> {
  let settled = false;
  void Promise.allSettled(jobs).then(() => (settled = true));
  const latencies: number[] = [];
  const slow: string[] = [];
  while (!settled) {
    const t = performance.now();
    const info = await call('getProjectInfo', {});
    const ms = performance.now() - t;
    if (!settled) latencies.push(ms);
    if (ms > MEDIAN_MS) slow.push(`${Math.round(ms)} ms at ${Math.round(t)}`);
    expect(info.layers.find((l: { table: string }) => l.table === 'area_oa')?.featureCount).toBe(AREAS);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (slow.length) console.log(`answers over ${MEDIAN_MS} ms: ${slow.join(', ')}`);
  return latencies.sort((a, b) => a - b);
}

const timed = <T,>(p: Promise<T>) => {
  const t = performance.now();
  return p.then((value) => ({ value, ms: performance.now() - t, end: performance.now() }));
};

it(`answers getProjectInfo within ${MEDIAN_MS} ms (median) while a ${AREAS.toLocaleString('en-GB')}-area GeoPackage export and a profile run, with progress`, async () => {
  const from = events.length;
  // The file's JSON is read after the measuring: this test's client shares the server's thread, the app's never does.
  const exporting = timed(post('exportGeoPackage', { layers: ['area_oa'] }).then(async (res) => ({ status: res.status, body: Buffer.from(await res.arrayBuffer()) })));
  const profiling = timed(call('getProfile', { service: 'GP', scheme: NATIONAL_SCHEME }));
  const latencies = await latenciesWhile([exporting, profiling]);
  const [gpkg, profile] = await Promise.all([exporting, profiling]);
  expect(gpkg.value.status).toBe(200);
  const exported = JSON.parse(gpkg.value.body.toString('utf8')) as { dataBase64: string; sizeBytes: number };
  const median = latencies[Math.floor(latencies.length / 2)], max = latencies[latencies.length - 1];
  console.log(
    `GeoPackage ${Math.round(gpkg.ms)} ms (${(exported.sizeBytes / 1e6).toFixed(0)} MB, ended at ${Math.round(gpkg.end)}), profile ${Math.round(profile.ms)} ms (ended at ${Math.round(profile.end)}); ` +
      `getProjectInfo meanwhile: ${latencies.length} answers, median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
  );
  // Each job outlasts the bound, so had either run on the server's thread, an answer would have waited longer
  // (on a quiet machine the profile takes ~1.7 s, the GeoPackage ~3.4 s; at load 20 both far longer).
  expect(gpkg.ms).toBeGreaterThan(BOUND_MS);
  expect(profile.ms).toBeGreaterThan(BOUND_MS);
  expect(latencies.length).toBeGreaterThan(5);
  // Measured at load 20 on 2 cores: median 11.7 ms, max 212 ms (the server still writes the 64 MB file's JSON itself).
  expect(max).toBeLessThan(BOUND_MS);
  expect(median).toBeLessThan(MEDIAN_MS);
  // The work was done, and right: every area in the file, every user written in the profile.
  const file = join(dir, 'out.gpkg');
  writeFileSync(file, Buffer.from(exported.dataBase64, 'base64'));
  const db = new Database(file, { readonly: true });
  expect(db.prepare('SELECT count(*) FROM area_oa').pluck().get()).toBe(AREAS);
  db.close();
  expect(profile.value.total.users).toBe(usersWritten);
  const said = events.slice(from).map((e) => e.message);
  expect(said).toContain('Writing the GeoPackage');
  expect(said).toContain('Working out the profile');
}, 600_000);

/** The jobs' temporary folders now in this process's temporary folder, with the files in them. */
function jobFiles(): string[] {
  return readdirSync(temp).filter((f) => f.startsWith('cgm-job-')).flatMap((f) => [f, ...readdirSync(join(temp, f), { recursive: true }).map((p) => `${f}/${String(p)}`)]);
}

it('ends a GeoPackage export the app gives up on: its thread stops, its half-written file goes, and the next export runs', async () => {
  expect(jobFiles()).toEqual([]);
  const threads = analysisThreadIds();
  const giveUp = new AbortController();
  const abandoned = post('exportGeoPackage', { layers: ['area_oa'] }, giveUp.signal).catch((e: Error) => e);
  // Wait until the GeoPackage is being written in the job's folder: something that would be left behind.
  const writing = () => jobFiles().find((f) => f.endsWith('export.gpkg') && statSync(join(temp, f)).size > 0);
  await expect.poll(writing, { timeout: 300_000, interval: 20 }).toBeTruthy();
  giveUp.abort();
  expect(await abandoned).toBeInstanceOf(Error);
  await expect.poll(jobFiles, { timeout: 30_000 }).toEqual([]);
  // The thread that was writing is gone (the other of the two may stay).
  expect(threads).toHaveLength(2);
  expect(threads.filter((id) => analysisThreadIds().includes(id))).toHaveLength(1);
  // A fresh thread writes the next export whole.
  const csv = parse(Buffer.from((await call('exportTable', { table: 'profile' })).dataBase64, 'base64'), { bom: true, columns: true }) as Record<string, string>[];
  expect(csv.map((r) => r.segment_code)).toEqual([...OAC_SUPERGROUPS.map((s) => s.code).sort(), 'TOTAL']);
  expect(jobFiles()).toEqual([]);
}, 600_000);
