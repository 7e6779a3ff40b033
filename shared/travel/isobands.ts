// Travel-time bands from a grid of times: one set of polygons per band, which
// tile the reached area without overlapping, so a map draws each place once in
// its band's colour (no darker patches where bands or sites meet, no specks of
// unfilled grid between them).
//
// How: each limit's cumulative region {time ≤ limit} is traced with marching
// squares, its vertices interpolated along grid edges, so edges are smooth
// rather than a staircase of cells. The saddle of a square is decided by the
// mean of its corners, which makes every cumulative region contain the one
// before it and their boundaries never touch. Band k is then the region of
// limit k with that of limit k−1 cut out: limit k's rings plus limit k−1's
// rings reversed. Pure: no I/O; tests check it against hand-made grids.
import { BoxTiles, boxOf, pointInRing, ringsToPolygons, signedArea2, type Box, type GridRing } from './rings';

export type { GridRing } from './rings';

/** Times at grid points, row-major: x = column (0 … width−1), y = row. */
export interface TimeGrid {
  width: number;
  height: number;
  /** Seconds at each grid point; Infinity (or NaN) where nothing reaches. */
  seconds: Float64Array;
}

export interface IsobandOptions {
  /** Outer rings smaller than this many grid cells are dropped (isolated specks), and so are holes. Default 0. */
  minCells?: number;
  /**
   * 'incremental': band k is the area from limit k−1 to limit k (they tile, none overlaps);
   * 'cumulative': band k is everything within limit k (each contains the one before).
   */
  rings?: 'incremental' | 'cumulative';
  /**
   * Holes smaller than this many grid cells are filled: pockets the grid left between
   * roads (a block's back gardens) inside a band. Default 0.
   */
  fillHoleCells?: number;
}

export interface Isoband {
  /** Band limits in seconds: from (exclusive, 0 for the first or cumulative) to (inclusive). */
  fromSeconds: number;
  toSeconds: number;
  /** Polygons in grid units: outer ring counter-clockwise, then its holes clockwise. */
  polygons: GridRing[][];
}

/** How far along a grid edge a vertex may sit from a grid point, so vertices of different edges never coincide. */
const EDGE_MARGIN = 0.01;

/**
 * The cumulative region {time ≤ limit} as closed rings in grid units, inside on
 * the left. `values` is the grid padded with one ring of `unreached` values.
 */
function contour(values: Float64Array, W: number, H: number, limit: number): GridRing[] {
  // Edge ids: 2·(j·W + i) for the horizontal edge from point (i,j) to (i+1,j),
  // +1 for the vertical edge from (i,j) to (i,j+1). next[edge] = the edge the ring goes to.
  const next = new Int32Array(2 * W * H).fill(-1);
  const starts: number[] = [];
  const edges = [0, 0, 0, 0];
  const state = [0, 0, 0, 0];
  for (let j = 0; j + 1 < H; j++) {
    for (let i = 0; i + 1 < W; i++) {
      const ta = values[j * W + i], tb = values[j * W + i + 1], tc = values[(j + 1) * W + i + 1], td = values[(j + 1) * W + i];
      const a = ta <= limit ? 1 : 0, b = tb <= limit ? 1 : 0, c = tc <= limit ? 1 : 0, d = td <= limit ? 1 : 0;
      const sum = a + b + c + d;
      if (sum === 0 || sum === 4) continue;
      // The square's boundary counter-clockwise: bottom a→b, right b→c, top c→d, left d→a.
      edges[0] = 2 * (j * W + i);
      edges[1] = 2 * (j * W + i + 1) + 1;
      edges[2] = 2 * ((j + 1) * W + i);
      edges[3] = 2 * (j * W + i) + 1;
      state[0] = a; state[1] = b; state[2] = c; state[3] = d;
      // A saddle (two opposite corners inside) is joined through the middle when the
      // square's mean time is within the limit: a larger limit only ever joins more.
      const saddle = sum === 2 && a === c;
      const joined = saddle && (ta + tb + tc + td) / 4 <= limit;
      for (let k = 0; k < 4; k++) {
        // A segment runs from each in→out edge to an out→in edge: the next one counter-clockwise
        // keeps the inside joined, the other one (only at a saddle) cuts off this corner alone.
        if (!(state[k] === 1 && state[(k + 1) % 4] === 0)) continue;
        const steps = saddle && !joined ? [3] : [1, 2, 3];
        for (const s of steps) {
          const m = (k + s) % 4;
          if (state[m] === 0 && state[(m + 1) % 4] === 1) {
            next[edges[k]] = edges[m];
            starts.push(edges[k]);
            break;
          }
        }
      }
    }
  }

  /** Where time = limit along the edge, linearly; in unpadded grid units. */
  const point = (edge: number): [number, number] => {
    const p = edge >> 1;
    const i = p % W, j = (p - i) / W;
    const q = edge & 1 ? p + W : p + 1;
    const tp = values[p], tq = values[q];
    const f = Math.min(1 - EDGE_MARGIN, Math.max(EDGE_MARGIN, (limit - tp) / (tq - tp)));
    return edge & 1 ? [i - 1, j - 1 + f] : [i - 1 + f, j - 1];
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
    rings.push(ring);
  }
  return rings;
}

