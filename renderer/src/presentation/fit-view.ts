// Fitting a saved view into the part of the screen an audience can see: clear
// of the title and legend column on the left and the controls at the bottom.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What the view needs: its ground (bounds, saved since views kept them) or, for an older view, its camera. */
export interface Framing {
  bounds?: [number, number, number, number];
  center: [number, number];
  zoom: number;
}

/**
 * Padding that keeps the view out from under what covers the map's edges. Each
 * side is capped so at least half the width and height is left to fit into
 * (a narrow window still shows the view, only partly overlapped).
 */
export function clearPadding(map: Box, cover: { side?: Box | null; controls?: Box | null }, gap = 16): Padding {
  const width = map.right - map.left;
  const height = map.bottom - map.top;
  const left = cover.side ? cover.side.right - map.left + gap : gap;
  const bottom = cover.controls ? map.bottom - cover.controls.top + gap : gap;
  return {
    top: gap,
    right: gap,
    bottom: Math.round(Math.min(Math.max(gap, bottom), height / 2 - gap)),
    left: Math.round(Math.min(Math.max(gap, left), width / 2 - gap)),
  };
}

/** The stored payload's bounds, when it has four finite numbers in the right order. */
export function boundsOf(payload: Record<string, unknown>): Framing['bounds'] | undefined {
  const b = payload.bounds;
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  const [w, s, e, n] = b as number[];
  return w < e && s < n ? [w, s, e, n] : undefined;
}

/**
 * Moves the camera so the view's ground fills the padded area. Padding goes in
 * as a one-off option (fitBounds) or an offset (flyTo), never as the map's
 * lasting padding, so the workspace map is centred as before after presenting.
 */
export function fitView(map: MapLibreMap, view: Framing, padding: Padding, animate: boolean): void {
  const duration = animate && !matchMedia('(prefers-reduced-motion: reduce)').matches ? 900 : 0;
  if (view.bounds) {
    const [w, s, e, n] = view.bounds;
    map.fitBounds([[w, s], [e, n]], { padding, duration, essential: true });
    return;
  }
  const offset: [number, number] = [(padding.left - padding.right) / 2, (padding.top - padding.bottom) / 2];
  map.flyTo({ center: view.center, zoom: view.zoom, offset, duration, essential: true });
}
