// Multi-source travel times: our typed-array Dijkstra against pgRouting's
// pgr_drivingDistance, on a synthetic ~1M-node grid and on the Rutland extract,
// the same edge list loaded into both. Prints timings and ratios, not pass/fail.
//   npx tsx bench/traveltime.ts [--side 1000]
import { buildCsr } from '../electron/routing/csr';
import { multiSourceDijkstra } from '../electron/routing/dijkstra';
import { buildGraph, type RoadGraph } from '../electron/routing/graph-build';
import { readOsmFile } from '../electron/routing/osm-read';
import { defaultProfile } from '../shared/travel/profiles';
import { findPgRouting, loadEdges, pgrNearestSourceCosts, startPgCluster, type PgCluster } from '../test/routing/pg-cluster';
import { required, sharedData } from '../test/support/requirements';

const RUTLAND = sharedData('uk', 'rutland', 'rutland-latest.osm.pbf');

interface Edges { source: Int32Array; target: Int32Array; cost: Float64Array; reverseCost: Float64Array; nodeCount: number; ids: Float64Array }

/** A side×side grid, 4-neighbour, seeded random costs; a few one-way streets. */
function syntheticGrid(side: number): Edges {
  let seed = 42;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const m = 2 * side * (side - 1);
  const e: Edges = { source: new Int32Array(m), target: new Int32Array(m), cost: new Float64Array(m), reverseCost: new Float64Array(m), nodeCount: side * side, ids: new Float64Array(side * side) };
  for (let i = 0; i < side * side; i++) e.ids[i] = i + 1;
  let k = 0;
  const add = (a: number, b: number) => {
    const c = 5 + rand() * 25;
    const oneway = rand() < 0.05;
    e.source[k] = a; e.target[k] = b; e.cost[k] = c; e.reverseCost[k] = oneway ? -1 : c; k++;
  };
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
    const v = y * side + x;
    if (x + 1 < side) add(v, v + 1);
    if (y + 1 < side) add(v, v + side);
  }
  return e;
}

function fromGraph(g: RoadGraph): Edges {
  return { source: g.edgeSource, target: g.edgeTarget, cost: g.edgeCost, reverseCost: g.edgeReverseCost, nodeCount: g.nodeIds.length, ids: g.nodeIds };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time<T>(runs: number, fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const ms: number[] = [];
  // One untimed run first, so JIT warm-up and PostgreSQL's first-touch caching are not counted.
  let value: T = await fn();
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    value = await fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), value };
}

async function compare(cluster: PgCluster, name: string, e: Edges, sourceIdx: number[], runs: number): Promise<void> {
  const osmIds = (a: Int32Array) => Array.from(a, (i) => e.ids[i]);
  const loadStart = performance.now();
  await loadEdges(cluster, 'bench_edges', { source: osmIds(e.source), target: osmIds(e.target), cost: e.cost, reverseCost: e.reverseCost });
  const loadMs = performance.now() - loadStart;
  const sources = sourceIdx.map((i) => e.ids[i]);

  // Ours end to end: edge list → CSR → Dijkstra → (id, seconds) arrays of every reached node.
  const ours = await time(runs, () => {
    const csr = buildCsr(e.nodeCount, e.source, e.target, e.cost, e.reverseCost);
    const { seconds } = multiSourceDijkstra(csr, sourceIdx.map((node) => ({ node })));
    const ids = new Float64Array(seconds.length), secs = new Float64Array(seconds.length);
    let k = 0;
    for (let i = 0; i < seconds.length; i++) if (seconds[i] < Infinity) { ids[k] = e.ids[i]; secs[k++] = seconds[i]; }
    return { ids: ids.subarray(0, k), secs: secs.subarray(0, k) };
  });
  const csr = buildCsr(e.nodeCount, e.source, e.target, e.cost, e.reverseCost);
  const dijkstraOnly = await time(runs, () => multiSourceDijkstra(csr, sourceIdx.map((node) => ({ node }))));
  const pgr = await time(runs, () => pgrNearestSourceCosts(cluster, 'bench_edges', sources, { method: 'min' }));
  const pgrEq = await time(runs, () => pgrNearestSourceCosts(cluster, 'bench_edges', sources, { method: 'equicost' }));

  let worst = 0, missing = 0;
  const reached = ours.value.ids.length;
  for (let k = 0; k < reached; k++) {
    const s = ours.value.secs[k];
    const p = pgr.value.get(ours.value.ids[k]);
    if (p === undefined) missing++;
    else worst = Math.max(worst, Math.abs(p - s));
  }
  const sameSet = missing === 0 && reached === pgr.value.size;
  console.log(`\n${name}: ${e.nodeCount.toLocaleString()} nodes, ${e.source.length.toLocaleString()} edges, ${sources.length} sources (edge load into PostgreSQL ${loadMs.toFixed(0)} ms, not timed below)`);
  console.log(`  ours, edge list → CSR → Dijkstra → results  ${ours.ms.toFixed(1).padStart(9)} ms`);
  console.log(`  ours, Dijkstra only                          ${dijkstraOnly.ms.toFixed(1).padStart(9)} ms`);
  console.log(`  pgr_drivingDistance (exact: min per node)    ${pgr.ms.toFixed(1).padStart(9)} ms   ratio ${(pgr.ms / ours.ms).toFixed(1)}x`);
  console.log(`  pgr_drivingDistance equicost=true            ${pgrEq.ms.toFixed(1).padStart(9)} ms   ratio ${(pgrEq.ms / ours.ms).toFixed(1)}x`);
  console.log(`  results: ${reached.toLocaleString()} reached, same node set ${sameSet}, max |Δ| ${worst.toExponential(2)} s`);
}

async function main(): Promise<void> {
  const sideAt = process.argv.indexOf('--side');
  const side = sideAt > 0 ? Number(process.argv[sideAt + 1]) : 1000;
  if (!required('pgRouting, the reference this benchmark compares with,', findPgRouting() !== null, 'apt-get install postgresql-15-pgrouting')) return;
  const cluster = await startPgCluster();
  try {
    console.log(`Node ${process.version}; PostgreSQL + pgRouting ${(await cluster.client.query('SELECT pgr_version() AS v')).rows[0].v}; medians of 5 runs (3 on the grid) after one warm-up`);
    const osm = await readOsmFile(RUTLAND);
    for (const mode of ['drive', 'walk'] as const) {
      const g = buildGraph(osm, defaultProfile(mode));
      const n = g.nodeIds.length;
      await compare(cluster, `Rutland ${mode}`, fromGraph(g), [Math.floor(n * 0.1), Math.floor(n * 0.45), Math.floor(n * 0.8)], 5);
    }
    const grid = syntheticGrid(side);
    const n = grid.nodeCount;
    await compare(cluster, `Synthetic grid ${side}×${side}`, grid, [0, Math.floor(n / 2) + side / 2, n - 1], 3);
  } finally {
    await cluster.stop();
  }
}

await main();
