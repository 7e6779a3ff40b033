// A national level as an image of area ids (issue 18). At country zoom an
// Output Area is smaller than a pixel, and drawing 190k polygons a frame in
// software WebGL cost about a second; an id image drawn as one textured quad,
// coloured through a texel per area, costs one texture lookup a pixel. Each
// pixel holds the area whose polygon covers the pixel's centre, so picking on
// the image gives the area drawn there. Pixels are square in Web Mercator,
// the projection the map draws in, so the image is a plain quad on the map.
import type { AreaGeometry } from '../contract/area-geometry';
import { mercatorY, RAD } from './area-triangles';

export interface AreaRaster {
  width: number;
  height: number;
  /** The image's west, south, east, north edges in Web Mercator radians (y north). */
  mercator: [number, number, number, number];
  /** The same edges in degrees, [west, south, east, north], for the map layer's bounds. */
  bounds: [number, number, number, number];
  /** Area index + 1 of the polygon covering each pixel's centre, row 0 northmost; 0 where none does. */
  ids: Uint32Array<ArrayBuffer>;
}

export type RasterInput = Pick<AreaGeometry, 'positions' | 'polygonStarts' | 'ringStarts' | 'polygonRings' | 'polygonArea' | 'bbox'>;

/** Pixels along the longer side: ~50 pixels an Output Area over England, 38 MB of ids. */
export const RASTER_LONG_SIDE = 4096;

