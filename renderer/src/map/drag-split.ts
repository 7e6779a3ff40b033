// The map split in two while a what-if site is dragged with its travel-time
// bands shown. Under software rendering (SwiftShader, as on a meeting-room
// laptop without a GPU driver or a headless test) every repaint of the one
// interleaved map canvas draws the base map, every area fill and every deck
// layer again: ~220 ms of GPU-process CPU a frame on the demo town. So for
// the drag, the bands and every deck layer above them (the site symbols and
// labels) move to a second, transparent deck.gl canvas over the map, and the
// map itself is left as it was: each new set of bands repaints only that
// light canvas. The drop joins them again once the map has the new figures.
// Base-map (maplibre) layers stacked above the bands cannot move to deck's
// canvas; they stay under it for the drag.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { DragBands } from '../../../shared/contract/drag-bands';
import { deckLayersFor, type DeckLayerContext, type DeckLayerData } from '../layers/deck-layers';
import { dragBandsLayer } from '../layers/drag-bands-layer';
import type { IsochroneStyle, LayerDef } from '../layers/types';
import type { Site } from '../project/types';

export const BANDS_LAYER_ID = 'isochrones';

/** One drawing of the map's layer list, kept so the split can draw it again as it starts and ends. */
export interface MapDraw {
  layers: LayerDef[];
  data: DeckLayerData;
  context: Omit<DeckLayerContext, 'beforeId'>;
  /** Draws this list on the map again (through drawLayers, which asks splitForDrag). */
  redraw(): void;
}

interface Split {
  /** Layer ids drawn on the drag canvas: the bands and the deck layers above them. */
  lifted: Set<string>;
  /** Until the drag canvas has drawn once the map keeps its own copy, so nothing blinks out. */
  overlayDrawn: boolean;
  bands: DragBands | null;
  /** The proposed sites where the bands were computed for; null: the map's own. */
  proposed: Site[] | null;
  /** The map's bands when the drag started: the drop's new ones replace them. */
  startBands: DeckLayerData['isochrones'];
  dropped: boolean;
}

const draws = new WeakMap<MapLibreMap, MapDraw>();
const splits = new WeakMap<MapLibreMap, Split>();
const overlays = new WeakMap<MapLibreMap, { overlay: MapLibreOverlay; element: HTMLElement }>();

/** The bands and every deck layer above them, when the bands are shown; null otherwise. */
export function liftedLayerIds(layers: LayerDef[]): Set<string> | null {
  const at = layers.findIndex((l) => l.id === BANDS_LAYER_ID);
  if (at < 0 || !layers[at].visible) return null;
  return new Set(layers.slice(at).filter((l) => l.drawnBy === 'deck').map((l) => l.id));
}

/**
 * The drag canvas follows the map's camera only while it shows something: an empty deck.gl
 * canvas would still be cleared on every frame of a pan or zoom.
 */
function followCamera(map: MapLibreMap, overlay: MapLibreOverlay, on: boolean): void {
  const update = (overlay as unknown as { _updateViewState: () => void })._updateViewState;
  map.off('render', update);
  if (!on) return;
  map.on('render', update);
  update();
}

/** The drag canvas of a map, made at its first drag and kept (a WebGL context and its shaders are slow to make). */
function dragOverlay(map: MapLibreMap) {
  let held = overlays.get(map);
  if (!held) {
    // No multisampling: a full-canvas MSAA resolve is a large share of a software-rendered frame, and the
    // bands' edges are traced on a 25 m grid anyway; the map's own canvas keeps it for the picture after the drop.
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [], _pickable: false, deviceProps: { webgl: { antialias: false } } } as never);
    const element = overlay.onAdd(map);
    // Over the map canvas and under its markers (the dragged site's own marker stays on top).
    map.getCanvasContainer().insertBefore(element, map.getCanvas().nextSibling);
    element.classList.add('map-drag-layers');
    element.style.visibility = 'hidden';
    held = { overlay, element };
    overlays.set(map, held);
    followCamera(map, overlay, false);
    map.once('remove', () => {
      overlay.onRemove(map);
      element.remove();
    });
  }
  return held;
}

const warmed = new WeakSet<MapLibreMap>();

/**
 * Makes the drag canvas ahead of the first drag, when the browser is idle and a drag with bands
 * shown is possible: its WebGL context and shaders took seconds under software rendering, and
 * made at the press they held the first move back that long. Drawn once, hidden, then emptied.
 */
