// Graphs cached in the project (cgm_graph_cache, its arrays in cgm_graph_arrays),
// keyed by a hash of the canonical profile, so a project rebuilds a graph only
// when its roads or its profile change.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { TravelProfile } from '../../shared/domain';
import { canonicalProfile } from '../../shared/travel/profiles';
import { arrayFromBlobs, blobChunks } from '../store/blob-arrays';
import type { RoadGraph } from './graph-build';
import { usableNodes } from './snap';
import { InputError } from '../../shared/errors';

/** Bump when the layout or the graph rules change, so old cache rows are ignored. */
const FORMAT = 'cgm-graph-v2';

export function profileKey(profile: TravelProfile): string {
  return createHash('sha256').update(`${FORMAT}\n${canonicalProfile(profile)}`).digest('hex');
}

type GraphArray = Float64Array | Int32Array | Uint8Array;
type ArrayType = typeof Float64Array | typeof Int32Array | typeof Uint8Array;
type LazyField = 'nodeIds' | 'edgeSource' | 'edgeTarget' | 'edgeCost' | 'edgeReverseCost' | 'edgeLength' | 'edgeWayId';

interface Part { name: string; Type: ArrayType; of: (g: RoadGraph) => GraphArray }

/** What routing and snapping read: loaded with the graph. */
const NODE_PARTS: Part[] = [
  { name: 'lon', Type: Float64Array, of: (g) => g.lon },
  { name: 'lat', Type: Float64Array, of: (g) => g.lat },
  { name: 'csr.offsets', Type: Int32Array, of: (g) => g.csr.offsets },
  { name: 'csr.targets', Type: Int32Array, of: (g) => g.csr.targets },
  { name: 'csr.weights', Type: Float64Array, of: (g) => g.csr.weights },
];
/**
 * The edges, read on first use: only isochrones draw them. Nationally they are 400 MB of the
 * graph's 750, and ~0.6 s of a band table that never looks at them.
 */
const EDGE_PARTS: (Part & { name: LazyField })[] = [
  { name: 'edgeSource', Type: Int32Array, of: (g) => g.edgeSource },
  { name: 'edgeTarget', Type: Int32Array, of: (g) => g.edgeTarget },
  { name: 'edgeCost', Type: Float64Array, of: (g) => g.edgeCost },
  { name: 'edgeReverseCost', Type: Float64Array, of: (g) => g.edgeReverseCost },
  { name: 'edgeLength', Type: Float64Array, of: (g) => g.edgeLength },
  { name: 'edgeWayId', Type: Float64Array, of: (g) => g.edgeWayId },
];
/** The nodes' OSM ids, read on first use: only a suggestion's candidates and the CLI's node times name nodes (40 MB nationally). */
const ID_PARTS: (Part & { name: LazyField })[] = [{ name: 'nodeIds', Type: Float64Array, of: (g) => g.nodeIds }];
/** The nodes snapping may use (snap.ts), found from the edges: kept so that snapping needs no edges. */
const USABLE_PART: Part = { name: 'usable', Type: Uint8Array, of: usableNodes };

export function readCachedGraph(db: Database.Database, profile: TravelProfile): RoadGraph | null {
  const key = profileKey(profile);
  const cache = db.prepare('SELECT node_count, built_at FROM cgm_graph_cache WHERE profile_key = ?').get(key) as { node_count: number; built_at: string } | undefined;
  if (cache === undefined) return null;
  const nodeCount = cache.node_count;
  // One array at a time, so at most one array's chunks are held beside the graph being filled.
  const chunks = db.prepare('SELECT data FROM cgm_graph_arrays WHERE profile_key = ? AND part = ? ORDER BY chunk').pluck();
  const arrays: Record<string, GraphArray> = {};
  for (const { name, Type } of NODE_PARTS) {
    // The arcs on shared memory: a national tree is routed in a thread of its own (dijkstra-thread.ts).
    const array = arrayFromBlobs<GraphArray>(Type, chunks.all(key, name) as Buffer[], name.startsWith('csr.'));
    if (!array) return null;
    arrays[name] = array;
  }
  // The lazy parts' lengths from their chunks' sizes (SQLite reads no blob for that): a lost chunk is a miss now.
  const bytes = db.prepare('SELECT sum(length(data)) FROM cgm_graph_arrays WHERE profile_key = ? AND part = ?').pluck();
  const edgeCount = (bytes.get(key, 'edgeSource') as number | null ?? 0) / Int32Array.BYTES_PER_ELEMENT;
  const lengthOf = (parts: Part[], n: number) => parts.every(({ name, Type }) => (bytes.get(key, name) as number | null ?? -1) === n * Type.BYTES_PER_ELEMENT);
  if (!lengthOf(EDGE_PARTS, edgeCount) || !lengthOf(ID_PARTS, nodeCount)) return null;
  const g = {
    lon: arrays.lon, lat: arrays.lat,
    csr: { nodeCount, offsets: arrays['csr.offsets'], targets: arrays['csr.targets'], weights: arrays['csr.weights'] },
  } as unknown as RoadGraph;
  // A graph kept before the usable nodes were finds them from its edges.
  const usable = arrayFromBlobs(Uint8Array, chunks.all(key, USABLE_PART.name) as Buffer[]);
  if (usable && usable.length === nodeCount) g.usable = usable;
  onFirstUse(g, db, key, cache.built_at, EDGE_PARTS, edgeCount);
  onFirstUse(g, db, key, cache.built_at, ID_PARTS, nodeCount);
  // A chunk lost (a copy cut short, a hand edit) is a miss, never a graph with arrays of the wrong length.
  return whole(g) ? g : null;
}

