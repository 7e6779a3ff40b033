// The base map is built from the project's own data — no tiles, glyphs or
// sprites from anywhere else — so it works on an offline council laptop.
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { BASEMAP } from '../layers/palettes';
import type { LayerDef, OutlineStyle, RoadStyle } from '../layers/types';

/** Data for each base-map layer's GeoJSON source, by layer id. */
export type BasemapData = Map<string, FeatureCollection>;

function widthByZoom(w: [number, number], extra = 0): unknown {
  return ['interpolate', ['exponential', 1.6], ['zoom'], 11, w[0] * 0.6 + extra, 13, w[0] + extra, 17, w[1] + extra];
}

function roadLayers(def: LayerDef, style: RoadStyle): LayerSpecification[] {
  const source = def.id;
  const casings: LayerSpecification[] = [];
  const fills: LayerSpecification[] = [];
  for (const c of style.classes) {
    const filter = ['in', ['get', 'highway'], ['literal', c.highways]] as never;
    if (c.id !== 'path') {
      casings.push({
        id: `${def.id}:casing:${c.id}`,
        type: 'line',
        source,
        filter,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': c.casing, 'line-width': widthByZoom(c.widths, 1.2) as never, 'line-opacity': def.opacity },
      });
    }
    fills.push({
      id: `${def.id}:${c.id}`,
      type: 'line',
      source,
      filter,
      layout: { 'line-cap': c.id === 'path' ? 'butt' : 'round', 'line-join': 'round' },
      paint: {
        'line-color': c.colour,
        'line-width': widthByZoom(c.widths) as never,
        'line-opacity': def.opacity,
        ...(c.id === 'path' ? { 'line-dasharray': [2, 1.5] } : {}),
      },
    });
  }
  return [...casings, ...fills];
}

function outlineLayer(def: LayerDef, style: OutlineStyle): LayerSpecification[] {
  return [
    {
      id: `${def.id}:line`,
      type: 'line',
      source: def.id,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': style.colour,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, style.width * 0.6, 15, style.width * 1.6] as never,
        'line-opacity': def.opacity,
      },
    },
  ];
}

/** The maplibre style layers that draw one base-map layer definition. */
export function styleLayersFor(def: LayerDef): LayerSpecification[] {
  if (def.drawnBy !== 'basemap') return [];
  const layers = def.style.type === 'road-lines' ? roadLayers(def, def.style) : def.style.type === 'outline' ? outlineLayer(def, def.style) : [];
  const visibility = def.visible ? 'visible' : 'none';
  return layers.map((l) => ({ ...l, layout: { ...(l.layout ?? {}), visibility } }) as LayerSpecification);
}

export function buildBasemapStyle(defs: LayerDef[], data: BasemapData): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': BASEMAP.background } }];
  for (const def of defs) {
    if (def.drawnBy !== 'basemap') continue;
    const fc = data.get(def.id);
    if (!fc) continue;
    // A small tolerance keeps national boundary sets light without visible loss.
    sources[def.id] = { type: 'geojson', data: fc, tolerance: 0.5 };
    layers.push(...styleLayersFor(def));
  }
  return { version: 8, name: 'Catchment Gap Mapper base map', sources, layers };
}
