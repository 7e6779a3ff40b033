// Presentation mode: full screen, large title and legend, and saved views
// (camera + which layers are on) stepped through with the keyboard. Views are
// kept in the project (cgm_views), so the bookmarks prepared at the desk are
// there in the meeting room. The overlay fits each view's ground into what the
// audience can see (fit-view.ts); this hook switches its layers.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { saveCurrentView, useSavedViews } from '../workbook/saved-views';
import { boundsOf, type Framing } from './fit-view';
import { defaultViewName } from './view-name';

export interface SavedView extends Framing {
  id: string;
  title: string;
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
  /** Asks for a name (the naming dialog opens with a default). */
  saveView(): void;
  /** The name offered while the naming dialog is open; null when it is closed. */
  naming: string | null;
  /** Names already saved: saving under one of them replaces that view. */
  viewNames: string[];
  confirmSave(name: string): Promise<void>;
  cancelSave(): void;
}

export function usePresentation(map: MapLibreMap | null, layers: LayerDef[], dispatch: Dispatch<LayerAction>, level: string): Presentation {
  const [active, setActive] = useState(false);
  const stored = useSavedViews();
  // With no saved views, presenting shows what is on screen now (not saved).
  const [overview, setOverview] = useState<SavedView | null>(null);
  const views = useMemo<SavedView[]>(() => {
    const saved = stored.map((v) => ({ id: v.name, title: v.payload.title ?? v.name, center: v.payload.center, zoom: v.payload.zoom, bounds: boundsOf(v.payload), visible: v.payload.visible }));
    return saved.length ? saved : overview ? [overview] : [];
  }, [stored, overview]);
  const viewNames = useMemo(() => stored.map((v) => v.name), [stored]);
  const [index, setIndex] = useState(0);
  const [naming, setNaming] = useState<string | null>(null);
  const layersRef = useRef(layers);
  layersRef.current = layers;

  const capture = useCallback((title: string): SavedView | null => {
    if (!map) return null;
    const c = map.getCenter();
    const b = map.getBounds();
    const visible = Object.fromEntries(layersRef.current.map((l) => [l.id, l.visible]));
    return { id: crypto.randomUUID(), title, center: [c.lng, c.lat], zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], visible };
  }, [map]);

  const saveView = useCallback(() => {
    if (map) setNaming(defaultViewName(layersRef.current, level, viewNames));
  }, [map, level, viewNames]);

  const confirmSave = useCallback(async (name: string) => {
    if (!map) return;
    const visible = Object.fromEntries(layersRef.current.map((l) => [l.id, l.visible]));
    await saveCurrentView(map, name.trim(), visible);
    setNaming(null);
  }, [map]);

  const cancelSave = useCallback(() => setNaming(null), []);

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

  // The view's layers; its camera is the overlay's, which knows what covers the map.
  const current = active ? views[index] : undefined;
  useEffect(() => {
    if (current) dispatch({ type: 'visibility', visible: current.visible });
  }, [current, dispatch]);

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

  return { active, views, index, start, stop, next: () => step(1), previous: () => step(-1), saveView, naming, viewNames, confirmSave, cancelSave };
}