function whole(g: RoadGraph): boolean {
  const n = g.csr.nodeCount, arcs = g.csr.targets.length;
  return g.lon.length === n && g.lat.length === n &&
    g.csr.offsets.length === n + 1 && g.csr.offsets[n] === arcs && g.csr.weights.length === arcs;
}

/**
 * Arrays of `count` elements as properties that read them, together, when one is first asked for.
 * The connection that read the graph may be closed by then (a routing thread opens the project for
 * each job, and the travel memo keeps the graph between jobs), so a closed one is opened again,
 * read-only; and they must be those of the same build, or the graph is no longer the project's.
 */
function onFirstUse(g: RoadGraph, db: Database.Database, key: string, builtAt: string, parts: (Part & { name: LazyField })[], count: number): void {
  const load = () => {
    const conn = db.open ? db : new Database(db.name, { readonly: true, fileMustExist: true });
    try {
      const now = conn.prepare('SELECT built_at FROM cgm_graph_cache WHERE profile_key = ?').pluck().get(key);
      if (now !== builtAt) throw new InputError('the road graph was rebuilt while in use: ask again');
      const chunks = conn.prepare('SELECT data FROM cgm_graph_arrays WHERE profile_key = ? AND part = ? ORDER BY chunk').pluck();
      for (const { name, Type } of parts) {
        const array = arrayFromBlobs<GraphArray>(Type, chunks.all(key, name) as Buffer[]);
        if (!array || array.length !== count) throw new InputError('the road graph kept in the project is incomplete: import the roads again');
        Object.defineProperty(g, name, { value: array, enumerable: true, writable: true, configurable: true });
      }
    } finally {
      if (conn !== db) conn.close();
    }
  };
  for (const { name } of parts) {
    Object.defineProperty(g, name, {
      enumerable: true,
      configurable: true,
      get() {
        load();
        return g[name];
      },
    });
  }
}

/** `chunkBytes` is a parameter only so tests can split a small graph. */
export function writeCachedGraph(db: Database.Database, profile: TravelProfile, graph: RoadGraph, chunkBytes?: number): void {
  const key = profileKey(profile);
  db.transaction(() => {
    forgetGraph(db, key);
    db.prepare('INSERT INTO cgm_graph_cache (profile_key, node_count, built_at) VALUES (?, ?, ?)').run(key, graph.csr.nodeCount, new Date().toISOString());
    for (const part of [...NODE_PARTS, ...ID_PARTS, ...EDGE_PARTS, USABLE_PART]) writePart(db, key, part, graph, chunkBytes);
  })();
}

/** One array of a kept graph, as its rows of chunks (inside the caller's transaction). */
function writePart(db: Database.Database, key: string, { name, of }: Part, graph: RoadGraph, chunkBytes?: number): void {
  const insert = db.prepare('INSERT INTO cgm_graph_arrays (profile_key, part, chunk, data) VALUES (?, ?, ?, ?)');
  blobChunks(of(graph), chunkBytes).forEach((data, chunk) => insert.run(key, name, chunk, data));
}

function forgetGraph(db: Database.Database, key: string): void {
  db.prepare('DELETE FROM cgm_graph_arrays WHERE profile_key = ?').run(key);
  db.prepare('DELETE FROM cgm_graph_cache WHERE profile_key = ?').run(key);
}

/**
 * Keeps the usable nodes of a graph kept before they were: found from its edges once, so snapping
 * on it need not read them again.
 */
export function keepUsableNodes(db: Database.Database, profile: TravelProfile, graph: RoadGraph): void {
  const key = profileKey(profile);
  graph.usable = usableNodes(graph);
  db.transaction(() => {
    db.prepare('DELETE FROM cgm_graph_arrays WHERE profile_key = ? AND part = ?').run(key, USABLE_PART.name);
    writePart(db, key, USABLE_PART, graph);
  })();
}

/** Called whenever the project's roads change. */
export function clearGraphCache(db: Database.Database): void {
  db.prepare('DELETE FROM cgm_graph_arrays').run();
  db.prepare('DELETE FROM cgm_graph_cache').run();
}