const latOf = (y: number) => (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / RAD;

/** The raster's frame for a bounding box: square Mercator pixels, `longSide` along the longer side. */
function frame(bbox: [number, number, number, number], longSide: number) {
  const [x0, y0, x1, y1] = [bbox[0] * RAD, mercatorY(bbox[1]), bbox[2] * RAD, mercatorY(bbox[3])];
  const scale = longSide / Math.max(x1 - x0, y1 - y0, 1e-12); // pixels a radian
  // Less a hair, so the long side is exactly longSide whatever the rounding of scale.
  const width = Math.max(1, Math.ceil((x1 - x0) * scale - 1e-9)), height = Math.max(1, Math.ceil((y1 - y0) * scale - 1e-9));
  const mercator: [number, number, number, number] = [x0, y1 - height / scale, x0 + width / scale, y1];
  return { width, height, scale, mercator };
}

/** Mercator size of one pixel (radians); the map shows it at one screen pixel at zoom log2(2π / (512 · size)). */
export function rasterPixelSize(bbox: [number, number, number, number], longSide = RASTER_LONG_SIDE): number {
  const { scale } = frame(bbox, longSide);
  return 1 / scale;
}

/**
 * Rasterises every polygon, in order (a later polygon wins where two overlap,
 * as in the drawn fills): a pixel is inside when an odd number of the
 * polygon's ring edges (outer and holes) cross its row to the right of its
 * centre, the rule area-index.ts tests points with, so a hole stays empty and
 * two polygons sharing an edge split the pixels along it without gap or overlap.
 */
export function rasteriseAreas(g: RasterInput, longSide = RASTER_LONG_SIDE): AreaRaster {
  const bbox = g.bbox ?? [0, 0, 0, 0];
  const { width, height, scale, mercator } = frame(bbox, longSide);
  const [left, , , top] = mercator;
  const ids = new Uint32Array(width * height);
  const vertices = g.positions.length / 2;
  // Every vertex in pixel units (x east, y south from the top edge), once.
  const px = new Float64Array(vertices), py = new Float64Array(vertices);
  for (let v = 0; v < vertices; v++) {
    px[v] = (g.positions[2 * v] * RAD - left) * scale;
    py[v] = (top - mercatorY(g.positions[2 * v + 1])) * scale;
  }
  let rowCounts = new Int32Array(64), slots = new Int32Array(64), crossings = new Float64Array(256);
  const polygons = g.polygonArea.length;
  for (let p = 0; p < polygons; p++) {
    const first = g.polygonStarts[p], end = g.polygonStarts[p + 1];
    if (end - first < 3) continue;
    let yMin = Infinity, yMax = -Infinity;
    for (let v = first; v < end; v++) {
      if (py[v] < yMin) yMin = py[v];
      if (py[v] > yMax) yMax = py[v];
    }
    // Rows whose centre (r + 0.5) lies in [yMin, yMax), within the image.
    const r0 = Math.max(0, Math.ceil(yMin - 0.5)), r1 = Math.min(height, Math.ceil(yMax - 0.5));
    if (r1 <= r0) continue;
    const rows = r1 - r0;
    if (rowCounts.length < rows + 1) rowCounts = new Int32Array(2 * rows + 1);
    rowCounts.fill(0, 0, rows + 1);
    // Each edge crosses the rows whose centre lies in [its lower y, its upper y): count them, then place them.
    for (let pass = 0; pass < 2; pass++) {
      for (let r = g.polygonRings[p]; r < g.polygonRings[p + 1]; r++) {
        const a0 = g.ringStarts[r], a1 = g.ringStarts[r + 1];
        for (let i = a0, j = a1 - 1; i < a1; j = i++) {
          const ya = py[j], yb = py[i];
          if (ya === yb) continue;
          const lo = Math.max(r0, Math.ceil((ya < yb ? ya : yb) - 0.5)), hi = Math.min(r1, Math.ceil((ya < yb ? yb : ya) - 0.5));
          if (pass === 0) {
            for (let row = lo; row < hi; row++) rowCounts[row - r0 + 1]++;
            continue;
          }
          // From the lower end, whichever way the ring runs: the polygon on the edge's other side computes the same crossings.
          const [x0, y0] = ya < yb ? [px[j], ya] : [px[i], yb];
          const k = (px[i] - px[j]) / (yb - ya);
          for (let row = lo; row < hi; row++) crossings[slots[row - r0]++] = x0 + (row + 0.5 - y0) * k;
        }
      }
      if (pass === 0) {
        for (let r = 1; r <= rows; r++) rowCounts[r] += rowCounts[r - 1];
        if (crossings.length < rowCounts[rows]) crossings = new Float64Array(2 * rowCounts[rows]);
        if (slots.length < rows) slots = new Int32Array(2 * rows);
        slots.set(rowCounts.subarray(0, rows));
      }
    }
    const id = g.polygonArea[p] + 1;
    for (let r = 0; r < rows; r++) {
      const a = rowCounts[r], b = rowCounts[r + 1];
      // Insertion sort: a row of an area crosses a handful of edges.
      for (let i = a + 1; i < b; i++) {
        const x = crossings[i];
        let j = i - 1;
        for (; j >= a && crossings[j] > x; j--) crossings[j + 1] = crossings[j];
        crossings[j + 1] = x;
      }
      const base = (r0 + r) * width;
      // Inside over [c0, c1), [c2, c3)…: the pixels whose centre lies there.
      for (let i = a; i + 1 < b; i += 2) {
        const c0 = Math.max(0, Math.ceil(crossings[i] - 0.5)), c1 = Math.min(width, Math.ceil(crossings[i + 1] - 0.5));
        for (let c = base + c0; c < base + c1; c++) ids[c] = id;
      }
    }
  }
  return { width, height, mercator, bounds: [bbox[0], latOf(mercator[1]), mercator[2] / RAD, bbox[3]], ids };
}

/** Index of the area drawn at [lon, lat] (its pixel's), or -1 outside the image or where no area is. */
export function rasterAreaAt(raster: AreaRaster, lon: number, lat: number): number {
  const [left, bottom, right, top] = raster.mercator;
  const col = Math.floor(((lon * RAD - left) / (right - left)) * raster.width);
  const row = Math.floor(((top - mercatorY(lat)) / (top - bottom)) * raster.height);
  if (col < 0 || row < 0 || col >= raster.width || row >= raster.height) return -1;
  return raster.ids[row * raster.width + col] - 1;
}
