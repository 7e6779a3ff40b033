// Travel times at national scale: the generated England road network
// (bench/england, >= 5M nodes, .osm.pbf) read by our importer, drive times to
// every node from 300 sites, the band table of ~190,000 areas from them, and
// isochrones for all of England.
// pgRouting's pgr_drivingDistance runs on the same edges for a stated sample
// of the sites (--pgr-sources, default 2): 300 full traversals of 5M nodes
// return 1.5 billion rows and would not fit in the bench's 40 minutes; the
// ratio is per source, ours measured on the same sample. Prints figures, not pass/fail.
//   npx tsx bench/traveltime-england.ts [--scale 1] [--pgr-sources 2] [--no-pgr] [--no-bands] [--no-isochrones]
import { availableParallelism, loadavg } from 'node:os';
import { buildCsr } from '../electron/routing/csr';
import { multiSourceDijkstra } from '../electron/routing/dijkstra';
import { buildGraph } from '../electron/routing/graph-build';
import { isochrones } from '../electron/routing/isochrones';
import { readOsmFile } from '../electron/routing/osm-read';
import { accessFromSites } from '../electron/routing/service-access';
import { buildSnapIndex } from '../electron/routing/snap';
import { bandTable, DEFAULT_BAND_LIMITS } from '../shared/travel/bands';
import type { ServiceSite } from '../shared/domain';
import { defaultProfile } from '../shared/travel/profiles';
import { findPgRouting, pgrNearestSourceCosts, startPgCluster } from '../test/routing/pg-cluster';
import { ENGLAND, englandInputs, scaled } from './england/generate';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
function timed<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
}

/**
 * The band table as the app and `cgm bands` make it (service-access.ts, shared/travel/bands.ts):
 * snap 300 sites and ~190,000 Output Area points (one every 26th node, as OAs sit along the
 * streets) to the network, route, and count each supergroup's people by band.
 */
function bandTableEngland(g: ReturnType<typeof buildGraph>, siteNodes: number[]): void {
  const n = g.nodeIds.length;
  const AREAS = Math.min(190_000, n);
  const points = Array.from({ length: AREAS }, (_, i) => {
    const node = Math.floor(((i + 0.37) * n) / AREAS);
    return { code: `E${String(i).padStart(8, '0')}`, name: null, lon: g.lon[node] + 0.0004, lat: g.lat[node] + 0.0003, source: 'point-on-surface' as const };
  });
  const sitesAt: ServiceSite[] = siteNodes.map((node, k) => ({ id: k + 1, service: 'GP', name: `Site ${k + 1}`, type: null, lon: g.lon[node], lat: g.lat[node], openingHours: null, proposed: false }));
  const bases = points.map((p, i) => ({ areaCode: p.code, segmentCode: `SG${i % 8}`, base: 100 + ((i * 7919) % 400) }));
  const snap = timed(() => buildSnapIndex(g));
  const access = timed(() => accessFromSites(g, snap.value, sitesAt, points));
  const table = timed(() => bandTable({
    areaTimes: access.value.areas.map((a) => ({ areaCode: a.code, minutes: a.seconds === null ? null : a.seconds / 60 })), bases, limits: DEFAULT_BAND_LIMITS,
  }));
  const wall = snap.ms + access.ms + table.ms, cpu = snap.cpuMs + access.cpuMs + table.cpuMs;
  console.log(`band table, 300 sites × ${AREAS.toLocaleString('en-GB')} areas: snap index ${s(snap.ms)} + route and snap areas ${s(access.ms)} + table ${s(table.ms)} = ${s(wall)} wall, ${s(cpu)} CPU ` +
    `(${table.value.rows.length} rows, ${access.value.areas.filter((a) => a.seconds === null).length} areas unreached; target < 10 s)`);
  // Asked again (another segment level, or after the isochrones): the kept tree and area snaps answer (travel-memo.ts).
  const again = timed(() => accessFromSites(g, snap.value, sitesAt, points));
  const table2 = timed(() => bandTable({
    areaTimes: again.value.areas.map((a) => ({ areaCode: a.code, minutes: a.seconds === null ? null : a.seconds / 60 })), bases, limits: DEFAULT_BAND_LIMITS,
  }));
  const same = JSON.stringify(table2.value) === JSON.stringify(table.value);
  console.log(`band table again, same sites: route and snap areas ${s(again.ms)} + table ${s(table2.ms)} = ${s(again.ms + table2.ms)} wall, ${s(again.cpuMs + table2.cpuMs)} CPU (${same ? 'identical table' : 'TABLE DIFFERS'})`);
}

