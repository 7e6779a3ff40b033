// Ear-cutting triangulation over typed arrays. It is earcut (mapbox/earcut, as
// @math.gl/polygon 4.1 adapts it: the same passes, hole bridges, z-order hash
// and tie-breaks, step for step) so its triangles are the very ones the map has
// always drawn; test/cartography/earcut-flat.test.ts holds it to the package.
// What differs is storage: earcut makes an object per vertex, which at a
// national level (190k polygons of ~41 vertices) is ~8M short-lived objects and
// a second or more of garbage collection. Here a node is an index into typed
// arrays that are kept and reused from one polygon to the next (earcut-nodes.ts).
import {
  area, equals, filterPoints, getLeftmost, insertNode, intersects, isValidDiagonal, locallyInside, nxt, pointInTriangle, prv,
  pz, removeNode, resetNodes, sectorContainsSector, splitPolygon, st, vi, xs, ys, nz, zs,
} from './earcut-nodes';

let out = new Uint32Array(64);
let outLen = 0;
const holeQueue: number[] = [];

/**
 * Triangles of one polygon: `coords` holds `vertexCount` vertices as x, y
 * pairs, outer ring first, then each hole from its first vertex in
 * `holeStarts[0..holeCount)`. Returns vertex indices, three a triangle, as
 * earcut(coords, holeStarts, 2) does; the view is overwritten by the next call.
 */
