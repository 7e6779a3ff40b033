// Polygon records of a .shp straight into flat arrays (flat-polygons.ts), for
// the boundary importer. Rings become polygons exactly as the `shapefile`
// package does it (clockwise rings are outers, each other ring goes to the
// first outer that contains it, else stands alone), so areas come out the same;
// only the per-vertex [x, y] arrays are gone. Bad records are skipped the same
// way too (scan ahead for the next record number, shapefile issue #36).
import { FlatBuilder, type FlatPolygons } from './flat-polygons';
import { ImportError, fmt } from './importer';

/** Shape types whose records start with the Polygon layout (Z and M arrays follow the points and are ignored). */
export const POLYGON_SHAPE_TYPES = new Set([5, 15, 25]);

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reads every record of a polygon .shp (its header already checked); onRecord sees each record number, for progress.
 * inPlace: the bytes are the caller's to overwrite (a file it read), so the vertices are gathered at the start of
 * the .shp's own buffer instead of a copy of it (130 MB nationally): points take 16 of a record's bytes and a record
 * has a header too, so they never overtake the record being read (a damaged record's repeated rings might: then
 * they move to an array of their own).
 */
export function readShpPolygons(file: string, shp: Uint8Array, onRecord?: (n: number) => void, inPlace = false): FlatPolygons {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const type = view.getInt32(32, true);
  // Points take 16 of a record's bytes each, so this bounds the vertex count.
  const capacity = Math.ceil(Math.max(0, shp.length - 100) / 16);
  const own = inPlace && LITTLE_ENDIAN_HOST && shp.byteOffset % 8 === 0 && shp.buffer instanceof ArrayBuffer;
  const out = new FlatBuilder(capacity, own ? new Float64Array(shp.buffer as ArrayBuffer, shp.byteOffset, 2 * Math.floor(shp.length / 16)) : undefined);
  let at = 100;
  let index = 0;
  while (at < shp.length) {
    index++;
    if ((index & 1023) === 0) onRecord?.(index);
    let length = 0;
    let rtype = 0;
    for (let skipping = false; ; skipping = true) {
      if (at + 12 > shp.length) {
        // Like the package: the end of the file ends a scan quietly.
        if (skipping || at >= shp.length) return out.finish();
        throw damaged(file, index, 'the last record header is cut short');
      }
      length = view.getInt32(at + 4, false) * 2 - 4;
      rtype = view.getInt32(at + 8, true);
      if (!(length < 0 || (rtype && rtype !== type))) break;
      // Corrupt header: scan ahead in 4-byte steps for the next record number.
      do at += 4;
      while (at + 12 <= shp.length && view.getInt32(at, false) !== index);
    }
    const content = at + 8; // the record's shape type; its body follows
    const end = at + 12 + length;
    if (end > shp.length) throw damaged(file, index, 'the record runs past the end of the file');
    at = end;
    if (!rtype) {
      out.endFeature('has no geometry');
      continue;
    }
    readPolygonRecord(file, index, shp, view, content, end, out);
  }
  return out.finish();
}

function damaged(file: string, record: number, why: string): ImportError {
  return new ImportError(`${file} record ${fmt(record)}: cannot read the shapefile, it may be damaged or truncated (${why})`);
}

