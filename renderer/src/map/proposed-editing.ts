// Placing and dragging what-if sites on the map. Uses maplibre's own pointer
// events: a press within a few pixels of a proposed site starts a drag (and
// stops the map panning); anywhere else the map pans as usual. While dragging,
// the site is a DOM marker over the map that follows every pointer move
// without redrawing the map (a WebGL frame under software rendering takes a
// few hundred milliseconds); the map's own symbol and the isochrones follow as
// fast as they can be recomputed and drawn (use-site-drag.ts).
import { useEffect, useRef } from 'react';
import { Marker, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl';
import { setHoverPicking } from './deck-overlay';
import type { Site } from '../project/types';

const GRAB_PIXELS = 14;

/** The proposed-site symbol (white disc, purple ring) as a DOM element, the same size the map draws it. */
function dragMarker(): Marker {
  const el = document.createElement('div');
  el.className = 'proposed-drag-marker';
  el.setAttribute('aria-hidden', 'true');
  Object.assign(el.style, { width: '16px', height: '16px', borderRadius: '50%', background: '#ffffff', border: '4px solid #7b2cbf', boxSizing: 'content-box', pointerEvents: 'none' });
  return new Marker({ element: el });
}

export interface ProposedEditing {
  placing: boolean;
  proposed: Site[];
  onPlace(lon: number, lat: number): void;
  onDrag(sites: Site[], done: boolean): void;
  /** A press on a site, before any move. */
  onDragStart?(): void;
  /** The release, before the last onDrag (done); `moved` false for a press that never moved. */
  onDragEnd?(moved: boolean): void;
}

export function useProposedEditing(map: MapLibreMap | null, editing: ProposedEditing): void {
  const ref = useRef(editing);
  ref.current = editing;

  useEffect(() => {
    if (!map) return;
    let dragging: { id: number; moved: boolean; marker: Marker } | null = null;
    const canvas = map.getCanvas();

    const nearest = (e: MapMouseEvent): Site | null => {
      let best: Site | null = null;
      let bestD = GRAB_PIXELS;
      for (const s of ref.current.proposed) {
        const p = map.project([s.lon, s.lat]);
        const d = Math.hypot(p.x - e.point.x, p.y - e.point.y);
        if (d < bestD) [best, bestD] = [s, d];
      }
      return best;
    };
    const moveTo = (e: MapMouseEvent, done: boolean) => {
      if (!dragging) return;
      const id = dragging.id;
      dragging.marker.setLngLat(e.lngLat);
      ref.current.onDrag(ref.current.proposed.map((s) => (s.id === id ? { ...s, lon: e.lngLat.lng, lat: e.lngLat.lat } : s)), done);
    };

    const onDown = (e: MapMouseEvent) => {
      if (ref.current.placing) return;
      const site = nearest(e);
      if (!site) return;
      e.preventDefault();
      map.dragPan.disable();
      dragging = { id: site.id, moved: false, marker: dragMarker().setLngLat([site.lon, site.lat]).addTo(map) };
      setHoverPicking(map, false);
      ref.current.onDragStart?.();
      canvas.style.cursor = 'grabbing';
    };
    const onMove = (e: MapMouseEvent) => {
      if (dragging) {
        dragging.moved = true;
        moveTo(e, false);
      } else if (ref.current.placing) canvas.style.cursor = 'crosshair';
      else if (nearest(e)) canvas.style.cursor = 'grab';
    };
    const onUp = (e: MapMouseEvent) => {
      if (!dragging) return;
      ref.current.onDragEnd?.(dragging.moved);
      if (dragging.moved) moveTo(e, true);
      dragging.marker.remove();
      dragging = null;
      setHoverPicking(map, true);
      map.dragPan.enable();
      canvas.style.cursor = '';
    };
    const onClick = (e: MapMouseEvent) => {
      if (!ref.current.placing) return;
      ref.current.onPlace(e.lngLat.lng, e.lngLat.lat);
    };
    map.on('mousedown', onDown);
    map.on('mousemove', onMove);
    map.on('mouseup', onUp);
    map.on('click', onClick);
    return () => {
      dragging?.marker.remove();
      map.off('mousedown', onDown);
      map.off('mousemove', onMove);
      map.off('mouseup', onUp);
      map.off('click', onClick);
    };
  }, [map]);
}
