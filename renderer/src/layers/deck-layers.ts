// Turns thematic layer definitions into deck.gl layers. Colours come from the
// definition's style — the legend reads the same style. Area fills take one
// colour per feature from a texture (FeatureColourExtension): a recolour
// rewrites n texels and never re-tessellates or refills per-vertex buffers.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import type { MethodOutput } from '../../../shared/contract';
import type { Site } from '../project/types';
import { analysisDeckLayers, proposedLabelLook, significanceOutlines } from './analysis-deck-layers';
import { binaryAreaFill } from './binary-area-layer';
import type { AreaDrawing } from './area-drawing';
import { areaGeometryOf } from '../project/area-geometry';
import { FeatureColourExtension } from './feature-colour-extension';
import { featureColours, fillKey, isAreaFillStyle, rgba, type AreaFillStyle } from './fill-colours';
import { BASEMAP } from './palettes';
import type { LayerDef, SiteStyle } from './types';
import { markerRadiusPx, SITE_LINE_PX } from './site-markers';
import type { LabelBox } from '../../../shared/cartography/label-placement';
import { SiteLabelsLayer, siteLabelText, type SiteLabelGroup, type SiteLabelLook } from './site-labels';

export const FONT_FAMILY = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export interface DeckLayerData {
  areas: FeatureCollection;
  sites: Site[];
  isochrones?: MethodOutput<'getIsochrones'> | null;
  /** The transit isochrones' bands (transit-isochrone-layer.ts), drawn by the same band layer. */
  transitIsochrones?: MethodOutput<'getTransitIsochrones'> | null;
  hexbins?: MethodOutput<'getUserHexbins'> | null;
  proposed?: Site[];
  /** People each site is nearest to, from the coverage shown: which labels win space (site-labels.ts). */
  peopleServed?: ReadonlyMap<number, number>;
}

export interface DeckLayerContext {
  /** The maplibre layer this layer must be drawn under (interleaved ordering). */
  beforeId?: string;
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
  selectedCode: string | null;
  /** Bumped whenever analysis values are written onto the area features. */
  dataVersion?: number;
  /** What a national level's fills are drawn from at the map's zoom (area-drawing.ts: areaDrawingAt); absent: its polygons. */
  areaDrawing?: AreaDrawing;
  /** Told the site labels' boxes each time they are placed (site-labels.ts onPlaced). */
  onLabelsPlaced?: (boxes: LabelBox[]) => void;
}


/** A stable key of everything that changes colours, for updateTriggers. */
export function colourKey(def: LayerDef): string {
  const s = def.style;
  if (isAreaFillStyle(s)) return fillKey(s);
  if (s.type === 'site-symbols') return s.categories.map((c) => c.value + c.colour).join('|');
  return '';
}

// One extension instance: deck.gl compares extensions to decide whether to rebuild shaders.
const featureColourExtension = new FeatureColourExtension();
/** The per-feature colour comes from the texture; this constant only carries the opacity. */
const OPAQUE_WHITE = [255, 255, 255, 255];

// The same colour array while nothing that changes colours has changed, so a
// re-render (selection, hover, another layer toggled) uploads nothing.
const colourCache = new WeakMap<FeatureCollection, Map<string, { key: string; colours: Uint8Array }>>();

function coloursFor(def: LayerDef, data: FeatureCollection, version: number): Uint8Array {
  const key = `${colourKey(def)}#${version}`;
  let byLayer = colourCache.get(data);
  if (!byLayer) colourCache.set(data, (byLayer = new Map()));
  const hit = byLayer.get(def.id);
  if (hit && hit.key === key) return hit.colours;
  const colours = featureColours(def.style as AreaFillStyle, data.features);
  byLayer.set(def.id, { key, colours });
  return colours;
}

function areaLayer(def: LayerDef, data: FeatureCollection, ctx: DeckLayerContext): Layer {
  const flat = areaGeometryOf(data);
  if (flat) {
    return binaryAreaFill(data, flat, {
      id: def.id, beforeId: ctx.beforeId, visible: def.visible, opacity: def.opacity, pickable: def.interactive,
      colours: coloursFor(def, data, ctx.dataVersion ?? 0), extensions: [featureColourExtension], onHover: ctx.onHover, onClick: ctx.onClick, drawing: ctx.areaDrawing,
    });
  }
  return new GeoJsonLayer({
    id: def.id,
    beforeId: ctx.beforeId,
    data,
    visible: def.visible,
    opacity: def.opacity,
    filled: true,
    stroked: false,
    pickable: def.interactive,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    getFillColor: OPAQUE_WHITE,
    extensions: [featureColourExtension],
    featureColours: coloursFor(def, data, ctx.dataVersion ?? 0),
    onHover: ctx.onHover,
    onClick: ctx.onClick,
  } as never);
}