/** The grid padded with one point of `unreached` all round, non-finite times made `unreached`. */
function padded(grid: TimeGrid, unreached: number): Float64Array {
  const W = grid.width + 2;
  const values = new Float64Array(W * (grid.height + 2)).fill(unreached);
  for (let j = 0; j < grid.height; j++) {
    for (let i = 0; i < grid.width; i++) {
      const t = grid.seconds[j * grid.width + i];
      values[(j + 1) * W + i + 1] = t < unreached ? t : unreached;
    }
  }
  return values;
}

interface SizedRing {
  ring: GridRing;
  area: number;
  box: Box;
}

const sized = (ring: GridRing): SizedRing => ({ ring, area: signedArea2(ring) / 2, box: boxOf(ring) });

function inside(x: number, y: number, { ring, box }: SizedRing): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] && pointInRing(x, y, ring);
}

/**
 * One limit's region without specks (outers under `speck` cells) and with its
 * pockets (holes under `pocket` cells) filled; whatever lay inside a dropped
 * ring goes with it. A larger limit's region still holds the smaller one's:
 * its rings around the same places are larger, so they are kept when those are.
 */
function withoutSmallRings(rings: GridRing[], speck: number, pocket: number): GridRing[] {
  if (speck <= 0 && pocket <= 0) return rings;
  const all = rings.map(sized);
  const dropped = new Set(all.filter((r) => (r.area > 0 ? r.area < speck : -r.area < pocket)));
  const near = new BoxTiles(dropped);
  return all
    .filter((r) => !dropped.has(r) && !near.near(r.ring[0][0], r.ring[0][1]).some((d) => Math.abs(d.area) > Math.abs(r.area) && inside(r.ring[0][0], r.ring[0][1], d)))
    .map((r) => r.ring);
}

const reversed = (ring: GridRing): GridRing => [...ring].reverse();

/**
 * Bands for ascending limits (seconds). Dropping small rings keeps the regions
 * nested: a ring's descendants are smaller still, so they go with it.
 */
export function isobands(grid: TimeGrid, limits: number[], opts: IsobandOptions = {}): Isoband[] {
  const sorted = [...limits].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((l) => !(l > 0))) throw new Error('band limits must be positive numbers');
  const top = sorted[sorted.length - 1];
  // Past the last limit, far enough that no vertex of a limit's contour comes near the next one's.
  const unreached = 2 * top + 60;
  const values = padded(grid, unreached);
  const W = grid.width + 2, H = grid.height + 2;
  const speck = opts.minCells ?? 0;
  const pocket = Math.max(speck, opts.fillHoleCells ?? 0);
  const cumulative = sorted.map((limit) => withoutSmallRings(contour(values, W, H, limit), speck, pocket));
  return sorted.map((limit, k) => {
    const inner = opts.rings === 'cumulative' || k === 0 ? [] : cumulative[k - 1].map(reversed);
    return {
      fromSeconds: opts.rings === 'cumulative' || k === 0 ? 0 : sorted[k - 1],
      toSeconds: limit,
      polygons: ringsToPolygons([...cumulative[k], ...inner]),
    };
  });
}
