// Puts a layer list on a maplibre map with its interleaved deck.gl overlay:
// base-map layers reordered and switched, deck layers built from the same
// definitions. The workspace map and the workbook's mini-maps both draw
// through this, so a saved view looks the same in either.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import { deckLayersFor, type DeckLayerContext, type DeckLayerData } from '../layers/deck-layers';
import type { LayerDef } from '../layers/types';
import { applyBasemapLayerState, deckBeforeIds, orderBasemapLayers } from './layer-order';

export function drawLayers(
  map: MapLibreMap,
  overlay: MapLibreOverlay,
  layers: LayerDef[],
  data: DeckLayerData,
  context: Omit<DeckLayerContext, 'beforeId'>,
): Layer[] {
  orderBasemapLayers(map, layers);
  applyBasemapLayerState(map, layers);
  const beforeIds = deckBeforeIds(layers);
  const deckLayers = layers.flatMap((def) => deckLayersFor(def, data, { ...context, beforeId: beforeIds.get(def.id) }));
  overlay.setProps({ layers: deckLayers });
  return deckLayers;
}
