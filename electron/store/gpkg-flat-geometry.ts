// GeoPackage MultiPolygon blobs written straight from flat coordinate arrays
// (the importers' flat-polygons layout), so a national boundary import never
// builds a GeoJSON object per area: each ring's doubles are copied in one go.
// The bytes are the same as encodeGeometry gives for the equivalent GeoJSON.
import { allocateBlob, type Envelope } from './gpkg-geometry';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of one slab: ~5,000 national areas' blobs. */
const SLAB_BYTES = 4 << 20;

/**
 * Blobs carved one after another from large buffers: Buffer.allocUnsafe's 8 kB
 * pool made a new ArrayBuffer every ~11 blobs (17,000 of them, ~0.2 s of a
 * national import). Each blob is a view; a slab lives while any of its blobs does.
 * `reuse` starts the current slab again, for a writer whose blobs SQLite has
 * copied (a bound value is copied): a national layer's blobs then fill one slab
 * over and over instead of ~140 MB of fresh pages.
 */
export class BlobSlab {
  private slab = Buffer.allocUnsafe(0);
  private used = 0;

  readonly reuse = (): void => {
    this.used = 0;
  };

  readonly take = (bytes: number): Buffer => {
    if (bytes > SLAB_BYTES >> 2) return Buffer.allocUnsafe(bytes);
    if (this.used + bytes > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    // 8-byte steps keep each blob's doubles aligned as the pool kept them.
    const blob = this.slab.subarray(this.used, this.used + bytes);
    this.used += (bytes + 7) & ~7;
    return blob;
  };
}

/**
 * Parts from..parts-1 of a flat polygon set as a MultiPolygon blob: part p is
 * rings partEnd[p-1]..partEnd[p], ring r is vertices ringEnd[r-1]..ringEnd[r] of
 * xy (interleaved x, y; the first part, ring and vertex start at 0), so one
 * builder can hold a whole layer and each area be encoded from its own parts.
 */
export function encodeFlatMultiPolygon(
  xy: Float64Array,
  ringEnd: Uint32Array,
  partEnd: Uint32Array,
  parts: number,
  { from = 0, srsId = 4326, slab, envelope }: { from?: number; srsId?: number; slab?: BlobSlab; envelope?: Envelope } = {},
): Buffer {
  const r0 = from ? partEnd[from - 1] : 0;
  const v0 = r0 ? ringEnd[r0 - 1] : 0;
  const rings = (parts > from ? partEnd[parts - 1] : r0) - r0;
  const vertices = (rings ? ringEnd[r0 + rings - 1] : v0) - v0;
  const env = envelope ?? flatEnvelope(xy, v0, v0 + vertices);
  const wkbBytes = 9 + 9 * (parts - from) + 4 * rings + 16 * vertices;
  const { buf, wkbOffset } = allocateBlob(env, wkbBytes, srsId, slab?.take);
  let o = wkbOffset;
  o = head(buf, o, 6, parts - from);
  const bytes = new Uint8Array(xy.buffer, xy.byteOffset, (v0 + vertices) * 16);
  for (let p = from; p < parts; p++) {
    const firstRing = p ? partEnd[p - 1] : 0;
    o = head(buf, o, 3, partEnd[p] - firstRing);
    for (let r = firstRing; r < partEnd[p]; r++) {
      const start = r ? ringEnd[r - 1] : 0;
      const n = ringEnd[r] - start;
      buf.writeUInt32LE(n, o);
      o += 4;
      if (LITTLE_ENDIAN_HOST) buf.set(bytes.subarray(start * 16, (start + n) * 16), o);
      else for (let j = 0; j < 2 * n; j++) buf.writeDoubleLE(xy[2 * start + j], o + 8 * j);
      o += 16 * n;
    }
  }
  if (o !== buf.length) throw new Error(`GeoPackage geometry size mismatch (${o} != ${buf.length})`);
  return buf;
}

/**
 * Bounds [minX, minY, maxX, maxY] of vertices v0..v1 of xy, as the blob's header
 * holds them ([Inf, Inf, -Inf, -Inf] for none); throws on a non-finite coordinate.
 * Parts from..parts-1 of encodeFlatMultiPolygon are the vertices from the first
 * ring of part `from` to the last of part parts-1.
 */
export function flatEnvelope(xy: Float64Array, v0: number, v1: number, env: Envelope = [Infinity, Infinity, -Infinity, -Infinity]): Envelope {
  env[0] = env[1] = Infinity;
  env[2] = env[3] = -Infinity;
  for (let i = 2 * v0; i < 2 * v1; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`Invalid coordinate [${x},${y}]: expected two finite numbers`);
    if (x < env[0]) env[0] = x;
    if (y < env[1]) env[1] = y;
    if (x > env[2]) env[2] = x;
    if (y > env[3]) env[3] = y;
  }
  return env;
}

/** Byte order, WKB type and item count. */
function head(buf: Buffer, o: number, type: number, count: number): number {
  buf[o] = 1;
  buf.writeUInt32LE(type, o + 1);
  buf.writeUInt32LE(count, o + 5);
  return o + 9;
}
