// Graphs cached in the project (cgm_graph_cache, its arrays in cgm_graph_arrays),
// keyed by a hash of the canonical profile, so a project rebuilds a graph only
// when its roads or its profile change.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TravelProfile } from '../../shared/domain';
import { canonicalProfile } from '../../shared/travel/profiles';
import { arrayFromBlobs, blobChunks } from '../store/blob-arrays';
import type { RoadGraph } from './graph-build';

/** Bump when the layout or the graph rules change, so old cache rows are ignored. */
const FORMAT = 'cgm-graph-v2';

export function profileKey(profile: TravelProfile): string {
  return createHash('sha256').update(`${FORMAT}\n${canonicalProfile(profile)}`).digest('hex');
}

const FIELDS = [
  ['nodeIds', Float64Array], ['lon', Float64Array], ['lat', Float64Array],
  ['edgeSource', Int32Array], ['edgeTarget', Int32Array], ['edgeCost', Float64Array],
  ['edgeReverseCost', Float64Array], ['edgeLength', Float64Array], ['edgeWayId', Float64Array],
] as const;
const CSR_FIELDS = [['offsets', Int32Array], ['targets', Int32Array], ['weights', Float64Array]] as const;

type GraphArray = Float64Array | Int32Array;
type ArrayType = typeof Float64Array | typeof Int32Array;

/** Each array of a kept graph by the name its chunks are stored under (a national graph is ~0.8 GB, over what one value can hold). */
const PARTS: { name: string; Type: ArrayType; of: (g: RoadGraph) => GraphArray }[] = [
  ...FIELDS.map(([k, Type]) => ({ name: k, Type, of: (g: RoadGraph) => g[k] })),
  ...CSR_FIELDS.map(([k, Type]) => ({ name: `csr.${k}`, Type, of: (g: RoadGraph) => g.csr[k] })),
];

export function readCachedGraph(db: Database.Database, profile: TravelProfile): RoadGraph | null {
  const key = profileKey(profile);
  const nodeCount = db.prepare('SELECT node_count FROM cgm_graph_cache WHERE profile_key = ?').pluck().get(key) as number | undefined;
  if (nodeCount === undefined) return null;
  // One array at a time, so at most one array's chunks are held beside the graph being filled.
  const chunks = db.prepare('SELECT data FROM cgm_graph_arrays WHERE profile_key = ? AND part = ? ORDER BY chunk').pluck();
  const arrays: Record<string, GraphArray> = {};
  for (const { name, Type } of PARTS) {
    // The arcs on shared memory: a national tree is routed in a thread of its own (dijkstra-thread.ts).
    const array = arrayFromBlobs<GraphArray>(Type, chunks.all(key, name) as Buffer[], name.startsWith('csr.'));
    if (!array) return null;
    arrays[name] = array;
  }
  const g = Object.fromEntries(FIELDS.map(([k]) => [k, arrays[k]])) as unknown as RoadGraph;
  g.csr = { nodeCount, offsets: arrays['csr.offsets'] as Int32Array, targets: arrays['csr.targets'] as Int32Array, weights: arrays['csr.weights'] as Float64Array };
  // A chunk lost (a copy cut short, a hand edit) is a miss, never a graph with arrays of the wrong length.
  return whole(g) ? g : null;
}

function whole(g: RoadGraph): boolean {
  const n = g.csr.nodeCount, edges = g.edgeSource.length, arcs = g.csr.targets.length;
  return g.nodeIds.length === n && g.lon.length === n && g.lat.length === n &&
    [g.edgeTarget, g.edgeCost, g.edgeReverseCost, g.edgeLength, g.edgeWayId].every((a) => a.length === edges) &&
    g.csr.offsets.length === n + 1 && g.csr.offsets[n] === arcs && g.csr.weights.length === arcs;
}

/** `chunkBytes` is a parameter only so tests can split a small graph. */
export function writeCachedGraph(db: Database.Database, profile: TravelProfile, graph: RoadGraph, chunkBytes?: number): void {
  const key = profileKey(profile);
  const insert = db.prepare('INSERT INTO cgm_graph_arrays (profile_key, part, chunk, data) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    forgetGraph(db, key);
    db.prepare('INSERT INTO cgm_graph_cache (profile_key, node_count, built_at) VALUES (?, ?, ?)').run(key, graph.csr.nodeCount, new Date().toISOString());
    for (const { name, of } of PARTS) blobChunks(of(graph), chunkBytes).forEach((data, chunk) => insert.run(key, name, chunk, data));
  })();
}

function forgetGraph(db: Database.Database, key: string): void {
  db.prepare('DELETE FROM cgm_graph_arrays WHERE profile_key = ?').run(key);
  db.prepare('DELETE FROM cgm_graph_cache WHERE profile_key = ?').run(key);
}

/** Called whenever the project's roads change. */
export function clearGraphCache(db: Database.Database): void {
  db.prepare('DELETE FROM cgm_graph_arrays').run();
  db.prepare('DELETE FROM cgm_graph_cache').run();
}