// One record: numParts at +36, numPoints at +40, part starts, then points.
function readPolygonRecord(
  file: string, index: number, shp: Uint8Array, view: DataView, content: number, end: number, out: FlatBuilder,
): void {
  if (content + 44 > end) throw damaged(file, index, 'the record is shorter than its header');
  const nParts = view.getInt32(content + 36, true);
  const nPoints = view.getInt32(content + 40, true);
  const partsAt = content + 44;
  const pointsAt = partsAt + 4 * nParts;
  if (nParts < 0 || nPoints < 0 || pointsAt + 16 * nPoints > end) throw damaged(file, index, 'the record is shorter than its parts and points');
  const first = out.reserve(nPoints);
  // The part starts are read before the points are copied: read in place, the points may land on them.
  const oneRing = nParts === 1 && view.getInt32(partsAt, true) === 0;
  // Ring ranges as Array.prototype.slice(parts[j], parts[j + 1]) would take them.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let j = 0; j < nParts && !oneRing; j++) {
    const s = clampSlice(view.getInt32(partsAt + 4 * j, true), nPoints);
    const e = j + 1 < nParts ? clampSlice(view.getInt32(partsAt + 4 * j + 4, true), nPoints) : nPoints;
    starts.push(first + s);
    ends.push(first + Math.max(s, e));
  }
  if (out.xy.buffer === shp.buffer) {
    // Read in place: a move towards the file's start, over headers already read.
    shp.copyWithin(first * 16, pointsAt, pointsAt + nPoints * 16);
  } else if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(out.xy.buffer, out.xy.byteOffset + first * 16, nPoints * 16).set(shp.subarray(pointsAt, pointsAt + nPoints * 16));
  } else {
    for (let j = 0; j < nPoints * 2; j++) out.xy[first * 2 + j] = view.getFloat64(pointsAt + 8 * j, true);
  }
  if (oneRing) {
    // One ring (the usual boundary): a polygon of its own whatever its winding.
    out.vertices = first + nPoints;
    out.endRing();
    out.endPart();
    out.endFeature();
    return;
  }
  const xy = out.xy;
  const polygons: number[][] = [];
  const holes: number[] = [];
  for (let j = 0; j < nParts; j++) {
    if (ringClockwise(xy, starts[j], ends[j])) polygons.push([j]);
    else holes.push(j);
  }
  for (const h of holes) {
    if (!polygons.some((p) => ringContainsSome(xy, starts[p[0]], ends[p[0]], starts[h], ends[h]) && (p.push(h), true))) polygons.push([h]);
  }
  // Rings may repeat or overlap in a damaged file, so copy them after the record's raw points.
  const raw = xy.slice(first * 2, (first + nPoints) * 2);
  out.vertices = first;
  let total = 0;
  for (let j = 0; j < nParts; j++) total += ends[j] - starts[j];
  // More points than the record held would overwrite the next record in place.
  if (out.xy.buffer === shp.buffer && (first + total) * 16 > end) out.ownStorage(first + total + Math.ceil((shp.length - end) / 16));
  for (const polygon of polygons) {
    for (const j of polygon) {
      const n = ends[j] - starts[j];
      const at = out.reserve(n);
      out.xy.set(raw.subarray((starts[j] - first) * 2, (ends[j] - first) * 2), at * 2);
      out.vertices = at + n;
      out.endRing();
    }
    out.endPart();
  }
  out.endFeature();
}

function clampSlice(i: number, n: number): number {
  return i < 0 ? Math.max(0, n + i) : Math.min(i, n);
}

function ringClockwise(xy: Float64Array, s: number, e: number): boolean {
  const n = e - s;
  if (n < 4) return false;
  const l = (e - 1) * 2;
  let area = xy[l + 1] * xy[s * 2] - xy[l] * xy[s * 2 + 1];
  for (let i = s + 1; i < e; i++) area += xy[i * 2 - 1] * xy[i * 2] - xy[i * 2 - 2] * xy[i * 2 + 1];
  return area >= 0;
}

function ringContainsSome(xy: Float64Array, rs: number, re: number, hs: number, he: number): boolean {
  for (let i = hs; i < he; i++) {
    const c = ringContains(xy, rs, re, xy[i * 2], xy[i * 2 + 1]);
    if (c) return c > 0;
  }
  return false;
}

function ringContains(xy: Float64Array, s: number, e: number, x: number, y: number): number {
  let contains = -1;
  for (let i = s, j = e - 1; i < e; j = i++) {
    const xi = xy[i * 2], yi = xy[i * 2 + 1], xj = xy[j * 2], yj = xy[j * 2 + 1];
    if (segmentContains(xi, yi, xj, yj, x, y)) return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) contains = -contains;
  }
  return contains;
}

function segmentContains(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const x20 = x2 - x0, y20 = y2 - y0;
  if (x20 === 0 && y20 === 0) return true;
  const x10 = x1 - x0, y10 = y1 - y0;
  if (x10 === 0 && y10 === 0) return false;
  const t = (x20 * x10 + y20 * y10) / (x10 * x10 + y10 * y10);
  return t < 0 || t > 1 ? false : t === 0 || t === 1 ? true : t * x10 === x20 && t * y10 === y20;
}
