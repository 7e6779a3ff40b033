// The travel-time bands while a what-if site is dragged, drawn straight from
// getDragBands' typed arrays: the main process's triangles and a colour per
// vertex go to the GPU as they are, so an update is one buffer upload (the
// GeoJSON layer walked, validated and tessellated every feature again).
import { SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { DragBands } from '../../../shared/contract/drag-bands';
import { rgba } from './fill-colours';
import type { IsochroneStyle, LayerDef } from './types';

const UNKNOWN_BAND = rgba('#999999');

/** RGBA per vertex: each polygon's vertices take its band's colour from the style (as the GeoJSON layer colours a band). */
export function bandVertexColours(bands: DragBands, style: IsochroneStyle): Uint8Array {
  const byMinutes = new Map(style.bands.map((b) => [b.minutes, rgba(b.colour)]));
  const colours = new Uint8Array(bands.positions.length * 2);
  for (let p = 0; p < bands.polygonBand.length; p++) {
    const colour = byMinutes.get(bands.minutes[bands.polygonBand[p]]) ?? UNKNOWN_BAND;
    for (let v = bands.polygonStarts[p]; v < bands.polygonStarts[p + 1]; v++) colours.set(colour, 4 * v);
  }
  return colours;
}

// One data object per answer and colours, so drawing the same bands again uploads nothing.
const dataCache = new WeakMap<DragBands, { key: string; data: object }>();
function binaryData(bands: DragBands, style: IsochroneStyle): object {
  const key = style.bands.map((b) => `${b.minutes}${b.colour}`).join();
  const hit = dataCache.get(bands);
  if (hit?.key === key) return hit.data;
  const data = {
    length: bands.polygonBand.length,
    startIndices: bands.polygonStarts,
    attributes: {
      getPolygon: { value: bands.positions, size: 2 },
      getFillColor: { value: bandVertexColours(bands, style), size: 4, normalized: true },
      indices: bands.triangles,
    },
  };
  dataCache.set(bands, { key, data });
  return data;
}

export function dragBandsLayer(def: LayerDef, style: IsochroneStyle, bands: DragBands): Layer {
  return new SolidPolygonLayer({
    id: `${def.id}:drag`,
    data: binaryData(bands, style),
    _normalize: false,
    positionFormat: 'XY',
    visible: def.visible,
    opacity: def.opacity,
    filled: true,
    extruded: false,
    pickable: false,
  } as never);
}
