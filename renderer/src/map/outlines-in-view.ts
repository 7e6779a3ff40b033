// A national level's outlines, drawn only where the view is (issue 18). The
// whole of England's 190k Output Area boundaries in one maplibre GeoJSON
// source cost seconds to serialise to its worker and hundreds of MB there,
// and at country zoom they are a grey wash of sub-pixel lines. Once zoomed in
// far enough that few enough polygons are in view, the source is given those
// (plus a margin, so a small pan needs nothing new); zoomed out, none.
// Smaller levels keep their whole outlines from the start (basemap-data.ts).
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { areaGeometryOf, outlineFeatures } from '../project/area-geometry';
import { areaIndex, isManyPolygons } from '../project/area-index';
import { outlinedAreas } from './basemap-data';

/** Polygons drawn at most: about a screenful of Output Areas at street zoom, light for the worker. */
export const OUTLINES_IN_VIEW = 6000;

/** The view's box widened by half its size each way. */
function viewBox(map: MapLibreMap): [number, number, number, number] {
  const b = map.getBounds();
  const dx = (b.getEast() - b.getWest()) / 2, dy = (b.getNorth() - b.getSouth()) / 2;
  return [b.getWest() - dx, b.getSouth() - dy, b.getEast() + dx, b.getNorth() + dy];
}

/** Keeps the outline sources of national levels filled with the polygons in view; returns a stop. */
export function followOutlinesInView(map: MapLibreMap, current: () => { project: LoadedProject; layers: LayerDef[] }): () => void {
  const shown = new Map<string, string>(); // source id → key of the polygons it holds
  const update = () => {
    const { project, layers } = current();
    for (const def of layers) {
      const areas = outlinedAreas(project, def);
      const g = areas && areaGeometryOf(areas);
      const source = g && isManyPolygons(g) ? (map.getSource(def.id) as GeoJSONSource | undefined) : undefined;
      if (!g || !source) continue;
      const polygons = areaIndex(g).polygonsIn(viewBox(map), OUTLINES_IN_VIEW) ?? [];
      const key = `${g.level}:${polygons.length}:${polygons.reduce((h, p) => (h * 31 + p) | 0, 0)}`;
      if (shown.get(def.id) === key) continue;
      shown.set(def.id, key);
      source.setData(outlineFeatures(g, polygons));
    }
  };
  map.on('moveend', update);
  map.on('load', update);
  if (map.loaded()) update();
  return () => {
    map.off('moveend', update);
    map.off('load', update);
  };
}
