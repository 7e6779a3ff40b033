// Ear-cutting triangulation over typed arrays. It is earcut (mapbox/earcut, as
// @math.gl/polygon 4.1 adapts it: the same passes, hole bridges, z-order hash
// and tie-breaks, step for step) so its triangles are the very ones the map has
// always drawn; test/cartography/earcut-flat.test.ts holds it to the package.
// What differs is storage: earcut makes an object per vertex, which at a
// national level (190k polygons of ~41 vertices) is ~8M short-lived objects and
// a second or more of garbage collection. Here a node is an index into typed
// arrays that are kept and reused from one polygon to the next.

// Node fields. `vi` is the node's vertex index in the polygon; `pz`/`nz` link
// the z-order list (-1 for none); `st` marks a one-vertex hole (a Steiner point).
var cap = 0;
var used = 0;
var xs = new Float64Array(0);
var ys = new Float64Array(0);
var vi = new Int32Array(0);
var prv = new Int32Array(0);
var nxt = new Int32Array(0);
var pz = new Int32Array(0);
var nz = new Int32Array(0);
var zs = new Int32Array(0);
var st = new Uint8Array(0);
var out = new Uint32Array(64);
var outLen = 0;
const holeQueue: number[] = [];

function grow(nodes: number, keep: boolean): void {
  const size = Math.max(nodes, 2 * cap, 64);
  const f64 = (old: Float64Array) => { const a = new Float64Array(size); if (keep) a.set(old); return a; };
  const i32 = (old: Int32Array) => { const a = new Int32Array(size); if (keep) a.set(old); return a; };
  xs = f64(xs); ys = f64(ys);
  vi = i32(vi); prv = i32(prv); nxt = i32(nxt); pz = i32(pz); nz = i32(nz); zs = i32(zs);
  const s = new Uint8Array(size); if (keep) s.set(st); st = s;
  cap = size;
}

/**
 * Triangles of one polygon: `coords` holds `vertexCount` vertices as x, y
 * pairs, outer ring first, then each hole from its first vertex in
 * `holeStarts[0..holeCount)`. Returns vertex indices, three a triangle, as
 * earcut(coords, holeStarts, 2) does; the view is overwritten by the next call.
 */
