// One painted frame per print tile. maplibre paints a frame whenever a source
// tile arrives or a layer is added; under software WebGL (SwiftShader) a frame
// at A4 (8.7 million pixels, multisampled) costs about as much as the finished
// one, even when it draws only the background, and the print keeps only the
// last. Measured on the demo: 15 frames for one A4 map, ~9 s of SwiftShader CPU.
// So painting is held back while the map loads and settles, and the tile is
// painted once, synchronously, when everything it shows is loaded.
import type * as maplibregl from 'maplibre-gl';

type Painter = { render: (...args: unknown[]) => void };

export interface PaintGate {
  /** Paints one frame now (map.redraw), with every source loaded and deck.gl ready. */
  paintOnce(): void;
  /** Whether frames are really held back (false: this maplibre has no painter to hold; frames paint as usual). */
  holding: boolean;
}

export function holdPainting(map: maplibregl.Map): PaintGate {
  // maplibre's painter is internal: if a later version moves it, prints stay right, only slower.
  const painter = (map as unknown as { painter?: Painter }).painter;
  if (!painter || typeof painter.render !== 'function') return { paintOnce: () => map.redraw(), holding: false };
  const render = painter.render.bind(painter);
  let open = false;
  painter.render = (...args: unknown[]) => {
    if (open) render(...args);
  };
  return {
    holding: true,
    paintOnce() {
      open = true;
      try {
        map.redraw();
      } finally {
        open = false;
      }
    },
  };
}
