// End-to-end tests wait for `data-map-ready="1"` on <body>: set once, after the
// first `idle` that follows drawing real layers (not an empty style).
import type { Map as MapLibreMap } from 'maplibre-gl';

// Per map, because React's StrictMode builds a map, throws it away and builds another.
const marked = new WeakSet<MapLibreMap>();

export function markReadyWhenDrawn(map: MapLibreMap, deckLayerCount: number): void {
  if (marked.has(map) || deckLayerCount === 0) return;
  marked.add(map);
  map.once('idle', () => {
    // One more frame makes sure the interleaved deck layers have painted too.
    map.once('render', () => {
      document.body.dataset.mapReady = '1';
    });
    map.triggerRepaint();
  });
  map.triggerRepaint();
}