export function earcutFlat(coords: Float64Array, vertexCount: number, holeStarts: ArrayLike<number>, holeCount: number): Uint32Array {
  used = 0;
  outLen = 0;
  if (cap < vertexCount + 2 * holeCount + 8) grow(vertexCount + 2 * holeCount + 8, false);
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

// Drop repeated and collinear nodes; `end` is -1 for "start".
function filterPoints(start: number, end: number): number {
  if (end < 0) end = start;
  let p = start;
  let again: boolean;
  do {
    again = false;
    if (!st[p] && (equals(p, nxt[p]) || area(prv[p], p, nxt[p]) === 0)) {
      removeNode(p);
      p = end = prv[p];
      if (p === nxt[p]) break;
      again = true;
    } else {
      p = nxt[p];
    }
  } while (again || p !== end);
  return end;
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
  const ax = x[a], bx = x[ear], cx = x[c];
  const ay = y[a], by = y[ear], cy = y[c];
  const x0 = ax < bx ? (ax < cx ? ax : cx) : bx < cx ? bx : cx;
  const y0 = ay < by ? (ay < cy ? ay : cy) : by < cy ? by : cy;
  const x1 = ax > bx ? (ax > cx ? ax : cx) : bx > cx ? bx : cx;
  const y1 = ay > by ? (ay > cy ? ay : cy) : by > cy ? by : cy;
  let p = nxt[c];
  while (p !== a) {
    const px = x[p];
    const py = y[p];
    if (px >= x0 && px <= x1 && py >= y0 && py <= y1 && pointInTriangle(ax, ay, bx, by, cx, cy, px, py) && area(prv[p], p, nxt[p]) >= 0) return false;
    p = nxt[p];
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

function sectorContainsSector(m: number, p: number): boolean {
  return area(prv[m], m, prv[p]) < 0 && area(nxt[p], m, nxt[m]) < 0;
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

function getLeftmost(start: number): number {
  let p = start;
  let leftmost = start;
  do {
    if (xs[p] < xs[leftmost] || (xs[p] === xs[leftmost] && ys[p] < ys[leftmost])) leftmost = p;
    p = nxt[p];
  } while (p !== start);
  return leftmost;
}

function pointInTriangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, px: number, py: number): boolean {
  return (cx - px) * (ay - py) >= (ax - px) * (cy - py) && (ax - px) * (by - py) >= (bx - px) * (ay - py) && (bx - px) * (cy - py) >= (cx - px) * (by - py);
}

// A diagonal inside the polygon that crosses no edge (or earcut's zero-length case).
function isValidDiagonal(a: number, b: number): boolean {
  return (
    vi[nxt[a]] !== vi[b] &&
    vi[prv[a]] !== vi[b] &&
    !intersectsPolygon(a, b) &&
    ((locallyInside(a, b) && locallyInside(b, a) && middleInside(a, b) && !!(area(prv[a], a, prv[b]) || area(a, prv[b], b))) ||
      (equals(a, b) && area(prv[a], a, nxt[a]) > 0 && area(prv[b], b, nxt[b]) > 0))
  );
}

function area(p: number, q: number, r: number): number {
  return (ys[q] - ys[p]) * (xs[r] - xs[q]) - (xs[q] - xs[p]) * (ys[r] - ys[q]);
}

function equals(a: number, b: number): boolean {
  return xs[a] === xs[b] && ys[a] === ys[b];
}

function intersects(p1: number, q1: number, p2: number, q2: number): boolean {
  const o1 = sign(area(p1, q1, p2));
  const o2 = sign(area(p1, q1, q2));
  const o3 = sign(area(p2, q2, p1));
  const o4 = sign(area(p2, q2, q1));
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, q2, q1)) return true;
  if (o3 === 0 && onSegment(p2, p1, q2)) return true;
  if (o4 === 0 && onSegment(p2, q1, q2)) return true;
  return false;
}

const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

// For collinear p, q, r: whether q lies on segment pr.
function onSegment(p: number, q: number, r: number): boolean {
  return xs[q] <= Math.max(xs[p], xs[r]) && xs[q] >= Math.min(xs[p], xs[r]) && ys[q] <= Math.max(ys[p], ys[r]) && ys[q] >= Math.min(ys[p], ys[r]);
}

function intersectsPolygon(a: number, b: number): boolean {
  const ia = vi[a];
  const ib = vi[b];
  let p = a;
  do {
    const q = nxt[p];
    if (vi[p] !== ia && vi[q] !== ia && vi[p] !== ib && vi[q] !== ib && intersects(p, q, a, b)) return true;
    p = q;
  } while (p !== a);
  return false;
}

function locallyInside(a: number, b: number): boolean {
  return area(prv[a], a, nxt[a]) < 0 ? area(a, b, nxt[a]) >= 0 && area(a, prv[a], b) >= 0 : area(a, b, prv[a]) < 0 || area(a, nxt[a], b) < 0;
}

function middleInside(a: number, b: number): boolean {
  let p = a;
  let inside = false;
  const px = (xs[a] + xs[b]) / 2;
  const py = (ys[a] + ys[b]) / 2;
  do {
    const q = nxt[p];
    if (ys[p] > py !== ys[q] > py && ys[q] !== ys[p] && px < ((xs[q] - xs[p]) * (py - ys[p])) / (ys[q] - ys[p]) + xs[p]) inside = !inside;
    p = q;
  } while (p !== a);
  return inside;
}

// Join a and b by a bridge: two new nodes, so one ring becomes two (or a hole
// joins the outer ring). Returns b's copy.
function splitPolygon(a: number, b: number): number {
  const a2 = newNode(vi[a], xs[a], ys[a]);
  const b2 = newNode(vi[b], xs[b], ys[b]);
  const an = nxt[a];
  const bp = prv[b];
  nxt[a] = b;
  prv[b] = a;
  nxt[a2] = an;
  prv[an] = a2;
  nxt[b2] = a2;
  prv[a2] = b2;
  nxt[bp] = b2;
  prv[b2] = bp;
  return b2;
}

function newNode(i: number, x: number, y: number): number {
  if (used === cap) grow(used + 1, true);
  const p = used++;
  vi[p] = i;
  xs[p] = x;
  ys[p] = y;
  zs[p] = 0;
  pz[p] = -1;
  nz[p] = -1;
  st[p] = 0;
  return p;
}

function insertNode(i: number, x: number, y: number, last: number): number {
  const p = newNode(i, x, y);
  if (last < 0) {
    prv[p] = p;
    nxt[p] = p;
  } else {
    nxt[p] = nxt[last];
    prv[p] = last;
    prv[nxt[last]] = p;
    nxt[last] = p;
  }
  return p;
}

function removeNode(p: number): void {
  prv[nxt[p]] = prv[p];
  nxt[prv[p]] = nxt[p];
  if (pz[p] >= 0) nz[pz[p]] = nz[p];
  if (nz[p] >= 0) pz[nz[p]] = pz[p];
}
