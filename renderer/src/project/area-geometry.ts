// The areas the renderer holds: their properties as features (what the
// legend, tables and panels read) and their shapes as the typed arrays of
// getAreaGeometry (what the map draws). A feature's `geometry` is built from
// the arrays only when something asks for it (Find zooming to one area, the
// selection outline), so a national level never holds 190k GeoJSON polygons.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry } from '../../../shared/contract/area-geometry';
import { isManyPolygons } from './area-index';

const geometryOf = new WeakMap<FeatureCollection, AreaGeometry>();

/** The typed arrays behind a collection of areas, when it was loaded with them. */
export function areaGeometryOf(areas: FeatureCollection): AreaGeometry | undefined {
  return geometryOf.get(areas);
}

function ring(g: AreaGeometry, r: number): Position[] {
  const out: Position[] = [];
  for (let v = g.ringStarts[r]; v < g.ringStarts[r + 1]; v++) out.push([g.positions[2 * v], g.positions[2 * v + 1]]);
  return out;
}

function polygon(g: AreaGeometry, p: number): Position[][] {
  const rings: Position[][] = [];
  for (let r = g.polygonRings[p]; r < g.polygonRings[p + 1]; r++) rings.push(ring(g, r));
  return rings;
}

/** Polygon indices of each area, in order. */
function polygonsByArea(g: AreaGeometry): number[][] {
  const byArea: number[][] = g.codes.map(() => []);
  for (let p = 0; p < g.polygonArea.length; p++) byArea[g.polygonArea[p]].push(p);
  return byArea;
}

/**
 * Gives each feature of `areas` (properties only, in getAreaGeometry's order)
 * a geometry read from `g` on first use. Throws when the two disagree on the
 * areas, which would colour one area with another's figures.
 */
export function attachAreaGeometry(areas: FeatureCollection, g: AreaGeometry): FeatureCollection {
  if (areas.features.length !== g.codes.length) throw new Error(`The map's ${g.level} areas (${g.codes.length}) and their figures (${areas.features.length}) differ`);
  areas.features.forEach((f, i) => {
    if (String(f.properties?.code) !== g.codes[i]) throw new Error(`The map's ${g.level} area ${i} is ${g.codes[i]}, its figures say ${String(f.properties?.code)}`);
  });
  const byArea = polygonsByArea(g);
  areas.features.forEach((f: Feature, i) => {
    let built: Polygon | MultiPolygon | null | undefined;
    Object.defineProperty(f, 'geometry', {
      enumerable: true,
      configurable: true,
      get() {
        if (built !== undefined) return built;
        const parts = byArea[i];
        built = parts.length === 0 ? null : parts.length === 1 ? { type: 'Polygon', coordinates: polygon(g, parts[0]) } : { type: 'MultiPolygon', coordinates: parts.map((p) => polygon(g, p)) };
        return built;
      },
    });
  });
  geometryOf.set(areas, g);
  return areas;
}

const outlineCache = new WeakMap<AreaGeometry, FeatureCollection>();

/** Bare polygons (no properties) for the base map's line layer, straight from the arrays. */
export function outlineFeatures(g: AreaGeometry, polygons: Iterable<number>): FeatureCollection {
  const features: Feature[] = [];
  for (const p of polygons) features.push({ type: 'Feature', properties: null, geometry: { type: 'Polygon', coordinates: polygon(g, p) } });
  return { type: 'FeatureCollection', features };
}

/**
 * The areas' boundaries for the base map's line layer: one bare polygon per
 * part, straight from the arrays (no properties, and no feature's lazy
 * geometry built as a side effect). A national level starts empty: handing
 * 190k polygons to maplibre's worker cost seconds and hundreds of MB, so
 * outlines-in-view.ts gives it those in view once zoomed in.
 */
export function outlinesOf(areas: FeatureCollection): FeatureCollection {
  const g = areaGeometryOf(areas);
  if (!g) return areas;
  let fc = outlineCache.get(g);
  if (!fc) {
    fc = isManyPolygons(g) ? { type: 'FeatureCollection', features: [] } : outlineFeatures(g, g.polygonArea.keys());
    outlineCache.set(g, fc);
  }
  return fc;
}
