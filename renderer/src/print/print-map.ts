// The print map from the app's own pieces: the base-map style (with the
// project's tile file where it has one) and the deck.gl layer builders the
// workspace map uses, the same layer definitions, drawn tile by tile
// (tile-render.ts) for a camera fitted to the print's map box.
import { basemapDataFor } from '../map/basemap-data';
import { buildBasemapStyle } from '../map/basemap-style';
import { withTileBasemap, type TileBasemap } from '../map/basemap-tile-style';
import { deckLayersOf } from '../map/draw-layers';
import { isSiteLabelLayer } from '../layers/deck-layers';
import { areaDrawingAt } from '../layers/area-drawing';
import { areaGeometryOf } from '../project/area-geometry';
import { fitCamera, type Camera } from './mercator';
import type { Box } from './print-api';
import type { PrintLayers } from './print-layers';
import { renderMapImage, type MapImageReport } from './tile-render';

/** Breathing room between the project's edge and the map frame, CSS pixels. */
const FIT_PADDING = 24;

type Bounds = [number, number, number, number];

function isBounds(v: unknown): v is Bounds {
  return Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/**
 * A saved view keeps its centre and zoom (the print's map box is about the
 * size of the app's map), or its bounds where it stored them; a single layer
 * is shown over the whole project.
 */
export function printCamera(print: PrintLayers, width: number, height: number): Camera {
  const payload = print.view?.payload;
  if (payload && isBounds(payload.bounds)) return fitCamera(payload.bounds, width, height, 0, 22);
  if (payload) return { center: payload.center, zoom: payload.zoom };
  return fitCamera(print.project.extent, width, height, FIT_PADDING);
}

export interface PrintMapJob {
  print: PrintLayers;
  /** The project's tile base map, or null for its own base map only. */
  basemapTiles: TileBasemap | null;
  camera: Camera;
  /** The map image in device pixels. */
  box: Box;
  scale: number;
  maxTileEdge: number;
  host: HTMLElement;
  target: HTMLCanvasElement;
}

export function drawPrintMap(job: PrintMapJob): Promise<MapImageReport> {
  const { project, layers, data } = job.print;
  const style = buildBasemapStyle(layers, basemapDataFor(project, layers));
  // Slotted only under style layers the print really has (a layer without data has none).
  const inStyle = new Set(style.layers.map((l) => l.id));
  // A national level is drawn as the app would draw it at the print's device pixels (area-drawing.ts): A4 of
  // England is zoom ~5.5 at 2.25 device pixels a CSS pixel, where one quad of area ids stands for 1.5M triangles
  // whose vertices are far finer than a pixel and only cost the software GPU time.
  const areaDrawing = areaDrawingAt(areaGeometryOf(project.areas), job.camera.zoom + Math.log2(job.scale));
  const all = deckLayersOf(layers, data, { selectedCode: null, dataVersion: 1, areaDrawing }, true, (id) => inStyle.has(id));
  return renderMapImage({
    // In the style before the map is made, so its tiles load with everything else before each tile's 'idle'.
    style: withTileBasemap(style, job.basemapTiles),
    // Site labels are drawn once over the composed image (print-labels.ts), so a label never splits at a tile seam.
    deckLayers: all.filter((l) => !isSiteLabelLayer(l)),
    labelLayers: all.filter(isSiteLabelLayer),
    camera: job.camera,
    width: job.box.width,
    height: job.box.height,
    scale: job.scale,
    maxTileEdge: job.maxTileEdge,
    host: job.host,
    target: job.target,
  });
}