export function earcutFlat(coords: Float64Array, vertexCount: number, holeStarts: ArrayLike<number>, holeCount: number): Uint32Array {
  outLen = 0;
  resetNodes(vertexCount + 2 * holeCount + 8);
  const end = 2 * vertexCount;
  const outerLen = holeCount ? 2 * holeStarts[0] : end;
  let outer = linkedList(coords, 0, outerLen, true);
  if (outer < 0 || nxt[outer] === prv[outer]) return out.subarray(0, 0);
  if (holeCount) outer = eliminateHoles(coords, holeStarts, holeCount, end, outer);
  let minX = 0;
  let minY = 0;
  let invSize = 0;
  // Past 80 vertices (holes included) ear tests look up neighbours by a z-order hash.
  if (end > 160) {
    minX = coords[0];
    minY = coords[1];
    let maxX = minX;
    let maxY = minY;
    for (let i = 2; i < outerLen; i += 2) {
      const x = coords[i];
      const y = coords[i + 1];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    invSize = Math.max(maxX - minX, maxY - minY);
    invSize = invSize !== 0 ? 32767 / invSize : 0;
  }
  earcutLinked(outer, minX, minY, invSize, 0);
  return out.subarray(0, outLen);
}

function emit(a: number, b: number, c: number): void {
  if (outLen + 3 > out.length) {
    const bigger = new Uint32Array(2 * out.length);
    bigger.set(out);
    out = bigger;
  }
  out[outLen++] = vi[a];
  out[outLen++] = vi[b];
  out[outLen++] = vi[c];
}

// A circular doubly linked list of a ring, wound as asked: math.gl's signed
// area (its sign opposite to mapbox's) decides the direction, so it is computed
// the same way, halving included.
function linkedList(data: Float64Array, start: number, end: number, clockwise: boolean): number {
  let area2 = 0;
  for (let i = start, j = end - 2; i < end; i += 2) {
    area2 += (data[i] - data[j]) * (data[i + 1] + data[j + 1]);
    j = i;
  }
  let last = -1;
  if (clockwise === area2 / 2 < 0) {
    for (let i = start; i < end; i += 2) last = insertNode(i >> 1, data[i], data[i + 1], last);
  } else {
    for (let i = end - 2; i >= start; i -= 2) last = insertNode(i >> 1, data[i], data[i + 1], last);
  }
  if (last >= 0 && equals(last, nxt[last])) {
    removeNode(last);
    last = nxt[last];
  }
  return last;
}

// The ear-slicing loop, with earcut's three fallbacks when no ear is left:
// filter points (pass 1), cure local self-intersections (pass 2), split in two.
function earcutLinked(ear: number, minX: number, minY: number, invSize: number, pass: number): void {
  if (ear < 0) return;
  if (!pass && invSize) indexCurve(ear, minX, minY, invSize);
  let stop = ear;
  while (prv[ear] !== nxt[ear]) {
    const prev = prv[ear];
    const next = nxt[ear];
    if (invSize ? isEarHashed(ear, minX, minY, invSize) : isEar(ear)) {
      emit(prev, ear, next);
      removeNode(ear);
      ear = nxt[next];
      stop = nxt[next];
      continue;
    }
    ear = next;
    if (ear === stop) {
      if (!pass) {
        earcutLinked(filterPoints(ear, -1), minX, minY, invSize, 1);
      } else if (pass === 1) {
        ear = cureLocalIntersections(filterPoints(ear, -1));
        earcutLinked(ear, minX, minY, invSize, 2);
      } else if (pass === 2) {
        splitEarcut(ear, minX, minY, invSize);
      }
      break;
    }
  }
}

function isEar(ear: number): boolean {
  const a = prv[ear];
  const c = nxt[ear];
  if (area(a, ear, c) >= 0) return false; // reflex
  const x = xs;
  const y = ys;
  const next = nxt; // a local: the walk below is the triangulation's hottest loop
  const ax = x[a], bx = x[ear], cx = x[c];
  const ay = y[a], by = y[ear], cy = y[c];
  const x0 = ax < bx ? (ax < cx ? ax : cx) : bx < cx ? bx : cx;
  const y0 = ay < by ? (ay < cy ? ay : cy) : by < cy ? by : cy;
  const x1 = ax > bx ? (ax > cx ? ax : cx) : bx > cx ? bx : cx;
  const y1 = ay > by ? (ay > cy ? ay : cy) : by > cy ? by : cy;
  let p = next[c];
  while (p !== a) {
    const px = x[p];
    const py = y[p];
    if (px >= x0 && px <= x1 && py >= y0 && py <= y1 && pointInTriangle(ax, ay, bx, by, cx, cy, px, py) && area(prv[p], p, next[p]) >= 0) return false;
    p = next[p];
  }
  return true;
}

// Whether node p, met in the z-order walk, lies in ear a-b-c and so spoils it.
function blocks(p: number, a: number, c: number, ax: number, ay: number, bx: number, by: number, cx: number, cy: number, x0: number, y0: number, x1: number, y1: number): boolean {
  const px = xs[p];
  const py = ys[p];
  return px >= x0 && px <= x1 && py >= y0 && py <= y1 && p !== a && p !== c && pointInTriangle(ax, ay, bx, by, cx, cy, px, py) && area(prv[p], p, nxt[p]) >= 0;
}

function isEarHashed(ear: number, minX: number, minY: number, invSize: number): boolean {
  const a = prv[ear];
  const c = nxt[ear];
  if (area(a, ear, c) >= 0) return false; // reflex
  const ax = xs[a], bx = xs[ear], cx = xs[c];
  const ay = ys[a], by = ys[ear], cy = ys[c];
  const x0 = ax < bx ? (ax < cx ? ax : cx) : bx < cx ? bx : cx;
  const y0 = ay < by ? (ay < cy ? ay : cy) : by < cy ? by : cy;
  const x1 = ax > bx ? (ax > cx ? ax : cx) : bx > cx ? bx : cx;
  const y1 = ay > by ? (ay > cy ? ay : cy) : by > cy ? by : cy;
  const minZ = zOrder(x0, y0, minX, minY, invSize);
  const maxZ = zOrder(x1, y1, minX, minY, invSize);
  let p = pz[ear];
  let n = nz[ear];
  // Both directions at once, then what is left of either, as earcut walks them.
  while (p >= 0 && zs[p] >= minZ && n >= 0 && zs[n] <= maxZ) {
    if (blocks(p, a, c, ax, ay, bx, by, cx, cy, x0, y0, x1, y1)) return false;
    p = pz[p];
    if (blocks(n, a, c, ax, ay, bx, by, cx, cy, x0, y0, x1, y1)) return false;
    n = nz[n];
  }
  while (p >= 0 && zs[p] >= minZ) {
    if (blocks(p, a, c, ax, ay, bx, by, cx, cy, x0, y0, x1, y1)) return false;
    p = pz[p];
  }
  while (n >= 0 && zs[n] <= maxZ) {
    if (blocks(n, a, c, ax, ay, bx, by, cx, cy, x0, y0, x1, y1)) return false;
    n = nz[n];
  }
  return true;
}

function cureLocalIntersections(start: number): number {
  let p = start;
  do {
    const a = prv[p];
    const b = nxt[nxt[p]];
    if (!equals(a, b) && intersects(a, p, nxt[p], b) && locallyInside(a, b) && locallyInside(b, a)) {
      emit(a, p, b);
      removeNode(p);
      removeNode(nxt[p]); // a removed node keeps its links, as earcut's do
      p = start = b;
    }
    p = nxt[p];
  } while (p !== start);
  return filterPoints(p, -1);
}

function splitEarcut(start: number, minX: number, minY: number, invSize: number): void {
  let a = start;
  do {
    let b = nxt[nxt[a]];
    while (b !== prv[a]) {
      if (vi[a] !== vi[b] && isValidDiagonal(a, b)) {
        let c = splitPolygon(a, b);
        a = filterPoints(a, nxt[a]);
        c = filterPoints(c, nxt[c]);
        earcutLinked(a, minX, minY, invSize, 0);
        earcutLinked(c, minX, minY, invSize, 0);
        return;
      }
      b = nxt[b];
    }
    a = nxt[a];
  } while (a !== start);
}

const compareX = (a: number, b: number) => xs[a] - xs[b];

// Bridge each hole into the outer ring, left to right by their leftmost vertex
// (a stable sort, as Array.prototype.sort is and earcut relies on).
function eliminateHoles(data: Float64Array, holeStarts: ArrayLike<number>, holeCount: number, end: number, outer: number): number {
  holeQueue.length = 0;
  for (let h = 0; h < holeCount; h++) {
    const from = 2 * holeStarts[h];
    const to = h < holeCount - 1 ? 2 * holeStarts[h + 1] : end;
    const list = linkedList(data, from, to, false);
    if (list < 0) throw new TypeError(`earcut: hole ${h} has no vertices`); // earcut fails here too
    if (list === nxt[list]) st[list] = 1;
    holeQueue.push(getLeftmost(list));
  }
  holeQueue.sort(compareX);
  for (let h = 0; h < holeQueue.length; h++) {
    const hole = holeQueue[h];
    const bridge = findHoleBridge(hole, outer);
    if (bridge < 0) continue;
    const bridgeReverse = splitPolygon(bridge, hole);
    filterPoints(bridgeReverse, nxt[bridgeReverse]);
    outer = filterPoints(bridge, nxt[bridge]);
  }
  return outer;
}

// David Eberly's bridge from a hole's leftmost vertex to the outer ring.
function findHoleBridge(hole: number, outer: number): number {
  let p = outer;
  const hx = xs[hole];
  const hy = ys[hole];
  let qx = -Infinity;
  let m = -1;
  do {
    const q = nxt[p];
    if (hy <= ys[p] && hy >= ys[q] && ys[q] !== ys[p]) {
      const x = xs[p] + ((hy - ys[p]) * (xs[q] - xs[p])) / (ys[q] - ys[p]);
      if (x <= hx && x > qx) {
        qx = x;
        m = xs[p] < xs[q] ? p : q;
        if (x === hx) return m; // the hole touches the segment
      }
    }
    p = q;
  } while (p !== outer);
  if (m < 0) return -1;
  const stop = m;
  const mx = xs[m];
  const my = ys[m];
  let tanMin = Infinity;
  p = m;
  do {
    const px = xs[p];
    const py = ys[p];
    if (hx >= px && px >= mx && hx !== px && pointInTriangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, px, py)) {
      const tan = Math.abs(hy - py) / (hx - px);
      if (locallyInside(p, hole) && (tan < tanMin || (tan === tanMin && (px > xs[m] || (px === xs[m] && sectorContainsSector(m, p)))))) {
        m = p;
        tanMin = tan;
      }
    }
    p = nxt[p];
  } while (p !== stop);
  return m;
}

