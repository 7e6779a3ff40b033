// The travel-time bands following a dragged what-if site. One request at a
// time, the latest position winning; each answer (typed arrays, triangulated
// by the main process) is drawn on the drag canvas only (drag-split.ts), with
// no React state set per move, so neither the page nor the map redraws the
// rest of the picture. The drop saves the site, and the map's own new bands
// then replace the drag's.
import { useCallback, useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api } from '../api/client';
import type { IsochroneStyle, LayerDef } from '../layers/types';
import type { Site } from '../project/types';
import { abandonDragSplit, BANDS_LAYER_ID, drawDragBands, dropDragSplit, startDragSplit } from './drag-split';
import type { AnalysisChoice } from './use-analysis';

export interface SiteDrag {
  /** At the press on a site. */
  start(): void;
  /** Each pointer move: the proposed sites with the dragged one where the pointer is. */
  move(sites: Site[]): void;
  /** At the release (before the site is saved). */
  end(moved: boolean): void;
}

/** Least time between two sets of bands while a site is dragged. */
const MIN_PAUSE_MS = 250;

const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

export function useSiteDrag(map: MapLibreMap | null, choice: AnalysisChoice | null, layers: LayerDef[], error: string | null): SiteDrag {
  // The latest position not yet asked for, whether a request is out, which drag it belongs to, and whether the map is split.
  const drag = useRef({ next: null as Site[] | null, busy: false, generation: 0, split: false });
  const inputs = useRef({ choice, layers });
  inputs.current = { choice, layers };

  // A failed save or recompute brings no new bands: the map shows its own again.
  useEffect(() => {
    if (map && error) abandonDragSplit(map);
  }, [map, error]);

  const start = useCallback(() => {
    const d = drag.current;
    d.generation++;
    d.next = null;
    d.split = Boolean(map && inputs.current.choice && startDragSplit(map));
  }, [map]);

  const move = useCallback(
    (sites: Site[]) => {
      const d = drag.current;
      d.next = sites;
      const { choice, layers } = inputs.current;
      const style = layers.find((l) => l.id === BANDS_LAYER_ID)?.style as IsochroneStyle | undefined;
      if (!map || !choice || !style || d.busy || !d.split) return;
      const { service, mode } = choice;
      const minutes = style.bands.map((b) => b.minutes);
      const generation = d.generation;
      d.busy = true;
      void (async () => {
        while (d.next && d.generation === generation) {
          const at = d.next;
          d.next = null;
          const bands = await api.call('getDragBands', { service, mode, minutes, dragged: at.map((s) => ({ lon: s.lon, lat: s.lat })) }).catch(() => null);
          // A drop while this was out has the map's own bands coming: never draw an older drag over them.
          if (!bands || d.generation !== generation) continue;
          const shownAt = performance.now();
          drawDragBands(map, at, bands);
          // Once these bands are on screen, leave the pointer twice as long (and at least a few frames)
          // before the next ones: the dragged marker is what the hand follows, and it needs frames too.
          await frame();
          await frame();
          await new Promise((r) => setTimeout(r, Math.max(MIN_PAUSE_MS, 2 * (performance.now() - shownAt))));
        }
        d.busy = false;
      })();
    },
    [map],
  );

  const end = useCallback(
    (moved: boolean) => {
      const d = drag.current;
      d.generation++;
      d.next = null;
      if (map && d.split) dropDragSplit(map, moved);
      d.split = false;
    },
    [map],
  );

  return { start, move, end };
}
