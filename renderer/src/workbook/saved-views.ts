// Saved map views (cgm_views): the camera and which layers are on, by name.
// Used by the workbook's embeds; the presentation mode can use the same list.
import { activeTransit, getTransitChoice } from '../transit/transit-choice';
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

/**
 * Saves what the map shows now under `name` (an undoable edit). The bounds go
 * with the camera so a print of any shape shows the same ground (the PNG print
 * page fits them); `extra` keeps e.g. the analysis choice the view was made with.
 */
export async function saveCurrentView(map: MapLibreMap, name: string, visible: Record<string, boolean>, extra: Record<string, unknown> = {}): Promise<void> {
  const c = map.getCenter();
  const b = map.getBounds();
  const bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  // The public-transport day and window in force go with the view, so its transit isochrones print as they were saved.
  const transit = activeTransit(getTransitChoice());
  const { inverse } = await api.call('saveView', { name, payload: { ...extra, ...(transit ? { transit } : {}), title: name, center: [c.lng, c.lat], zoom: map.getZoom(), visible, bounds } });
  recordEdit(`save view "${name}"`, inverse);
}

export function showView(view: SavedViewRow, map: MapLibreMap | null, dispatchLayers?: Dispatch<LayerAction>): void {
  if (Object.keys(view.payload.visible).length) dispatchLayers?.({ type: 'visibility', visible: view.payload.visible });
  map?.flyTo({ center: view.payload.center, zoom: view.payload.zoom, duration: 800, essential: true });
}
