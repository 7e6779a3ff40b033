// One draw order for both renderers. Base-map layers are maplibre style layers;
// deck.gl layers are slotted between them with `beforeId` (interleaved mode).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerDef } from '../layers/types';
import { styleLayersFor } from './basemap-style';

export function styleLayerIds(def: LayerDef): string[] {
  return styleLayersFor(def).map((l) => l.id);
}

/** Puts the base-map layers in `defs` order (bottom to top) if they are not already. */
export function orderBasemapLayers(map: MapLibreMap, defs: LayerDef[]): void {
  const wanted = defs.flatMap(styleLayerIds).filter((id) => map.getLayer(id));
  const wantedSet = new Set(wanted);
  const current = map.getLayersOrder().filter((id) => wantedSet.has(id));
  if (current.join('\n') === wanted.join('\n')) return;
  // Moving each to the top in turn leaves them in the wanted order.
  for (const id of wanted) map.moveLayer(id);
}

/**
 * For each deck layer: the first base-map style layer above it, if any.
 * `inStyle` says which style layers the map really has: a definition whose
 * style layers are missing (no data drawn for it) must not be slotted under,
 * or maplibre refuses the deck layer and it falls to the bottom.
 */
export function deckBeforeIds(defs: LayerDef[], inStyle: (id: string) => boolean = () => true): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  let above: string | undefined;
  for (let i = defs.length - 1; i >= 0; i--) {
    const def = defs[i];
    if (def.drawnBy === 'basemap') above = styleLayerIds(def).find(inStyle) ?? above;
    else result.set(def.id, above);
  }
  return result;
}

/** Visibility and opacity of base-map layers, set in place (no style rebuild). */
export function applyBasemapLayerState(map: MapLibreMap, defs: LayerDef[]): void {
  for (const def of defs) {
    for (const id of styleLayerIds(def)) {
      if (!map.getLayer(id)) continue;
      const visibility = def.visible ? 'visible' : 'none';
      if (map.getLayoutProperty(id, 'visibility') !== visibility) map.setLayoutProperty(id, 'visibility', visibility);
      if (map.getPaintProperty(id, 'line-opacity') !== def.opacity) map.setPaintProperty(id, 'line-opacity', def.opacity);
    }
  }
}