function warmUp(map: MapLibreMap, draw: MapDraw): void {
  if (warmed.has(map) || !liftedLayerIds(draw.layers) || !draw.data.proposed?.length) return;
  warmed.add(map);
  const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
  idle(() => {
    const latest = draws.get(map);
    const lifted = latest && liftedLayerIds(latest.layers);
    if (!latest || !lifted || splits.has(map) || overlays.has(map)) return;
    const { overlay } = dragOverlay(map);
    followCamera(map, overlay, true);
    const rehearsal: Split = { lifted, overlayDrawn: false, bands: null, proposed: null, startBands: null, dropped: false };
    overlay.setProps({
      layers: overlayLayers(latest, rehearsal),
      onAfterRender: () => {
        if (splits.has(map)) return;
        overlay.setProps({ layers: [], onAfterRender: () => {} } as never);
        followCamera(map, overlay, false);
      },
    } as never);
  });
}

function overlayLayers(draw: MapDraw, split: Split): Layer[] {
  const data = { ...draw.data, proposed: split.proposed ?? draw.data.proposed };
  return draw.layers
    .filter((def) => split.lifted.has(def.id))
    .flatMap((def) =>
      def.id === BANDS_LAYER_ID && split.bands && def.style.type === 'isochrone-bands'
        ? [dragBandsLayer(def, def.style as IsochroneStyle, split.bands)]
        : deckLayersFor(def, data, { ...draw.context, beforeId: undefined }),
    );
}

function drawOverlay(map: MapLibreMap, split: Split): void {
  const draw = draws.get(map);
  if (!draw) return;
  dragOverlay(map).overlay.setProps({
    layers: overlayLayers(draw, split),
    onAfterRender: () => {
      if (split.overlayDrawn || splits.get(map) !== split) return;
      // Now the drag canvas shows them, the map can leave them out.
      split.overlayDrawn = true;
      draws.get(map)?.redraw();
    },
  } as never);
}

/** Back to one canvas; `redraw`: draw the map's own list again (unless the caller is drawing it now). */
function endSplit(map: MapLibreMap, redraw: boolean): void {
  splits.delete(map);
  if (redraw) draws.get(map)?.redraw();
  const held = overlays.get(map);
  if (!held) return;
  // Cleared once the map has painted the layers itself, so the bands never blink out.
  map.once('render', () => {
    if (splits.has(map)) return;
    held.overlay.setProps({ layers: [], onAfterRender: () => {} } as never);
    held.element.style.visibility = 'hidden';
    followCamera(map, held.overlay, false);
  });
  map.triggerRepaint();
}

/**
 * Called by drawLayers with every layer list it draws: keeps it for the split,
 * ends a dropped drag's split once the new bands have come, and gives the layers
 * the map itself should draw (those on the drag canvas hidden, so deck.gl keeps them).
 */
export function splitForDrag(map: MapLibreMap, draw: MapDraw): LayerDef[] {
  draws.set(map, draw);
  const split = splits.get(map);
  if (!split) {
    warmUp(map, draw);
    return draw.layers;
  }
  if (split.dropped && draw.data.isochrones !== split.startBands) {
    endSplit(map, false);
    return draw.layers;
  }
  drawOverlay(map, split);
  if (!split.overlayDrawn) return draw.layers;
  return draw.layers.map((def) => (split.lifted.has(def.id) ? { ...def, visible: false } : def));
}

/** At the press on a what-if site: splits the map if its bands are shown; false when they are not. */
export function startDragSplit(map: MapLibreMap): boolean {
  const draw = draws.get(map);
  const lifted = draw && liftedLayerIds(draw.layers);
  if (!draw || !lifted) return false;
  const split: Split = { lifted, overlayDrawn: false, bands: null, proposed: null, startBands: draw.data.isochrones, dropped: false };
  splits.set(map, split);
  const held = dragOverlay(map);
  held.element.style.visibility = 'visible';
  followCamera(map, held.overlay, true);
  drawOverlay(map, split);
  return true;
}

/** New bands for the dragged sites: drawn on the drag canvas only. */
export function drawDragBands(map: MapLibreMap, proposed: Site[], bands: DragBands): void {
  const split = splits.get(map);
  if (!split || split.dropped) return;
  split.bands = bands;
  split.proposed = proposed;
  drawOverlay(map, split);
}

/**
 * At the release: a moved site waits for the map's own new bands (the drag's
 * last ones stay on screen until then); a press without a move ends at once.
 */
export function dropDragSplit(map: MapLibreMap, moved: boolean): void {
  const split = splits.get(map);
  if (!split) return;
  if (!moved) return endSplit(map, true);
  split.dropped = true;
  split.proposed = null;
}

/** Ends a dropped drag's split whatever came of it (a failed save keeps the map's bands as they were). */
export function abandonDragSplit(map: MapLibreMap): void {
  if (splits.get(map)?.dropped) endSplit(map, true);
}

/** For tests and the bench: whether the map is split for a drag now. */
export function isSplitForDrag(map: MapLibreMap): boolean {
  return splits.has(map);
}
