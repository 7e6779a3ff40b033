// Closed rings that never touch or cross (as isobands.ts traces them) into
// polygons: each hole goes to the smallest outer ring around it.

/** A ring in grid units: x = column, y = row, first point repeated at the end. */
export type GridRing = Array<[number, number]>;

/** Twice the signed area: positive for counter-clockwise rings. */
export function signedArea2(ring: GridRing): number {
  let s = 0;
  for (let k = 0; k + 1 < ring.length; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return s;
}

export type Box = [number, number, number, number];

interface Outer {
  ring: GridRing;
  area: number;
  box: Box;
  holes: GridRing[];
  rows?: Map<number, number[]>;
}

export function boxOf(ring: GridRing): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/**
 * Items by the grid tiles their boxes cover, so a point finds the few boxes
 * around it instead of testing every ring: a national band has tens of
 * thousands of rings, and testing each hole against each outer was quadratic.
 */
export class BoxTiles<T extends { box: Box }> {
  private readonly tiles = new Map<number, T[]>();
  constructor(items: Iterable<T>, private readonly tile = 32) {
    for (const item of items) {
      const [x0, y0, x1, y1] = item.box;
      for (let ty = Math.floor(y0 / tile); ty <= Math.floor(y1 / tile); ty++) {
        for (let tx = Math.floor(x0 / tile); tx <= Math.floor(x1 / tile); tx++) {
          const key = this.key(tx, ty);
          const list = this.tiles.get(key);
          if (list) list.push(item);
          else this.tiles.set(key, [item]);
        }
      }
    }
  }
  private key(tx: number, ty: number): number {
    return (ty + 2 ** 20) * 2 ** 21 + tx + 2 ** 20;
  }
  /** Items whose box may hold (x, y), in the order they were given. */
  near(x: number, y: number): readonly T[] {
    return this.tiles.get(this.key(Math.floor(x / this.tile), Math.floor(y / this.tile))) ?? [];
  }
}

export function pointInRing(x: number, y: number, ring: GridRing): boolean {
  let inside = false;
  for (let a = 0, b = ring.length - 2; a < ring.length - 1; b = a++) {
    const [xa, ya] = ring[a], [xb, yb] = ring[b];
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}

/**
 * The same parity test with the ring's edges bucketed by row (built once per
 * ring, on its first test): a country-wide outer ring has ~10⁵ vertices, and
 * every hole inside it is tested against it.
 */
function pointInOuter(x: number, y: number, outer: Outer): boolean {
  const ring = outer.ring;
  if (!outer.rows) {
    const rows = new Map<number, number[]>();
    for (let a = 0, b = ring.length - 2; a < ring.length - 1; b = a++) {
      const ya = ring[a][1], yb = ring[b][1];
      for (let r = Math.floor(Math.min(ya, yb)); r <= Math.floor(Math.max(ya, yb)); r++) {
        const list = rows.get(r);
        if (list) list.push(a, b);
        else rows.set(r, [a, b]);
      }
    }
    outer.rows = rows;
  }
  let inside = false;
  const edges = outer.rows.get(Math.floor(y)) ?? [];
  for (let k = 0; k < edges.length; k += 2) {
    const [xa, ya] = ring[edges[k]], [xb, yb] = ring[edges[k + 1]];
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}

/**
 * Counter-clockwise rings are outers, clockwise ones holes; a hole goes to the
 * smallest outer containing it (an island inside a lake inside an island gets
 * the right parent). Rings never touch, so testing one vertex is unambiguous.
 */
export function ringsToPolygons(rings: GridRing[]): GridRing[][] {
  const outers: Outer[] = [];
  const holes: GridRing[] = [];
  for (const ring of rings) {
    const a = signedArea2(ring);
    if (a > 0) outers.push({ ring, area: a, box: boxOf(ring), holes: [] });
    else if (a < 0) holes.push(ring);
  }
  outers.sort((p, q) => p.area - q.area);
  const tiles = new BoxTiles(outers);
  for (const hole of holes) {
    const [x, y] = hole[0];
    const parent = tiles.near(x, y).find((o) => x >= o.box[0] && x <= o.box[2] && y >= o.box[1] && y <= o.box[3] && pointInOuter(x, y, o));
    parent?.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}
