// The map: a maplibre base map built from project data, with deck.gl layers
// interleaved into its layer stack so both share one canvas (and one PNG export).
import { registerOverlay } from './deck-overlay';
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { PickingInfo } from '@deck.gl/core';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import type { DeckLayerData } from '../layers/deck-layers';
import { basemapDataFor } from './basemap-data';
import { buildBasemapStyle } from './basemap-style';
import type { TileBasemap } from './basemap-tile-style';
import { applyTileBasemap } from './basemap-tiles';
import { drawLayers } from './draw-layers';
import { markReadyWhenDrawn } from './map-ready';
import { warmWorkerThreadsOnce } from './warm-threads';
import { followOutlinesInView } from './outlines-in-view';
import { followPickInPage } from './pick-in-page';
import { areaDrawingAt, type AreaDrawing } from '../layers/area-drawing';
import { areaGeometryOf } from '../project/area-geometry';
import { isManyPolygons } from '../project/area-index';
import { isAreaFillStyle } from '../layers/fill-colours';
import { followSelectionOutline, markersOverSelection, type SelectionOutline } from './selection-outline';
import { followContainerSizeAfterFrame } from './deferred-resize';
import { noFrameForStillClicks } from './still-click';

declare global {
  interface Window {
    /** For end-to-end tests and the console: the live maplibre map. */
    __cgmMap?: maplibregl.Map;
  }
}

/** Longest press that still counts as a click on the map (a press held longer is a long press, not a slip). */
const CLICK_PRESS_MS = 2000;

export interface MapViewProps {
  project: LoadedProject;
  layers: LayerDef[];
  selectedCode: string | null;
  onHover(info: PickingInfo | null): void;
  onSelectArea(code: string | null): void;
  onMapCreated?(map: maplibregl.Map): void;
  /** What the layers draw: the areas, sites (real and proposed), isochrones, hexbins; the workbook's mini-maps draw the same. */
  data: DeckLayerData;
  /** Bumped when analysis values are written onto the areas, to recolour them. */
  dataVersion?: number;
  /** While a what-if site is being placed, a click places it instead of selecting an area. */
  placing?: boolean;
  /** The project's offline tile file, drawn under everything else; null: the project's own data only. */
  basemapTiles?: TileBasemap | null;
}

function nationalLevel(project: LoadedProject): boolean {
  const g = areaGeometryOf(project.areas);
  return Boolean(g && isManyPolygons(g));
}

