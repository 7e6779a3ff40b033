// Hover and click on a national level, answered from the area index in the
// page (area-index.ts) instead of deck.gl's picking pass, which redraws every
// polygon and reads the pixels back: seconds a mouse move at 190k areas in
// software WebGL, and clicks went unanswered. The fill layer of such a level is
// not pickable in deck.gl (binary-area-layer.ts), so the two never both answer.
// Zoomed out to where the level is drawn from its id image (area-drawing.ts),
// the area is the image's pixel under the pointer: the one drawn there.
import type { PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { DeckLayerData } from '../layers/deck-layers';
import { isAreaFillStyle } from '../layers/fill-colours';
import type { LayerDef } from '../layers/types';
import { areaGeometryOf } from '../project/area-geometry';
import { areaIndex, isManyPolygons } from '../project/area-index';
import { areaDrawingAt, areaRasterOf } from '../layers/area-drawing';
import { rasterAreaAt } from '../../../shared/cartography/area-raster';

interface PickHandlers {
  onHover(info: PickingInfo | null): void;
  onSelectArea(code: string | null): void;
  placing: boolean;
}

/** The area under the pointer on the topmost visible, clickable area fill, when its level is picked here. */
function areaUnder(layers: LayerDef[], data: DeckLayerData, e: MapMouseEvent, zoom: number): { layerId: string; index: number } | null {
  const g = areaGeometryOf(data.areas);
  if (!g || !isManyPolygons(g)) return null;
  const top = layers.findLast((d) => d.drawnBy === 'deck' && d.visible && d.interactive && isAreaFillStyle(d.style));
  if (!top) return null;
  const { lng, lat } = e.lngLat;
  const index = areaDrawingAt(g, zoom) === 'raster' ? rasterAreaAt(areaRasterOf(g), lng, lat) : areaIndex(g).areaAt(lng, lat);
  return index >= 0 ? { layerId: top.id, index } : null;
}

export function followPickInPage(map: MapLibreMap, current: () => { layers: LayerDef[]; data: DeckLayerData; handlers: PickHandlers }): () => void {
  let hovering = false;
  const move = (e: MapMouseEvent) => {
    const { layers, data, handlers } = current();
    const hit = areaUnder(layers, data, e, map.getZoom());
    if (!hit && !hovering) return;
    hovering = Boolean(hit);
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
    handlers.onHover(hit ? ({ object: data.areas.features[hit.index], index: hit.index, x: e.point.x, y: e.point.y, layer: { id: hit.layerId } } as unknown as PickingInfo) : null);
  };
  const click = (e: MapMouseEvent) => {
    const { layers, data, handlers } = current();
    if (handlers.placing) return;
    const hit = areaUnder(layers, data, e, map.getZoom());
    if (hit) handlers.onSelectArea(String(data.areas.features[hit.index].properties?.code));
  };
  map.on('mousemove', move);
  map.on('click', click);
  return () => {
    map.off('mousemove', move);
    map.off('click', click);
  };
}
