// How a map image is cut into tiles. WebGL caps the drawing buffer (about
// 33 megapixels under SwiftShader, often 4096 or 8192 a side on laptops), so a
// poster map is drawn tile by tile with the camera moved by whole device
// pixels and stitched on a 2D canvas. Every tile is the same size, even in
// device pixels and a whole number of CSS pixels, so each one rasterises
// geometry and labels at exactly the sub-pixel phase the others do: a label
// that crosses a seam is drawn by both tiles and meets itself exactly.

export interface Tile {
  /** Device pixels from the map image's top-left corner. */
  x: number;
  y: number;
  col: number;
  row: number;
}

export interface TilePlan {
  cols: number;
  rows: number;
  /** One tile's map container, in CSS pixels. */
  cssWidth: number;
  cssHeight: number;
  /** One tile in device pixels (cssWidth × scale, a whole even number). */
  width: number;
  height: number;
  tiles: Tile[];
}

/** Smallest CSS length whose device length is a whole, even number of pixels. */
export function cssStep(scale: number): number {
  for (let m = 1; m <= 256; m++) {
    const device = m * scale;
    if (Math.abs(device - Math.round(device)) < 1e-9 && Math.round(device) % 2 === 0) return m;
  }
  throw new Error(`Cannot draw map tiles at a device pixel ratio of ${scale}.`);
}

export function planTiles(width: number, height: number, scale: number, maxEdge: number): TilePlan {
  const step = cssStep(scale);
  const cols = Math.max(1, Math.ceil(width / maxEdge));
  const rows = Math.max(1, Math.ceil(height / maxEdge));
  const up = (cssLength: number) => Math.ceil(cssLength / step) * step;
  const cssWidth = up(width / scale / cols);
  const cssHeight = up(height / scale / rows);
  const tw = Math.round(cssWidth * scale);
  const th = Math.round(cssHeight * scale);
  const tiles: Tile[] = [];
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) tiles.push({ x: col * tw, y: row * th, col, row });
  return { cols, rows, cssWidth, cssHeight, width: tw, height: th, tiles };
}
