// Does a polygon (its rings as flat arrays) really cross itself? The same
// answer as turf.kinks followed by "ignore kinks that sit on a vertex" (the
// check the importer used before), without turf's all-pairs loop and its
// GeoJSON point per kink: segments are swept in x order so only pairs whose
// boxes overlap are tested, with turf's own intersection arithmetic.

/** Degrees (~1 mm): a "kink" this close to a vertex is the ring touching itself there. */
export const TOUCH_TOLERANCE = 1e-8;

// Scratch space reused across calls: one boundary file is ~200k polygons.
// Segment boxes in ring order, swept through their minX order (order[]): read
// in place rather than copied into that order first (~10% of the check).
let minX = new Float64Array(256);
let maxX = new Float64Array(256);
let minY = new Float64Array(256);
let maxY = new Float64Array(256);
let segStart = new Uint32Array(256);
let segRing = new Uint32Array(256);
let order = new Uint32Array(256);
let bucketOf = new Uint32Array(256);
let bucketStart = new Uint32Array(257);

function ensure(n: number): void {
  if (n <= minX.length) return;
  const size = Math.max(n, minX.length * 2);
  minX = new Float64Array(size);
  maxX = new Float64Array(size);
  minY = new Float64Array(size);
  maxY = new Float64Array(size);
  segStart = new Uint32Array(size);
  segRing = new Uint32Array(size);
  order = new Uint32Array(size);
  bucketOf = new Uint32Array(size);
  bucketStart = new Uint32Array(size + 1);
}

/**
 * True only for real crossings between segments of rings r0..r1 (closed, no
 * repeated consecutive vertices). Rings that touch themselves or each other at
 * a shared vertex are valid for point-in-polygon and drawing, and are common in
 * generalised ONS boundaries, so they are not crossings.
 */
export function crossesItself(xy: Float64Array, ringEnd: Uint32Array, r0: number, r1: number): boolean {
  const v0 = r0 ? ringEnd[r0 - 1] : 0;
  ensure(ringEnd[r1 - 1] - v0);
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = r0; r < r1; r++) {
    const last = ringEnd[r] - 1;
    for (let v = r ? ringEnd[r - 1] : 0; v < last; v++) {
      const ax = xy[2 * v], ay = xy[2 * v + 1], bx = xy[2 * v + 2], by = xy[2 * v + 3];
      const x = ax < bx ? ax : bx;
      minX[n] = x;
      maxX[n] = ax < bx ? bx : ax;
      minY[n] = ay < by ? ay : by;
      maxY[n] = ay < by ? by : ay;
      segStart[n] = v;
      segRing[n] = r;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      n++;
    }
  }
  sortByMinX(n, lo, hi);
  // Which pairs are tested depends only on their boxes, not on how ties in minX are ordered.
  for (let a = 0; a < n; a++) {
    const i = order[a];
    const reach = maxX[i] + TOUCH_TOLERANCE;
    const top = maxY[i] + TOUCH_TOLERANCE;
    const bottom = minY[i] - TOUCH_TOLERANCE;
    for (let b = a + 1; b < n; b++) {
      const j = order[b];
      if (minX[j] > reach) break;
      if (minY[j] > top || maxY[j] < bottom) continue;
      // turf.kinks's argument order: lower ring, then lower segment, first.
      const aFirst = segRing[i] < segRing[j] || (segRing[i] === segRing[j] && segStart[i] < segStart[j]);
      const p = aFirst ? segStart[i] : segStart[j];
      const q = aFirst ? segStart[j] : segStart[i];
      if (segRing[i] === segRing[j]) {
        const r = segRing[i];
        // Neighbours share a vertex, as do the first and last segments of the (closed) ring.
        if (q - p === 1 || (p === (r ? ringEnd[r - 1] : 0) && q === ringEnd[r] - 2)) continue;
      }
      if (kinkOffVertex(xy, p, q, v0, ringEnd[r1 - 1])) return true;
    }
  }
  return false;
}

/** Segments p and q (by start vertex) meet at a point not within tolerance of any vertex v0..v1 of the polygon. */
function kinkOffVertex(xy: Float64Array, p: number, q: number, v0: number, v1: number): boolean {
  const x1 = xy[2 * p], y1 = xy[2 * p + 1], x2 = xy[2 * p + 2], y2 = xy[2 * p + 3];
  const x3 = xy[2 * q], y3 = xy[2 * q + 1], x4 = xy[2 * q + 2], y4 = xy[2 * q + 3];
  // turf.kinks lineIntersects, term for term, so the same pairs count as meeting.
  const denominator = (y4 - y3) * (x2 - x1) - (x4 - x3) * (y2 - y1);
  if (denominator === 0) return false;
  const a0 = y1 - y3;
  const b0 = x1 - x3;
  const a = ((x4 - x3) * a0 - (y4 - y3) * b0) / denominator;
  const b = ((x2 - x1) * a0 - (y2 - y1) * b0) / denominator;
  if (!(a >= 0 && a <= 1 && b >= 0 && b <= 1)) return false;
  const x = x1 + a * (x2 - x1);
  const y = y1 + a * (y2 - y1);
  const near = (v: number) => Math.abs(xy[2 * v] - x) <= TOUCH_TOLERANCE && Math.abs(xy[2 * v + 1] - y) <= TOUCH_TOLERANCE;
  // Nearly always the meeting point is an end of one of the two segments.
  if (near(p) || near(p + 1) || near(q) || near(q + 1)) return false;
  for (let v = v0; v < v1; v++) if (near(v)) return false;
  return true;
}

/**
 * Orders order[0..n) by minX. A usual ring of a few dozen segments: dealt into n
 * buckets over lo..hi, then an insertion sort with little left to do (insertion
 * sort alone moved most segments past most others); a long ring: a library sort.
 */
function sortByMinX(n: number, lo: number, hi: number): void {
  if (n > 128) {
    for (let i = 0; i < n; i++) order[i] = i;
    order.set(Array.from(order.subarray(0, n)).sort((i, j) => minX[i] - minX[j]));
    return;
  }
  if (n > 8 && hi > lo) {
    const scale = n / (hi - lo);
    bucketStart.fill(0, 0, n + 1);
    for (let i = 0; i < n; i++) {
      const b = Math.min(n - 1, Math.floor((minX[i] - lo) * scale));
      bucketOf[i] = b;
      bucketStart[b + 1]++;
    }
    for (let b = 0; b < n; b++) bucketStart[b + 1] += bucketStart[b];
    for (let i = 0; i < n; i++) order[bucketStart[bucketOf[i]]++] = i;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
  }
  for (let a = 1; a < n; a++) {
    const i = order[a];
    const key = minX[i];
    let b = a - 1;
    while (b >= 0 && minX[order[b]] > key) {
      order[b + 1] = order[b];
      b--;
    }
    order[b + 1] = i;
  }
}
