// A saved map view drawn live inside a workbook section: its own small map
// with the view's extent and layer switches, but the workspace's current
// layer definitions and analysis data, so a classification or what-if change
// shows here too. It can be panned and zoomed (the wheel is left to the
// workbook's scrolling) and set back to the saved extent.
//
// Each mini-map holds a WebGL context, and Chromium drops the oldest (often
// the workspace map's) past about sixteen, so a map exists only while its box
// is on screen, and at most MAX_LIVE_MAPS at once; the rest wait their turn.
import { useEffect, useMemo, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { SavedViewRow } from '../../../shared/contract';
import { layersReducer } from '../layers/layer-state';
import { Legend } from '../legend/Legend';
import { basemapDataFor } from '../map/basemap-data';
import { buildBasemapStyle } from '../map/basemap-style';
import { applyTileBasemap } from '../map/basemap-tiles';
import { drawLayers } from '../map/draw-layers';
import { useLiveMap } from '../map/live-map';
import { whenDrawn } from '../map/map-ready';
import { MapSlots } from './map-slots';

type Bounds = [number, number, number, number];

function cameraOf(view: SavedViewRow): Pick<maplibregl.MapOptions, 'bounds' | 'center' | 'zoom'> {
  const b = view.payload.bounds;
  if (Array.isArray(b) && b.length === 4 && b.every((n) => Number.isFinite(n))) return { bounds: b as Bounds };
  return { center: view.payload.center, zoom: view.payload.zoom };
}

/** True while the element is within (or near) the visible part of its scrolling ancestors. */
function useOnScreen(element: React.RefObject<HTMLElement | null>): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setOn(entry.isIntersecting), { rootMargin: '120px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [element]);
  return on;
}

const MAX_LIVE_MAPS = 4;
const slots = new MapSlots(MAX_LIVE_MAPS);

/** True while this mini-map holds one of the places for live maps; it waits for one while `wanted`. */
function useMapSlot(wanted: boolean): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    const release = slots.request(() => setHeld(true));
    return () => {
      release();
      setHeld(false);
    };
  }, [wanted]);
  return wanted && held;
}

export function ViewMiniMap({ view }: { view: SavedViewRow }) {
  const live = useLiveMap();
  const box = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(box);
  const slot = useMapSlot(onScreen);
  const [map, setMap] = useState<{ map: maplibregl.Map; overlay: MapLibreOverlay } | null>(null);
  const [drawn, setDrawn] = useState(false);

  // The view's switches over the workspace's definitions; nothing here is clickable.
  const layers = useMemo(
    () => (live ? layersReducer(live.layers, { type: 'visibility', visible: view.payload.visible }).map((l) => ({ ...l, interactive: false })) : []),
    [live, view.payload.visible],
  );
  const project = live?.project;
  // Read when a map is made; later changes go through drawLayers.
  const layersNow = useRef(layers);
  layersNow.current = layers;

  useEffect(() => {
    if (!slot || !project || !box.current) return;
    const m = new maplibregl.Map({
      container: box.current,
      style: buildBasemapStyle(layersNow.current, basemapDataFor(project, layersNow.current)),
      ...cameraOf(view),
      attributionControl: false,
      scrollZoom: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      fadeDuration: 0,
    });
    m.touchZoomRotate.disableRotation();
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    m.addControl(overlay);
    let alive = true;
    m.once('load', () => alive && setMap({ map: m, overlay }));
    return () => {
      alive = false;
      setMap(null);
      setDrawn(false);
      m.removeControl(overlay);
      m.remove();
    };
    // The camera is the saved one only when the map is made; later the analyst may pan it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slot, project, view.name]);

  useEffect(() => {
    if (!map || !live) return;
    const deckLayers = drawLayers(map.map, map.overlay, layers, live.data, { selectedCode: null, dataVersion: live.dataVersion });
    setDrawn(false);
    return whenDrawn(map.map, deckLayers.length, () => setDrawn(true));
  }, [map, layers, live]);

  useEffect(() => {
    if (map) applyTileBasemap(map.map, live?.basemapTiles ?? null);
  }, [map, live?.basemapTiles]);

  const reset = () => {
    const camera = cameraOf(view);
    if (!map) return;
    if (camera.bounds) map.map.fitBounds(camera.bounds as Bounds, { duration: 0 });
    else map.map.jumpTo({ center: camera.center, zoom: camera.zoom });
  };

  return (
    <div className="wb-minimap">
      <div className="wb-minimap__frame">
        <div ref={box} className="wb-minimap__map" role="img" aria-label={`Map view "${view.name}"`} data-drawn={drawn ? '1' : '0'} />
        {onScreen && !slot && <p className="wb-minimap__waiting">Drawn when another map view scrolls away ({MAX_LIVE_MAPS} are shown at once).</p>}
        <button type="button" className="dock-button dock-button--small wb-minimap__reset" disabled={!map} onClick={reset}>
          Saved extent
        </button>
      </div>
      <div className="wb-minimap__legend">
        <Legend layers={layers} />
      </div>
    </div>
  );
}
