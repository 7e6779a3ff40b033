// Marching squares on a binary grid, traced into closed rings with the inside
// on the left: outer rings come out counter-clockwise and holes clockwise.
// Every vertex is the midpoint of a grid edge used by exactly one ring, so rings
// never touch or cross; saddles are resolved as "inside connected" throughout.

/** A ring in grid units: x = column, y = row, first point repeated at the end. */
export type GridRing = Array<[number, number]>;

/**
 * `inside(i, j)` for 0 ≤ i < width, 0 ≤ j < height; values outside the grid count
 * as outside, so every ring closes.
 */
export function traceRings(width: number, height: number, inside: (i: number, j: number) => boolean): GridRing[] {
  const W = width + 2; // one padding column each side
  const H = height + 2;
  const v = new Uint8Array(W * H);
  for (let j = 0; j < height; j++) for (let i = 0; i < width; i++) if (inside(i, j)) v[(j + 1) * W + i + 1] = 1;

  // Edge ids: 2·(j·W + i) for the horizontal edge from corner (i,j) to (i+1,j),
  // +1 for the vertical edge from (i,j) to (i,j+1). next[edge] = the edge the ring goes to.
  const next = new Int32Array(2 * W * H).fill(-1);
  const starts: number[] = [];
  const H_ = (i: number, j: number) => 2 * (j * W + i);
  const V_ = (i: number, j: number) => 2 * (j * W + i) + 1;
  for (let j = 0; j + 1 < H; j++) {
    for (let i = 0; i + 1 < W; i++) {
      const a = v[j * W + i], b = v[j * W + i + 1], c = v[(j + 1) * W + i + 1], d = v[(j + 1) * W + i];
      if (a === b && b === c && c === d) continue;
      // The square's boundary counter-clockwise: bottom a→b, right b→c, top c→d, left d→a.
      const edges = [H_(i, j), V_(i + 1, j), H_(i, j + 1), V_(i, j)];
      const from = [a, b, c, d];
      const to = [b, c, d, a];
      // A segment runs from each in→out edge to the next out→in edge, counter-clockwise.
      for (let k = 0; k < 4; k++) {
        if (!(from[k] === 1 && to[k] === 0)) continue;
        for (let s = 1; s < 4; s++) {
          const m = (k + s) % 4;
          if (from[m] === 0 && to[m] === 1) {
            next[edges[k]] = edges[m];
            starts.push(edges[k]);
            break;
          }
        }
      }
    }
  }

  const point = (edge: number): [number, number] => {
    const cell = edge >> 1;
    const i = cell % W, j = (cell - i) / W;
    // Back to unpadded coordinates.
    return edge & 1 ? [i - 1, j - 0.5] : [i - 0.5, j - 1];
  };
  const rings: GridRing[] = [];
  for (const start of starts) {
    if (next[start] < 0) continue; // already traced
    const ring: GridRing = [];
    let e = start;
    do {
      ring.push(point(e));
      const n = next[e];
      next[e] = -1;
      e = n;
    } while (e !== start && e >= 0);
    ring.push(ring[0]);
    rings.push(dropCollinear(ring));
  }
  return rings;
}

/** Straight runs of the staircase need only their ends; removing the rest keeps the ring simple. */
function dropCollinear(ring: GridRing): GridRing {
  const pts = ring.slice(0, -1);
  const out: GridRing = [];
  for (let k = 0; k < pts.length; k++) {
    const p = pts[(k + pts.length - 1) % pts.length], q = pts[k], r = pts[(k + 1) % pts.length];
    const cross = (q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0]);
    if (cross !== 0) out.push(q);
  }
  out.push(out[0]);
  return out;
}

/** Twice the signed area: positive for counter-clockwise rings. */
export function signedArea2(ring: GridRing): number {
  let s = 0;
  for (let k = 0; k + 1 < ring.length; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return s;
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
 * Rings into polygons: each hole goes to the smallest outer ring containing it
 * (an island inside a lake inside an island gets the right parent).
 */
export function ringsToPolygons(rings: GridRing[]): GridRing[][] {
  const outers = rings.filter((r) => signedArea2(r) > 0).map((r) => ({ ring: r, area: signedArea2(r), holes: [] as GridRing[] }));
  outers.sort((a, b) => a.area - b.area);
  for (const hole of rings.filter((r) => signedArea2(r) < 0)) {
    // A hole vertex lies on a grid edge midpoint that no other ring uses, so the test is unambiguous.
    const [x, y] = hole[0];
    const parent = outers.find((o) => pointInRing(x, y, o.ring));
    parent?.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}