function indexCurve(start: number, minX: number, minY: number, invSize: number): void {
  let p = start;
  do {
    if (zs[p] === 0) zs[p] = zOrder(xs[p], ys[p], minX, minY, invSize);
    pz[p] = prv[p];
    nz[p] = nxt[p];
    p = nxt[p];
  } while (p !== start);
  nz[pz[p]] = -1;
  pz[p] = -1;
  sortLinked(p);
}

// Simon Tatham's linked-list merge sort, on the z-order links.
function sortLinked(list: number): void {
  let inSize = 1;
  let numMerges: number;
  do {
    let p = list;
    list = -1;
    let tail = -1;
    numMerges = 0;
    while (p >= 0) {
      numMerges++;
      let q = p;
      let pSize = 0;
      for (let i = 0; i < inSize; i++) {
        pSize++;
        q = nz[q];
        if (q < 0) break;
      }
      let qSize = inSize;
      while (pSize > 0 || (qSize > 0 && q >= 0)) {
        let e: number;
        if (pSize !== 0 && (qSize === 0 || q < 0 || zs[p] <= zs[q])) {
          e = p;
          p = nz[p];
          pSize--;
        } else {
          e = q;
          q = nz[q];
          qSize--;
        }
        if (tail >= 0) nz[tail] = e;
        else list = e;
        pz[e] = tail;
        tail = e;
      }
      p = q;
    }
    nz[tail] = -1;
    inSize *= 2;
  } while (numMerges > 1);
}

// z-order of a point, its coordinates scaled to 15-bit integers.
function zOrder(px: number, py: number, minX: number, minY: number, invSize: number): number {
  let x = ((px - minX) * invSize) | 0;
  let y = ((py - minY) * invSize) | 0;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  y = (y | (y << 8)) & 0x00ff00ff;
  y = (y | (y << 4)) & 0x0f0f0f0f;
  y = (y | (y << 2)) & 0x33333333;
  y = (y | (y << 1)) & 0x55555555;
  return x | (y << 1);
}
