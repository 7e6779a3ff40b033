// Puts a layer list on a maplibre map with its interleaved deck.gl overlay:
// base-map layers reordered and switched, deck layers built from the same
// definitions. The workspace map and the workbook's mini-maps both draw
// through this, so a saved view looks the same in either.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import { deckLayersFor, siteLabelGroup, siteLabelsLayer, type DeckLayerContext, type DeckLayerData } from '../layers/deck-layers';
import type { LayerDef } from '../layers/types';
import { applyBasemapLayerState, deckBeforeIds, orderBasemapLayers } from './layer-order';
import { splitForDrag } from './drag-split';

/**
 * The deck.gl layers of a layer list, each slotted under the base-map layer
 * above it. `visibleOnly` skips building hidden ones (a print never shows
 * them); a live map keeps them, so switching one on does not rebuild it.
 */
export function deckLayersOf(layers: LayerDef[], data: DeckLayerData, context: Omit<DeckLayerContext, 'beforeId'>, visibleOnly = false, inStyle?: (id: string) => boolean): Layer[] {
  const beforeIds = deckBeforeIds(layers, inStyle);
  const built = layers.filter((def) => !visibleOnly || def.visible).flatMap((def) => deckLayersFor(def, data, { ...context, beforeId: beforeIds.get(def.id) }));
  // Every shown site label in one layer on top, so real and what-if labels are placed together and never cover each other.
  const labelGroups = layers.filter((def) => def.drawnBy === 'deck' && def.visible).flatMap((def) => siteLabelGroup(def, data) ?? []);
  return [...built, siteLabelsLayer(labelGroups, data, context.onLabelsPlaced)];
}

export function drawLayers(
  map: MapLibreMap,
  overlay: MapLibreOverlay,
  layers: LayerDef[],
  data: DeckLayerData,
  context: Omit<DeckLayerContext, 'beforeId'>,
): Layer[] {
  orderBasemapLayers(map, layers);
  applyBasemapLayerState(map, layers);
  // While a what-if site is dragged, its bands and the layers above them draw on a canvas of their own.
  const shown = splitForDrag(map, { layers, data, context, redraw: () => drawLayers(map, overlay, layers, data, context) });
  const deckLayers = deckLayersOf(shown, data, context, false, (id) => Boolean(map.getLayer(id)));
  overlay.setProps({ layers: deckLayers });
  return deckLayers;
}