async function main(): Promise<void> {
  const scale = arg('scale', 1);
  const inputs = await englandInputs(scale === 1 ? ENGLAND : scaled(scale));
  let t = performance.now();
  // Read and built in one call so the OSM ways (~2 GB of objects) can go before anything is routed:
  // the app's routing threads load the built graph from the project's cache and never hold them.
  let readMs = 0;
  const graphBuild = await (async () => {
    const osm = await readOsmFile(inputs.roads);
    readMs = performance.now() - t;
    return timed(() => buildGraph(osm, defaultProfile('drive')));
  })();
  const g = graphBuild.value;
  const n = g.nodeIds.length;
  console.log(`England roads: ${inputs.facts.roads.nodes.toLocaleString('en-GB')} OSM nodes, ${inputs.facts.roads.ways.toLocaleString('en-GB')} ways; ` +
    `read in ${s(readMs)}, drive graph ${n.toLocaleString('en-GB')} nodes / ${g.edgeSource.length.toLocaleString('en-GB')} edges built in ${s(graphBuild.ms)}`);

  // 300 sites spread over the network (every n/300-th node), as GP practices of a large region.
  const sites = Array.from({ length: 300 }, (_, i) => ({ node: Math.floor(((i + 0.5) * n) / 300) }));
  const csr = timed(() => buildCsr(n, g.edgeSource, g.edgeTarget, g.edgeCost, g.edgeReverseCost));
  const all = timed(() => multiSourceDijkstra(csr.value, sites));
  const reached = all.value.seconds.reduce((k, v) => k + (v < Infinity ? 1 : 0), 0);
  console.log(`ours, 300 sources to every node: CSR ${s(csr.ms)} + Dijkstra ${s(all.ms)} (${reached.toLocaleString('en-GB')} nodes reached)`);

  const sample = arg('pgr-sources', 2);
  if (process.argv.includes('--no-pgr') || findPgRouting() === null) {
    console.log('pgRouting comparison skipped (--no-pgr or no pgRouting)');
  } else {
    await comparePgRouting(g, csr, sites.slice(0, sample).map((x) => x.node));
  }
  if (!process.argv.includes('--no-bands')) bandTableEngland(g, sites.map((x) => x.node));
  if (process.argv.includes('--no-isochrones')) return;
  const iso = timed(() => isochrones(g, all.value, { minutes: [5, 10, 15, 20, 25], mode: 'drive', rings: 'incremental' }));
  console.log(`isochrones 5…25 min for all of England from 300 sites: ${s(iso.ms)} wall, ${s(iso.cpuMs)} CPU on ${iso.value.cellMetres} m cells (${iso.value.features.length} bands; target < 10 s)`);
  console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

async function comparePgRouting(g: ReturnType<typeof buildGraph>, csr: { ms: number; value: ReturnType<typeof buildCsr> }, chosen: number[]): Promise<void> {
  const n = g.nodeIds.length;
  const sample = chosen.length;
  let t: number;
  const ours = timed(() => multiSourceDijkstra(csr.value, chosen.map((node) => ({ node }))));
  const cluster = await startPgCluster();
  try {
    t = performance.now();
    await cluster.client.query('CREATE TABLE england_edges (id BIGINT PRIMARY KEY, source BIGINT NOT NULL, target BIGINT NOT NULL, cost FLOAT8 NOT NULL, reverse_cost FLOAT8 NOT NULL)');
    // In slices: one CSV string of 10M edges is longer than V8 allows.
    for (let from = 0; from < g.edgeSource.length; from += 500_000) {
      const lines: string[] = [];
      for (let e = from; e < Math.min(g.edgeSource.length, from + 500_000); e++) {
        lines.push(`${e + 1},${g.nodeIds[g.edgeSource[e]]},${g.nodeIds[g.edgeTarget[e]]},${g.edgeCost[e]},${g.edgeReverseCost[e]}`);
      }
      await cluster.copyCsv('england_edges', ['id', 'source', 'target', 'cost', 'reverse_cost'], lines.join('\n') + '\n');
    }
    await cluster.client.query('ANALYZE england_edges');
    const loadMs = performance.now() - t;
    t = performance.now();
    const pgr = await pgrNearestSourceCosts(cluster, 'england_edges', chosen.map((i) => g.nodeIds[i]), { method: 'min' });
    const pgrMs = performance.now() - t;
    let worst = 0, missing = 0, count = 0;
    for (let i = 0; i < n; i++) {
      if (!(ours.value.seconds[i] < Infinity)) continue;
      count++;
      const p = pgr.get(g.nodeIds[i]);
      if (p === undefined) missing++;
      else worst = Math.max(worst, Math.abs(p - ours.value.seconds[i]));
    }
    console.log(`pgr_drivingDistance, ${sample} of the 300 sources (edge load ${s(loadMs)}, not timed): ${s(pgrMs)}; ours on the same ${sample}: ${s(ours.ms)} (CSR not included: ${s(csr.ms)} once) ` +
      `ratio ${(pgrMs / ours.ms).toFixed(1)}x (${(pgrMs / (ours.ms + csr.ms)).toFixed(1)}x with CSR)`);
    console.log(`  results: ${count.toLocaleString('en-GB')} reached, same node set ${missing === 0 && count === pgr.size}, max |Δ| ${worst.toExponential(2)} s`);
  } finally {
    await cluster.stop();
  }
}

await main();
