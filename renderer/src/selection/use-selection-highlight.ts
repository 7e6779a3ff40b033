// Draws a multi-area selection (a segment's areas, picked from the profile or
// band table) on the maplibre map as a halo. A single area is already drawn by
// the map's own selection outline, so this only draws sets of two or more.
// Lives here, not in map/, so the map engineer's files stay untouched.
import { useEffect } from 'react';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useSelection } from './selection-store';

const SOURCE = 'cgm-selection';
const FILL = 'cgm-selection-fill';
const LINE = 'cgm-selection-line';
export const SELECTION_HALO_COLOUR = '#f59f00';

function ensureLayers(map: MapLibreMap): void {
  if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  if (!map.getLayer(FILL)) map.addLayer({ id: FILL, type: 'fill', source: SOURCE, paint: { 'fill-color': SELECTION_HALO_COLOUR, 'fill-opacity': 0.18 } });
  if (!map.getLayer(LINE)) map.addLayer({ id: LINE, type: 'line', source: SOURCE, paint: { 'line-color': SELECTION_HALO_COLOUR, 'line-width': 2.2 } });
  // Other layers are re-ordered as the analyst works; keep the halo on top.
  map.moveLayer(FILL);
  map.moveLayer(LINE);
}

export function useSelectionHighlight(map: MapLibreMap | null, areas: FeatureCollection): void {
  const { codes } = useSelection();
  useEffect(() => {
    if (!map) return;
    const wanted = codes.length > 1 ? new Set(codes) : new Set<string>();
    // Touch the style only once there is something to draw: adding layers while the
    // map is still placing its deck.gl layers upsets their interleaved order.
    if (wanted.size === 0 && !map.getSource(SOURCE)) return;
    const data: FeatureCollection = { type: 'FeatureCollection', features: areas.features.filter((f) => wanted.has(String(f.properties?.code))) };
    const apply = () => {
      ensureLayers(map);
      (map.getSource(SOURCE) as GeoJSONSource).setData(data);
    };
    if (map.isStyleLoaded()) apply();
    else {
      map.once('load', apply);
      return () => {
        map.off('load', apply);
      };
    }
  }, [map, areas, codes]);
}
