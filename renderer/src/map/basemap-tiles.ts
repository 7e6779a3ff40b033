// The optional offline tile file under the project's layers: where its tiles
// are fetched from (always the app's own origin), putting its style layers at
// the bottom of the live map, and the state the base-map control edits.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BasemapInfo } from '../../../shared/contract';
import { api } from '../api/client';
import { TILE_LAYER_PREFIX, TILE_SOURCE_ID, tileBasemapStyle, tileLayersBefore, type TileBasemap } from './basemap-tile-style';

/**
 * Relative to the page, so it is http://127.0.0.1:port/tiles/… in browser mode
 * and cgm-app://app/tiles/… in Electron. maplibre cannot add headers, so browser
 * mode's per-launch token (kept in sessionStorage by the API client) rides in the query.
 */
export function tileUrlTemplate(info: BasemapInfo): string {
  const base = new URL('./', window.location.href).href;
  const token = window.cgm ? null : sessionStorage.getItem('cgm-token');
  const query = [token ? `token=${encodeURIComponent(token)}` : null, `v=${encodeURIComponent(info.version)}`].filter(Boolean).join('&');
  return `${base}tiles/{z}/{x}/{y}.${info.format}?${query}`;
}

/** Replaces the tile layers in place (no style rebuild), below everything the project draws. */
export function applyTileBasemap(map: MapLibreMap, tiles: TileBasemap | null): void {
  for (const id of map.getLayersOrder()) if (id.startsWith(TILE_LAYER_PREFIX)) map.removeLayer(id);
  if (map.getSource(TILE_SOURCE_ID)) map.removeSource(TILE_SOURCE_ID);
  if (!tiles) return;
  const { source, layers } = tileBasemapStyle(tiles);
  map.addSource(TILE_SOURCE_ID, source);
  // The print page composes the same rule into its style (withTileBasemap), so screen and print agree.
  const above = tileLayersBefore(map.getLayersOrder().map((id) => ({ id, type: map.getLayer(id)?.type ?? '' })));
  for (const layer of layers) map.addLayer(layer, above);
}

export interface BasemapTilesState {
  info: BasemapInfo | null;
  tiles: TileBasemap | null;
  error: string | null;
  busy: boolean;
  choose(path: string): Promise<boolean>;
  clear(): Promise<void>;
}

export function useBasemapTiles(): BasemapTilesState {
  const [info, setInfo] = useState<BasemapInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .call('getBasemapInfo', {})
      .then((i) => !cancelled && setInfo(i))
      // A stored file that has gone missing: the project's own base map is drawn, and the control says why.
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, []);

  const run = useCallback(async (path: string | null): Promise<boolean> => {
    setBusy(true);
    try {
      setInfo(await api.call('setBasemapTiles', { path }));
      setError(null);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  // One object per info, so the map effect that applies it runs only when the file changes.
  const tiles = useMemo<TileBasemap | null>(() => (info ? { info, url: tileUrlTemplate(info) } : null), [info]);

  return { info, tiles, error, busy, choose: (path) => run(path), clear: async () => void (await run(null)) };
}
