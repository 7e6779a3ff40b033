// End-to-end tests wait for `data-map-ready="1"` on <body>: set once, after the
// first `idle` that follows drawing real layers (not an empty style).
import type { Map as MapLibreMap } from 'maplibre-gl';

// Per map, because React's StrictMode builds a map, throws it away and builds another.
const marked = new WeakSet<MapLibreMap>();

/**
 * Calls `done` once the map is idle and one more frame has painted the
 * interleaved deck layers (or, with none, once it is idle). Returns a cancel.
 */
export function whenDrawn(map: MapLibreMap, deckLayerCount: number, done: () => void): () => void {
  if (deckLayerCount === 0) {
    map.once('idle', done);
    map.triggerRepaint();
    return () => map.off('idle', done);
  }
  const painted = () => done();
  const idle = () => {
    map.once('render', painted);
    map.triggerRepaint();
  };
  map.once('idle', idle);
  map.triggerRepaint();
  return () => {
    map.off('idle', idle);
    map.off('render', painted);
  };
}

/** Marks the body once the map has drawn real layers, and then calls `drawn` (once per map). */
export function markReadyWhenDrawn(map: MapLibreMap, deckLayerCount: number, drawn?: () => void): void {
  // An empty style is not the project drawn: wait for real layers.
  if (marked.has(map) || deckLayerCount === 0) return;
  marked.add(map);
  whenDrawn(map, deckLayerCount, () => {
    document.body.dataset.mapReady = '1';
    drawn?.();
  });
}
