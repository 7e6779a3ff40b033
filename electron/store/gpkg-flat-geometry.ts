// GeoPackage MultiPolygon blobs written straight from flat coordinate arrays
// (the importers' flat-polygons layout), so a national boundary import never
// builds a GeoJSON object per area: each ring's doubles are copied in one go.
// The bytes are the same as encodeGeometry gives for the equivalent GeoJSON.
import { allocateBlob, type Envelope } from './gpkg-geometry';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Parts 0..parts-1 of a flat polygon set as a MultiPolygon blob: part p is rings
 * partEnd[p-1]..partEnd[p], ring r is vertices ringEnd[r-1]..ringEnd[r] of xy
 * (interleaved x, y; the first part, ring and vertex start at 0).
 */
export function encodeFlatMultiPolygon(
  xy: Float64Array,
  ringEnd: Uint32Array,
  partEnd: Uint32Array,
  parts: number,
  srsId = 4326,
): Buffer {
  const rings = parts ? partEnd[parts - 1] : 0;
  const vertices = rings ? ringEnd[rings - 1] : 0;
  const env: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < vertices * 2; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`Invalid coordinate [${x},${y}]: expected two finite numbers`);
    if (x < env[0]) env[0] = x;
    if (y < env[1]) env[1] = y;
    if (x > env[2]) env[2] = x;
    if (y > env[3]) env[3] = y;
  }
  const wkbBytes = 9 + 9 * parts + 4 * rings + 16 * vertices;
  const { buf, wkbOffset } = allocateBlob(env, wkbBytes, srsId);
  let o = wkbOffset;
  o = head(buf, o, 6, parts);
  const bytes = new Uint8Array(xy.buffer, xy.byteOffset, vertices * 16);
  for (let p = 0; p < parts; p++) {
    const r0 = p ? partEnd[p - 1] : 0;
    o = head(buf, o, 3, partEnd[p] - r0);
    for (let r = r0; r < partEnd[p]; r++) {
      const v0 = r ? ringEnd[r - 1] : 0;
      const n = ringEnd[r] - v0;
      buf.writeUInt32LE(n, o);
      o += 4;
      if (LITTLE_ENDIAN_HOST) buf.set(bytes.subarray(v0 * 16, (v0 + n) * 16), o);
      else for (let j = 0; j < 2 * n; j++) buf.writeDoubleLE(xy[2 * v0 + j], o + 8 * j);
      o += 16 * n;
    }
  }
  if (o !== buf.length) throw new Error(`GeoPackage geometry size mismatch (${o} != ${buf.length})`);
  return buf;
}

/** Byte order, WKB type and item count. */
function head(buf: Buffer, o: number, type: number, count: number): number {
  buf[o] = 1;
  buf.writeUInt32LE(type, o + 1);
  buf.writeUInt32LE(count, o + 5);
  return o + 9;
}