function selectionLayer(def: LayerDef, data: FeatureCollection, ctx: DeckLayerContext): Layer | null {
  if (!ctx.selectedCode) return null;
  const selected = data.features.filter((f) => f.properties?.code === ctx.selectedCode);
  return new GeoJsonLayer({
    id: `${def.id}:selected`,
    beforeId: ctx.beforeId,
    data: { type: 'FeatureCollection', features: selected },
    visible: def.visible,
    filled: false,
    stroked: true,
    getLineColor: [17, 24, 39, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    pickable: false,
  } as never);
}

const SITE_LABELS = ':labels';
/** The one layer of every site label (the print draws it once over the composed tiles: print-labels.ts). */
export const isSiteLabelLayer = (layer: Layer) => layer.id.endsWith(SITE_LABELS);

/** A site layer's labels as a group of the one label layer (siteLabelsLayer), or null when it shows none. */
export function siteLabelGroup(def: LayerDef, data: DeckLayerData): SiteLabelGroup | null {
  const group = (sites: Site[], look: SiteLabelLook): SiteLabelGroup => ({ id: `${def.id}${SITE_LABELS}`, sites, look, opacity: def.opacity });
  const s = def.style;
  if (s.type === 'site-symbols' && s.labels) return group(data.sites, siteLabelLook(s));
  if (s.type === 'proposed-sites') return group(data.proposed ?? [], proposedLabelLook(s));
  return null;
}

function siteLabelLook(style: SiteStyle): SiteLabelLook {
  return { text: siteLabelText, markerRadius: markerRadiusPx(style), colour: rgba(BASEMAP.text), weight: 600, background: [255, 255, 255, 228], border: [31, 41, 51, 60] };
}

/**
 * Callout labels beside site markers, placed clear of each other and of the
 * markers (site-labels.ts), real and what-if sites in one pass over every
 * visible group. Drawn over every other layer. A light box reads over any
 * segment colour, where SDF halos fringe in interleaved mode.
 */
export function siteLabelsLayer(groups: SiteLabelGroup[], data: DeckLayerData, onPlaced?: (boxes: LabelBox[]) => void): Layer {
  return new SiteLabelsLayer({ id: `sites${SITE_LABELS}`, groups, fontFamily: FONT_FAMILY, peopleServed: data.peopleServed, onPlaced } as never);
}

function siteLayers(def: LayerDef, sites: Site[], ctx: DeckLayerContext): Layer[] {
  const style = def.style as SiteStyle;
  const colours = new Map(style.categories.map((c) => [c.value, rgba(c.colour)]));
  const fallback = rgba('#333333');
  const circles = new ScatterplotLayer<Site>({
    id: def.id,
    beforeId: ctx.beforeId,
    data: sites,
    visible: def.visible,
    opacity: def.opacity,
    radiusUnits: 'pixels',
    getRadius: style.radius,
    getPosition: (s: Site) => [s.lon, s.lat],
    getFillColor: (s: Site) => colours.get(s.type ?? '') ?? fallback,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: SITE_LINE_PX,
    getLineColor: [255, 255, 255, 255],
    pickable: def.interactive,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
    updateTriggers: { getFillColor: colourKey(def) },
    onHover: ctx.onHover,
  } as never);
  return [circles];
}

export function deckLayersFor(def: LayerDef, data: DeckLayerData, ctx: DeckLayerContext): Layer[] {
  if (def.drawnBy !== 'deck') return [];
  if (def.style.type === 'site-symbols') return siteLayers(def, data.sites, ctx);
  if (isAreaFillStyle(def.style)) {
    const fills = areaLayer(def, data.areas, ctx);
    const outlines = def.style.type === 'diverging-fill' ? significanceOutlines(def, def.style, data.areas, ctx) : [];
    const selection = def.interactive ? selectionLayer(def, data.areas, ctx) : null;
    return selection ? [fills, ...outlines, selection] : [fills, ...outlines];
  }
  return analysisDeckLayers(def, data, ctx);
}
