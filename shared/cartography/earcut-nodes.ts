// earcutFlat's linked-list nodes and the geometric tests on them, over typed
// arrays kept from one polygon to the next (earcut-flat.ts says why). Each
// function is earcut's of the same name (@math.gl/polygon 4.1), a node being an
// index where earcut has an object.

// Node fields. `vi` is the node's vertex index in the polygon; `pz`/`nz` link
// the z-order list (-1 for none); `st` marks a one-vertex hole (a Steiner point).
let cap = 0;
let used = 0;
export let xs = new Float64Array(0);
export let ys = new Float64Array(0);
export let vi = new Int32Array(0);
export let prv = new Int32Array(0);
export let nxt = new Int32Array(0);
export let pz = new Int32Array(0);
export let nz = new Int32Array(0);
export let zs = new Int32Array(0);
export let st = new Uint8Array(0);

/** Starts a polygon: no nodes, room for `nodes` without growing. */
export function resetNodes(nodes: number): void {
  used = 0;
  if (cap < nodes) grow(nodes, false);
}

function grow(nodes: number, keep: boolean): void {
  const size = Math.max(nodes, 2 * cap, 64);
  const f64 = (old: Float64Array) => { const a = new Float64Array(size); if (keep) a.set(old); return a; };
  const i32 = (old: Int32Array) => { const a = new Int32Array(size); if (keep) a.set(old); return a; };
  xs = f64(xs); ys = f64(ys);
  vi = i32(vi); prv = i32(prv); nxt = i32(nxt); pz = i32(pz); nz = i32(nz); zs = i32(zs);
  const s = new Uint8Array(size); if (keep) s.set(st); st = s;
  cap = size;
}

// Drop repeated and collinear nodes; `end` is -1 for "start".
export function filterPoints(start: number, end: number): number {
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

export function sectorContainsSector(m: number, p: number): boolean {
  return area(prv[m], m, prv[p]) < 0 && area(nxt[p], m, nxt[m]) < 0;
}

export function getLeftmost(start: number): number {
  let p = start;
  let leftmost = start;
  do {
    if (xs[p] < xs[leftmost] || (xs[p] === xs[leftmost] && ys[p] < ys[leftmost])) leftmost = p;
    p = nxt[p];
  } while (p !== start);
  return leftmost;
}

export function pointInTriangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, px: number, py: number): boolean {
  return (cx - px) * (ay - py) >= (ax - px) * (cy - py) && (ax - px) * (by - py) >= (bx - px) * (ay - py) && (bx - px) * (cy - py) >= (cx - px) * (by - py);
}

// A diagonal inside the polygon that crosses no edge (or earcut's zero-length case).
export function isValidDiagonal(a: number, b: number): boolean {
  return (
    vi[nxt[a]] !== vi[b] &&
    vi[prv[a]] !== vi[b] &&
    !intersectsPolygon(a, b) &&
    ((locallyInside(a, b) && locallyInside(b, a) && middleInside(a, b) && !!(area(prv[a], a, prv[b]) || area(a, prv[b], b))) ||
      (equals(a, b) && area(prv[a], a, nxt[a]) > 0 && area(prv[b], b, nxt[b]) > 0))
  );
}

export function area(p: number, q: number, r: number): number {
  return (ys[q] - ys[p]) * (xs[r] - xs[q]) - (xs[q] - xs[p]) * (ys[r] - ys[q]);
}

export function equals(a: number, b: number): boolean {
  return xs[a] === xs[b] && ys[a] === ys[b];
}

export function intersects(p1: number, q1: number, p2: number, q2: number): boolean {
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

export function locallyInside(a: number, b: number): boolean {
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
export function splitPolygon(a: number, b: number): number {
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

export function insertNode(i: number, x: number, y: number, last: number): number {
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

export function removeNode(p: number): void {
  prv[nxt[p]] = prv[p];
  nxt[prv[p]] = nxt[p];
  if (pz[p] >= 0) nz[pz[p]] = nz[p];
  if (nz[p] >= 0) pz[nz[p]] = pz[p];
}