export function MapView({ project, layers, selectedCode, onHover, onSelectArea, onMapCreated, data, dataVersion = 0, placing = false, basemapTiles = null }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const outlineRef = useRef<SelectionOutline | null>(null);
  const styleReady = useRef(false);
  // Callbacks change every render; deck layers read them through refs.
  const handlers = useRef({ onHover, onSelectArea, placing });
  handlers.current = { onHover, onSelectArea, placing };
  // A new project builds a new map: its style must hold the new project's base-map layers (roads imported
  // since, a new level's boundaries), not those of the first project this view showed.
  const currentLayers = useRef(layers);
  currentLayers.current = layers;
  const currentData = useRef(data);
  currentData.current = data;
  // Changes only when the zoom crosses from one way of drawing a national level to another.
  const [areaDrawing, setAreaDrawing] = useState<AreaDrawing>('raster');

  useEffect(() => {
    if (!container.current) return;
    const [w, s, e, n] = project.extent;
    const map = new maplibregl.Map({
      container: container.current,
      style: buildBasemapStyle(currentLayers.current, basemapDataFor(project, currentLayers.current)),
      bounds: [w, s, e, n],
      // The legend floats over the map's left edge; keep the project clear of it.
      fitBoundsOptions: { padding: { top: 40, bottom: 40, right: 64, left: Math.min(300, container.current.clientWidth * 0.26) } },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      // Keeps the drawing buffer so the PNG export holds base map and deck layers together.
      // A national level goes without multisampling: in software WebGL it multiplies a frame's fill work, and
      // at country zoom an area is a pixel or two (Rutland and the demo keep it).
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: !nationalLevel(project) },
      // Resized a frame after its container (deferred-resize.ts), so the frame opening the area panel comes first.
      trackResize: false,
    });
    const stopResize = followContainerSizeAfterFrame(map);
    map.touchZoomRotate.disableRotation();
    noFrameForStillClicks(map);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    // deck.gl counts a press as a click only if released within 250 ms, timed
    // around its own synchronous picking on pointerdown: on a slow GPU (or a
    // deliberate press) clicks were lost. A desktop map takes any still press.
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [], eventRecognizerOptions: { click: { time: CLICK_PRESS_MS } } });
    map.addControl(overlay);
    registerOverlay(map, overlay);
    mapRef.current = map;
    overlayRef.current = overlay;
    window.__cgmMap = map;
    onMapCreated?.(map);
    map.on('load', () => {
      styleReady.current = true;
    });
    const clearHover = () => handlers.current.onHover(null);
    map.getCanvas().addEventListener('mouseleave', clearHover);
    // National levels: outlines in view only, and hover/click answered in the page (not by deck.gl's picking).
    const stopOutlines = followOutlinesInView(map, () => ({ project, layers: currentLayers.current }));
    const onZoom = () => setAreaDrawing(areaDrawingAt(areaGeometryOf(project.areas), map.getZoom()));
    onZoom();
    map.on('zoomend', onZoom);
    const stopPicking = followPickInPage(map, () => ({ layers: currentLayers.current, data: currentData.current, handlers: handlers.current }));
    outlineRef.current = followSelectionOutline(map);
    return () => {
      stopResize();
      outlineRef.current?.remove();
      outlineRef.current = null;
      stopOutlines();
      stopPicking();
      map.off('zoomend', onZoom);
      map.getCanvas().removeEventListener('mouseleave', clearHover);
      styleReady.current = false;
      map.removeControl(overlay);
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
      if (window.__cgmMap === map) delete window.__cgmMap;
    };
  }, [project, onMapCreated]);

  // A national level's selected area is outlined over the map (selection-outline.ts): a click draws no map frame.
  const national = nationalLevel(project);
  const deckSelected = national ? null : selectedCode;
  const outlined = national && layers.some((d) => d.drawnBy === 'deck' && d.visible && d.interactive && isAreaFillStyle(d.style));
  useEffect(() => {
    outlineRef.current?.show(outlined ? (areaGeometryOf(project.areas) ?? null) : null, selectedCode);
  }, [project, selectedCode, outlined]);
  // The site markers drawn above the areas stay above the outline, as above the deck.gl one.
  useEffect(() => {
    outlineRef.current?.passUnder(national ? markersOverSelection(layers, data) : []);
  }, [national, layers, data]);

  useEffect(() => {
    const map = mapRef.current;
    const overlay = overlayRef.current;
    if (!map || !overlay) return;
    const apply = () => {
      const deckLayers = drawLayers(map, overlay, layers, data, {
        selectedCode: deckSelected,
        dataVersion,
        areaDrawing,
        onHover: (info) => {
          map.getCanvas().style.cursor = info.object ? 'pointer' : '';
          handlers.current.onHover(info.object ? info : null);
        },
        onClick: (info) => !handlers.current.placing && handlers.current.onSelectArea((info.object as { properties?: { code?: string } })?.properties?.code ?? null),
        // Labels are drawn over every layer: over the selection too (selection-outline.ts).
        onLabelsPlaced: (boxes) => outlineRef.current?.passUnderLabels(boxes),
      });
      markReadyWhenDrawn(map, deckLayers.length, warmWorkerThreadsOnce);
    };
    if (styleReady.current) apply();
    else {
      // Registered after the creation effect's own 'load' listener, so styleReady is set first.
      map.once('load', apply);
      return () => {
        map.off('load', apply);
      };
    }
  }, [layers, project, deckSelected, data, dataVersion, areaDrawing]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => applyTileBasemap(map, basemapTiles);
    if (styleReady.current) apply();
    else {
      map.once('load', apply);
      return () => {
        map.off('load', apply);
      };
    }
  }, [basemapTiles, project]);

  // data-area-drawing says how a national level is drawn now (what end-to-end tests read).
  return <div ref={container} className="map-canvas" role="region" aria-label="Map of the project" data-area-drawing={areaDrawing} />;
}
