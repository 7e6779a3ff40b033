// How a level's fills are drawn at a zoom (issue 18). A national level
// (MANY_POLYGONS) has three: zoomed far out, where its areas are smaller than
// a pixel, an image of area ids coloured through a texel per area (one quad a
// frame: area-raster-layer.ts); further in, a coarse copy of its polygons
// thinned to within a pixel; from COARSE_BELOW_ZOOM, its polygons as they are.
// Smaller levels (Rutland, the demo) always draw their polygons.
import type { AreaGeometry } from '../../../shared/contract/area-geometry';
import { rasteriseAreas, rasterPixelSize, type AreaRaster } from '../../../shared/cartography/area-raster';
import { isManyPolygons } from '../project/area-index';

export type AreaDrawing = 'raster' | 'coarse' | 'full';

/** Below this zoom a national level is drawn thinned to within a pixel (coarse-areas.ts). */
export const COARSE_BELOW_ZOOM = 8;

/** Width in pixels of the world at zoom 0: maplibre's and deck.gl's 512-pixel tiles. */
const WORLD_PIXELS = 512;

/**
 * The zoom at which one pixel of the level's id image is one screen pixel:
 * below it the image is finer than the screen (an area smaller than a pixel
 * draws as the area under the pixel's centre, as the polygons would).
 */
export function rasterBelowZoom(g: AreaGeometry): number {
  if (!g.bbox) return -Infinity;
  return Math.log2((2 * Math.PI) / (WORLD_PIXELS * rasterPixelSize(g.bbox)));
}

/** What a level's fills are drawn from at `zoom` (CSS pixels; a print at a higher scale passes zoom + log2(scale)). */
export function areaDrawingAt(g: AreaGeometry | undefined, zoom: number): AreaDrawing {
  if (!g || !isManyPolygons(g)) return 'full';
  if (zoom < rasterBelowZoom(g)) return 'raster';
  return zoom < COARSE_BELOW_ZOOM ? 'coarse' : 'full';
}

const rasters = new WeakMap<AreaGeometry, AreaRaster>();
/** The level's id image, made on first use (~0.3 s for 190k areas) and kept with the geometry. */
export function areaRasterOf(g: AreaGeometry): AreaRaster {
  let raster = rasters.get(g);
  if (!raster) rasters.set(g, (raster = rasteriseAreas(g)));
  return raster;
}
