// deck.gl layers for the analysis styles: significance outlines over the
// uptake fill, isochrone bands, disclosed user hexagons and what-if sites.
import { markerRadiusPx, PROPOSED_LINE_PX } from './site-markers';
import { GeoJsonLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import type { MethodOutput } from '../../../shared/contract';
import type { Site } from '../project/types';
import { classOf } from '../classify/breaks';
import type { DeckLayerContext, DeckLayerData } from './deck-layers';
import { siteLabelText, type SiteLabelLook } from './site-labels';
import { rgba } from './fill-colours';
import type { DivergingStyle, HexbinStyle, IsochroneStyle, LayerDef, ProposedSiteStyle } from './types';

type HexCell = MethodOutput<'getUserHexbins'>['cells'][number];

// New arrays would make deck.gl re-tessellate on every render; keep one per data version.
const outlineCache = new WeakMap<FeatureCollection, { version: number; byValue: Map<string, Feature[]> }>();

function featuresWith(areas: FeatureCollection, field: string, value: string, version: number): Feature[] {
  let entry = outlineCache.get(areas);
  if (!entry || entry.version !== version) {
    entry = { version, byValue: new Map() };
    outlineCache.set(areas, entry);
  }
  const key = `${field}=${value}`;
  let list = entry.byValue.get(key);
  if (!list) {
    list = areas.features.filter((f) => f.properties?.[field] === value);
    entry.byValue.set(key, list);
  }
  return list;
}

export function significanceOutlines(def: LayerDef, style: DivergingStyle, areas: FeatureCollection, ctx: DeckLayerContext): Layer[] {
  return style.outlines.map(
    (o) =>
      new GeoJsonLayer({
        id: `${def.id}:outline:${o.value}`,
        beforeId: ctx.beforeId,
        data: featuresWith(areas, style.outlineField, o.value, ctx.dataVersion ?? 0),
        visible: def.visible,
        opacity: 1,
        filled: false,
        stroked: true,
        getLineColor: rgba(o.colour),
        lineWidthUnits: 'pixels',
        getLineWidth: o.width,
        lineJointRounded: true,
        pickable: false,
      } as never),
  );
}

const bandCache = new WeakMap<object, FeatureCollection>();

function isochroneLayer(def: LayerDef, style: IsochroneStyle, iso: { bands: MethodOutput<'getIsochrones'>['bands'] }, ctx: DeckLayerContext): Layer[] {
  const colourOf = new Map(style.bands.map((b) => [b.minutes, b]));
  let ordered = bandCache.get(iso);
  if (!ordered) {
    // Furthest band first, so nearer bands draw on top where rings touch.
    const features = [...iso.bands.features].sort((a, b) => Number(b.properties?.minutes) - Number(a.properties?.minutes));
    ordered = { type: 'FeatureCollection', features } as FeatureCollection;
    bandCache.set(iso, ordered);
  }
  return [
    new GeoJsonLayer({
      id: def.id,
      beforeId: ctx.beforeId,
      data: ordered,
      visible: def.visible,
      opacity: def.opacity,
      filled: true,
      // Band edges traced on a 25 m grid are ragged; unstroked fills read as smooth bands.
      stroked: false,
      getFillColor: (f: Feature) => rgba(colourOf.get(Number(f.properties?.minutes))?.colour ?? '#999999'),
      pickable: false,
      updateTriggers: { getFillColor: style.bands.map((b) => b.colour).join() },
    } as never),
  ];
}

function hexbinLayer(def: LayerDef, style: HexbinStyle, cells: HexCell[], ctx: DeckLayerContext): Layer[] {
  const palette = style.classes.map((c) => rgba(c.colour));
  const suppressed = rgba(style.suppressedColour, 70);
  return [
    new PolygonLayer<HexCell>({
      id: def.id,
      beforeId: ctx.beforeId,
      data: cells,
      visible: def.visible,
      opacity: def.opacity,
      getPolygon: (c: HexCell) => c.polygon,
      filled: true,
      stroked: true,
      getFillColor: (c: HexCell) => (c.users === null ? suppressed : palette[classOf(c.users, style.breaks)]),
      // Suppressed cells get a dashed-looking grey edge so they read as "held back", not "none".
      getLineColor: (c: HexCell) => (c.users === null ? [120, 120, 120, 110] : [255, 255, 255, 230]),
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: false,
      updateTriggers: { getFillColor: style.classes.map((c) => c.colour).join() + style.breaks.join() },
    } as never),
  ];
}

function proposedLayers(def: LayerDef, style: ProposedSiteStyle, sites: Site[], ctx: DeckLayerContext): Layer[] {
  const colour = rgba(style.colour);
  return [
    new ScatterplotLayer<Site>({
      id: def.id,
      beforeId: ctx.beforeId,
      data: sites,
      visible: def.visible,
      radiusUnits: 'pixels',
      getRadius: style.radius,
      getPosition: (s: Site) => [s.lon, s.lat],
      getFillColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: PROPOSED_LINE_PX,
      getLineColor: colour,
      pickable: true,
      autoHighlight: true,
      highlightColor: [123, 44, 191, 80],
      onHover: ctx.onHover,
    } as never),
  ];
}

/** What-if sites' labels: bold in the what-if colour, and saying "(proposed)". */
export function proposedLabelLook(style: ProposedSiteStyle): SiteLabelLook {
  const colour = rgba(style.colour);
  return { text: (s) => `${siteLabelText(s) || 'Site'} (proposed)`, markerRadius: markerRadiusPx(style), colour, weight: 700, background: [255, 255, 255, 235], border: colour };
}

export function analysisDeckLayers(def: LayerDef, data: DeckLayerData, ctx: DeckLayerContext): Layer[] {
  const s = def.style;
  if (s.type === 'isochrone-bands' && s.mode === 'transit') return data.transitIsochrones ? isochroneLayer(def, s, data.transitIsochrones, ctx) : [];
  if (s.type === 'isochrone-bands' && data.isochrones) return isochroneLayer(def, s, data.isochrones, ctx);
  if (s.type === 'hexbin' && data.hexbins) return hexbinLayer(def, s, data.hexbins.cells, ctx);
  if (s.type === 'proposed-sites') return proposedLayers(def, s, data.proposed ?? [], ctx);
  return [];
}
