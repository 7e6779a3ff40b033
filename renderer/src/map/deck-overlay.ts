// The deck.gl overlay of each live map, for code that has only the map. Used
// to pause hover picking while a what-if site is dragged: the overlay picks
// on every maplibre mousemove, button down or not, and each pick draws every
// pickable layer again (hundreds of milliseconds under software rendering).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapLibreOverlay } from '@deck.gl/maplibre';

const overlays = new WeakMap<MapLibreMap, MapLibreOverlay>();

export function registerOverlay(map: MapLibreMap, overlay: MapLibreOverlay): void {
  overlays.set(map, overlay);
}

export function setHoverPicking(map: MapLibreMap, on: boolean): void {
  // `_pickable` is deck's own switch for its picking pass (DeckPicker skips every layer when false).
  overlays.get(map)?.setProps({ _pickable: on } as never);
}
