// Saved map views (cgm_views): the camera and which layers are on, by name.
// Used by the workbook's embeds; the presentation mode can use the same list.
import { useCallback, useEffect, useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SavedViewRow } from '../../../shared/contract';
import { api } from '../api/client';
import type { LayerAction } from '../layers/layer-state';
import { onMomentApplied, recordEdit } from '../undo/undo-store';

export function useSavedViews() {
  const [views, setViews] = useState<SavedViewRow[]>([]);
  const load = useCallback(() => {
    api.call('listViews', {}).then(setViews, () => setViews([]));
  }, []);
  useEffect(() => {
    load();
    return onMomentApplied((domains) => domains.has('views') && load());
  }, [load]);
  return views;
}

/** Saves what the map shows now under `name` (an undoable edit). */
export async function saveCurrentView(map: MapLibreMap, name: string, visible: Record<string, boolean>): Promise<void> {
  const c = map.getCenter();
  const { inverse } = await api.call('saveView', { name, payload: { title: name, center: [c.lng, c.lat], zoom: map.getZoom(), visible } });
  recordEdit(`save view "${name}"`, inverse);
}

export function showView(view: SavedViewRow, map: MapLibreMap | null, dispatchLayers?: Dispatch<LayerAction>): void {
  if (Object.keys(view.payload.visible).length) dispatchLayers?.({ type: 'visibility', visible: view.payload.visible });
  map?.flyTo({ center: view.payload.center, zoom: view.payload.zoom, duration: 800, essential: true });
}
