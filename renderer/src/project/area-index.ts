// Which area is under a point, and which polygons lie in a box, answered from
// the typed arrays in JavaScript (issue 18). deck.gl finds the area under the
// pointer by drawing every polygon again into a picking buffer and reading it
// back: with 190k areas in software WebGL that is seconds per mouse move, and
// a click went unanswered. A grid over the polygons' boxes answers in
// microseconds; it is built once per geometry (tens of ms for 190k areas).
import type { AreaGeometry } from '../../../shared/contract/area-geometry';

export interface AreaIndex {
  /** Index (in the geometry's codes) of the area holding [lon, lat]; -1 for none. The last drawn wins where areas overlap. */
  areaAt(lon: number, lat: number): number;
  /** Polygons whose box meets [west, south, east, north], ascending; null when more than `limit`. */
  polygonsIn(box: readonly [number, number, number, number], limit: number): number[] | null;
}

interface Grid {
  west: number;
  south: number;
  cellW: number;
  cellH: number;
  cols: number;
  rows: number;
  /** CSR: cellStarts[c]..cellStarts[c + 1] index `members`. */
  cellStarts: Uint32Array;
  members: Uint32Array;
  /** west, south, east, north of polygon p at 4p. */
  boxes: Float64Array;
}

function polygonBoxes(g: AreaGeometry): Float64Array {
  const polygons = g.polygonArea.length;
  const boxes = new Float64Array(polygons * 4);
  for (let p = 0; p < polygons; p++) {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let v = g.polygonStarts[p]; v < g.polygonStarts[p + 1]; v++) {
      const x = g.positions[2 * v], y = g.positions[2 * v + 1];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
    boxes.set([w, s, e, n], 4 * p);
  }
  return boxes;
}

function buildGrid(g: AreaGeometry): Grid {
  const boxes = polygonBoxes(g);
  const polygons = g.polygonArea.length;
  const [west, south, east, north] = g.bbox ?? [0, 0, 0, 0];
  const width = Math.max(east - west, 1e-9), height = Math.max(north - south, 1e-9);
  // About two polygons a cell, in cells as square as the extent allows.
  const cells = Math.max(1, Math.min(4_000_000, Math.ceil(polygons / 2)));
  const cols = Math.max(1, Math.round(Math.sqrt((cells * width) / height)));
  const rows = Math.max(1, Math.ceil(cells / cols));
  const cellW = width / cols, cellH = height / rows;
  const col = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - west) / cellW)));
  const row = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - south) / cellH)));
  const counts = new Uint32Array(cols * rows + 1);
  const each = (p: number, visit: (cell: number) => void) => {
    if (!(boxes[4 * p] <= boxes[4 * p + 2])) return; // a polygon without vertices
    for (let r = row(boxes[4 * p + 1]); r <= row(boxes[4 * p + 3]); r++) for (let c = col(boxes[4 * p]); c <= col(boxes[4 * p + 2]); c++) visit(r * cols + c);
  };
  for (let p = 0; p < polygons; p++) each(p, (cell) => counts[cell + 1]++);
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
  const members = new Uint32Array(counts[counts.length - 1]);
  const fill = counts.slice(0, -1);
  for (let p = 0; p < polygons; p++) each(p, (cell) => (members[fill[cell]++] = p));
  return { west, south, cellW, cellH, cols, rows, cellStarts: counts, members, boxes };
}

/** Even-odd over all the polygon's rings, so a point in a hole is outside. */
function polygonHolds(g: AreaGeometry, p: number, x: number, y: number): boolean {
  let inside = false;
  for (let r = g.polygonRings[p]; r < g.polygonRings[p + 1]; r++) {
    const first = g.ringStarts[r], last = g.ringStarts[r + 1] - 1;
    for (let i = first, j = last; i <= last; j = i++) {
      const xi = g.positions[2 * i], yi = g.positions[2 * i + 1];
      const xj = g.positions[2 * j], yj = g.positions[2 * j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const indexes = new WeakMap<AreaGeometry, AreaIndex>();

export function areaIndex(g: AreaGeometry): AreaIndex {
  const known = indexes.get(g);
  if (known) return known;
  let grid: Grid | null = null; // built on first question, not at load
  const gridOf = () => (grid ??= buildGrid(g));
  const cellRange = (gr: Grid, lo: number, hi: number, origin: number, size: number, count: number): [number, number] | null => {
    const a = Math.floor((lo - origin) / size), b = Math.floor((hi - origin) / size);
    if (b < 0 || a >= count) return null;
    return [Math.max(0, a), Math.min(count - 1, b)];
  };
  const index: AreaIndex = {
    areaAt(lon, lat) {
      const gr = gridOf();
      const cs = cellRange(gr, lon, lon, gr.west, gr.cellW, gr.cols), rs = cellRange(gr, lat, lat, gr.south, gr.cellH, gr.rows);
      if (!cs || !rs) return -1;
      const cell = rs[0] * gr.cols + cs[0];
      let best = -1;
      for (let k = gr.cellStarts[cell]; k < gr.cellStarts[cell + 1]; k++) {
        const p = gr.members[k];
        const b = gr.boxes;
        if (p > best && lon >= b[4 * p] && lon <= b[4 * p + 2] && lat >= b[4 * p + 1] && lat <= b[4 * p + 3] && polygonHolds(g, p, lon, lat)) best = p;
      }
      return best < 0 ? -1 : g.polygonArea[best];
    },
    polygonsIn([w, s, e, n], limit) {
      const gr = gridOf();
      const cs = cellRange(gr, w, e, gr.west, gr.cellW, gr.cols), rs = cellRange(gr, s, n, gr.south, gr.cellH, gr.rows);
      if (!cs || !rs) return [];
      const found = new Set<number>();
      for (let r = rs[0]; r <= rs[1]; r++) {
        for (let c = cs[0]; c <= cs[1]; c++) {
          const cell = r * gr.cols + c;
          for (let k = gr.cellStarts[cell]; k < gr.cellStarts[cell + 1]; k++) {
            const p = gr.members[k];
            const b = gr.boxes;
            if (b[4 * p] <= e && b[4 * p + 2] >= w && b[4 * p + 1] <= n && b[4 * p + 3] >= s) found.add(p);
            if (found.size > limit) return null;
          }
        }
      }
      return [...found].sort((a, b) => a - b);
    },
  };
  indexes.set(g, index);
  return index;
}

/**
 * Levels this large are picked here rather than by deck.gl, and their outlines
 * drawn only where the view is (outlines-in-view.ts). Rutland's 2,000 OAs and
 * the demo stay on deck.gl's picking and whole outlines, as before.
 */
export const MANY_POLYGONS = 20_000;
export const isManyPolygons = (g: AreaGeometry) => g.polygonArea.length >= MANY_POLYGONS;
