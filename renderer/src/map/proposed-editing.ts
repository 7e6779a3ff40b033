// Placing and dragging what-if sites on the map. Uses maplibre's own pointer
// events: a press within a few pixels of a proposed site starts a drag (and
// stops the map panning); anywhere else the map pans as usual.
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Site } from '../project/types';

const GRAB_PIXELS = 14;

export interface ProposedEditing {
  placing: boolean;
  proposed: Site[];
  onPlace(lon: number, lat: number): void;
  onDrag(sites: Site[], done: boolean): void;
}

export function useProposedEditing(map: MapLibreMap | null, editing: ProposedEditing): void {
  const ref = useRef(editing);
  ref.current = editing;

  useEffect(() => {
    if (!map) return;
    let dragging: { id: number; moved: boolean } | null = null;
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
      ref.current.onDrag(ref.current.proposed.map((s) => (s.id === id ? { ...s, lon: e.lngLat.lng, lat: e.lngLat.lat } : s)), done);
    };

    const onDown = (e: MapMouseEvent) => {
      if (ref.current.placing) return;
      const site = nearest(e);
      if (!site) return;
      e.preventDefault();
      map.dragPan.disable();
      dragging = { id: site.id, moved: false };
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
      if (dragging.moved) moveTo(e, true);
      dragging = null;
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
      map.off('mousedown', onDown);
      map.off('mousemove', onMove);
      map.off('mouseup', onUp);
      map.off('click', onClick);
    };
  }, [map]);
}
