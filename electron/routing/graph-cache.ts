// Graphs cached in cgm_graph_cache, keyed by a hash of the canonical profile,
// so a project rebuilds a graph only when its roads or its profile change.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TravelProfile } from '../../shared/domain';
import { canonicalProfile } from '../../shared/travel/profiles';
import type { RoadGraph } from './graph-build';

/** Bump when the layout or the graph rules change, so old cache rows are ignored. */
const FORMAT = 'cgm-graph-v1';

export function profileKey(profile: TravelProfile): string {
  return createHash('sha256').update(`${FORMAT}\n${canonicalProfile(profile)}`).digest('hex');
}

const FIELDS = [
  ['nodeIds', Float64Array], ['lon', Float64Array], ['lat', Float64Array],
  ['edgeSource', Int32Array], ['edgeTarget', Int32Array], ['edgeCost', Float64Array],
  ['edgeReverseCost', Float64Array], ['edgeLength', Float64Array], ['edgeWayId', Float64Array],
] as const;
const CSR_FIELDS = [['offsets', Int32Array], ['targets', Int32Array], ['weights', Float64Array]] as const;

/**
 * Layout: a JSON header line giving each array's length, then the arrays'
 * bytes back to back (little-endian, as typed arrays are on every platform we ship).
 * Arrays start on 8-byte boundaries so they can be viewed without copying.
 */
export function serializeGraph(g: RoadGraph): Buffer {
  const arrays: ArrayBufferView[] = [...FIELDS.map(([k]) => g[k]), ...CSR_FIELDS.map(([k]) => g.csr[k])];
  const header = Buffer.from(JSON.stringify({ format: FORMAT, nodeCount: g.csr.nodeCount, lengths: arrays.map((a) => a.byteLength) }));
  const headerPadded = Math.ceil((header.length + 4) / 8) * 8;
  const total = headerPadded + arrays.reduce((s, a) => s + Math.ceil(a.byteLength / 8) * 8, 0);
  const out = Buffer.alloc(total);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = headerPadded;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at += Math.ceil(a.byteLength / 8) * 8;
  }
  return out;
}

export function deserializeGraph(blob: Buffer): RoadGraph | null {
  const headerLength = blob.readUInt32LE(0);
  const header = JSON.parse(blob.subarray(4, 4 + headerLength).toString('utf8')) as {
    format: string; nodeCount: number; lengths: number[];
  };
  if (header.format !== FORMAT) return null;
  // Copy into a fresh aligned buffer: SQLite's blob may start at any byte offset.
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  let at = Math.ceil((headerLength + 4) / 8) * 8;
  const ctors = [...FIELDS.map(([, c]) => c), ...CSR_FIELDS.map(([, c]) => c)];
  const arrays = ctors.map((C, i) => {
    const len = header.lengths[i];
    const view = new C(bytes.buffer, at, len / C.BYTES_PER_ELEMENT);
    at += Math.ceil(len / 8) * 8;
    return view;
  });
  const g = Object.fromEntries(FIELDS.map(([k], i) => [k, arrays[i]])) as unknown as RoadGraph;
  const [offsets, targets, weights] = arrays.slice(FIELDS.length) as [Int32Array, Int32Array, Float64Array];
  g.csr = { nodeCount: header.nodeCount, offsets, targets, weights };
  return g;
}

export function readCachedGraph(db: Database.Database, profile: TravelProfile): RoadGraph | null {
  const row = db.prepare('SELECT data FROM cgm_graph_cache WHERE profile_key = ?').get(profileKey(profile)) as
    | { data: Buffer }
    | undefined;
  return row ? deserializeGraph(row.data) : null;
}

export function writeCachedGraph(db: Database.Database, profile: TravelProfile, graph: RoadGraph): void {
  db.prepare('INSERT OR REPLACE INTO cgm_graph_cache (profile_key, data, built_at) VALUES (?, ?, ?)').run(
    profileKey(profile),
    serializeGraph(graph),
    new Date().toISOString(),
  );
}

/** Called whenever the project's roads change. */
export function clearGraphCache(db: Database.Database): void {
  db.prepare('DELETE FROM cgm_graph_cache').run();
}
