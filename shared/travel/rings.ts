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

interface Outer {
  ring: GridRing;
  area: number;
  box: [number, number, number, number];
  holes: GridRing[];
}

function boxOf(ring: GridRing): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

function pointInRing(x: number, y: number, ring: GridRing): boolean {
  let inside = false;
  for (let a = 0, b = ring.length - 2; a < ring.length - 1; b = a++) {
    const [xa, ya] = ring[a], [xb, yb] = ring[b];
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
  for (const hole of holes) {
    const [x, y] = hole[0];
    const parent = outers.find((o) => x >= o.box[0] && x <= o.box[2] && y >= o.box[1] && y <= o.box[3] && pointInRing(x, y, o.ring));
    parent?.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}
