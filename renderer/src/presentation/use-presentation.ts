// Presentation mode: full screen, large title and legend, and saved views
// (camera + which layers are on) stepped through with the keyboard. Views are
// kept in the project (cgm_views), so the bookmarks prepared at the desk are
// there in the meeting room.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { saveCurrentView, useSavedViews } from '../workbook/saved-views';

export interface SavedView {
  id: string;
  title: string;
  center: [number, number];
  zoom: number;
  visible: Record<string, boolean>;
}

export interface Presentation {
  active: boolean;
  views: SavedView[];
  index: number;
  start(): void;
  stop(): void;
  next(): void;
  previous(): void;
  saveView(): void;
}

/** A view is named after what it shows: the topmost visible area layer. */
function describe(layers: LayerDef[]): string {
  const topFirst = [...layers].reverse().filter((l) => l.visible && l.drawnBy === 'deck');
  const areas = topFirst.find((l) => l.style.type === 'categorical-fill' || l.style.type === 'graduated-fill');
  return (areas ?? topFirst[0])?.title ?? 'Base map';
}

export function usePresentation(map: MapLibreMap | null, layers: LayerDef[], dispatch: Dispatch<LayerAction>): Presentation {
  const [active, setActive] = useState(false);
  const stored = useSavedViews();
  // With no saved views, presenting shows what is on screen now (not saved).
  const [overview, setOverview] = useState<SavedView | null>(null);
  const views = useMemo<SavedView[]>(() => {
    const saved = stored.map((v) => ({ id: v.name, title: v.payload.title ?? v.name, center: v.payload.center, zoom: v.payload.zoom, visible: v.payload.visible }));
    return saved.length ? saved : overview ? [overview] : [];
  }, [stored, overview]);
  const [index, setIndex] = useState(0);
  const layersRef = useRef(layers);
  layersRef.current = layers;

  const capture = useCallback((title?: string): SavedView | null => {
    if (!map) return null;
    const c = map.getCenter();
    const visible = Object.fromEntries(layersRef.current.map((l) => [l.id, l.visible]));
    return { id: crypto.randomUUID(), title: title ?? describe(layersRef.current), center: [c.lng, c.lat], zoom: map.getZoom(), visible };
  }, [map]);

  const show = useCallback(
    (view: SavedView) => {
      dispatch({ type: 'visibility', visible: view.visible });
      map?.flyTo({ center: view.center, zoom: view.zoom, duration: 900, essential: true });
    },
    [map, dispatch],
  );

  const saveView = useCallback(() => {
    const view = capture();
    if (!view || !map) return;
    const name = `View ${stored.length + 1}: ${view.title}`;
    saveCurrentView(map, name, view.visible).catch((error: unknown) => console.warn('Could not save the view', error));
  }, [capture, map, stored.length]);

  const start = useCallback(() => {
    if (stored.length === 0) setOverview(capture('Overview'));
    setIndex(0);
    setActive(true);
    document.documentElement.requestFullscreen?.().catch(() => {
      /* Full screen can be refused (e.g. in tests); the presentation layout still applies. */
    });
  }, [stored.length, capture]);

  const stop = useCallback(() => {
    setActive(false);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }, []);

  const step = useCallback((by: number) => setIndex((i) => Math.min(Math.max(0, i + by), Math.max(0, views.length - 1))), [views.length]);

  useEffect(() => {
    if (active && views[index]) show(views[index]);
  }, [active, index, views, show]);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') step(1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') step(-1);
      else if (e.key === 'Escape') stop();
      else return;
      e.preventDefault();
    };
    const onFullscreen = () => !document.fullscreenElement && setActive(false);
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [active, step, stop]);

  return { active, views, index, start, stop, next: () => step(1), previous: () => step(-1), saveView };
}
