// The areas the renderer holds: their properties as features (what the
// legend, tables and panels read) and their shapes as the typed arrays of
// getAreaGeometry (what the map draws). A feature's `geometry` is built from
// the arrays only when something asks for it (Find zooming to one area, the
// selection outline), so a national level never holds 190k GeoJSON polygons.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry } from '../../../shared/contract/area-geometry';
import { areaPropertiesOf, type AreaColumns } from '../../../shared/contract/area-columns';
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

/** What a feature's geometry getter reads: the level's arrays, and the polygons it has built so far. */
interface Shapes {
  g: AreaGeometry;
  byArea: number[][] | null;
  built: Map<number, Polygon | MultiPolygon | null>;
}
const SHAPES = Symbol('area shapes');
const INDEX = Symbol('area index');
type AreaFeature = Feature & { [SHAPES]: Shapes; [INDEX]: number };

function shapeOf(s: Shapes, i: number): Polygon | MultiPolygon | null {
  let shape = s.built.get(i);
  if (shape !== undefined) return shape;
  s.byArea ??= polygonsByArea(s.g);
  const parts = s.byArea[i];
  shape = parts.length === 0 ? null : parts.length === 1 ? { type: 'Polygon', coordinates: polygon(s.g, parts[0]) } : { type: 'MultiPolygon', coordinates: parts.map((p) => polygon(s.g, p)) };
  s.built.set(i, shape);
  return shape;
}

// One getter shared by every feature: a closure per feature (and redefining a
// `geometry: null` already there) left 190k objects in V8's slow dictionary
// mode, ~70 MB of the page's heap. The getter is an own, enumerable property,
// so a structured clone (maplibre's setData) still carries the polygon.
const GEOMETRY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: AreaFeature) {
    return shapeOf(this[SHAPES], this[INDEX]);
  },
};

function areaFeatures(g: AreaGeometry, ids: ArrayLike<number> | null, properties: Record<string, unknown>[]): FeatureCollection {
  const shapes: Shapes = { g, byArea: null, built: new Map() };
  const features: Feature[] = new Array(properties.length);
  for (let i = 0; i < properties.length; i++) {
    const f = ids ? { type: 'Feature', id: ids[i], properties: properties[i], [SHAPES]: shapes, [INDEX]: i } : { type: 'Feature', properties: properties[i], [SHAPES]: shapes, [INDEX]: i };
    features[i] = Object.defineProperty(f, 'geometry', GEOMETRY) as unknown as Feature;
  }
  const areas: FeatureCollection = { type: 'FeatureCollection', features };
  geometryOf.set(areas, g);
  return areas;
}

/** Throws when figures and shapes disagree on the areas, which would colour one area with another's figures. */
function checkSameAreas(g: AreaGeometry, codeAt: (i: number) => unknown, count: number): void {
  if (count !== g.codes.length) throw new Error(`The map's ${g.level} areas (${g.codes.length}) and their figures (${count}) differ`);
  for (let i = 0; i < count; i++) {
    if (String(codeAt(i)) !== g.codes[i]) throw new Error(`The map's ${g.level} area ${i} is ${g.codes[i]}, its figures say ${String(codeAt(i))}`);
  }
}

/**
 * The areas of getAreaColumns (properties as getAreaLayer gives them) with
 * their shapes read from `g` on first use, in getAreaGeometry's order.
 */
export function areasFromColumns(columns: AreaColumns, g: AreaGeometry): FeatureCollection {
  const properties = areaPropertiesOf(columns);
  checkSameAreas(g, (i) => properties[i].code, properties.length);
  // The same code string once in the page, not once per answer.
  for (let i = 0; i < properties.length; i++) properties[i].code = g.codes[i];
  return areaFeatures(g, columns.ids, properties);
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
