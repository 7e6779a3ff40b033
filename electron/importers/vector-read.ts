// Reads a boundary or site layer from GeoJSON, Shapefile or GeoPackage into
// plain features plus the CRS the file declares; checking and reprojection
// happen in the importer so every format gets the same rules.
import type * as GeoJSON from 'geojson';
import type { Crs } from './crs';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, fmt, inputName, readInputBytes, safeText } from './importer';
import { readGeoJson } from './geojson-read';
import { readShapefile } from './shapefile-read';
import { readGpkgLayer } from './gpkg-read';
import { isZipName, unzipDataset } from './zip-dataset';

export interface VectorFeature {
  /** 1-based feature / record number, as QGIS's attribute table counts. */
  number: number;
  geometry: GeoJSON.Geometry | null;
  properties: Record<string, unknown>;
}

export interface VectorLayer {
  file: string;
  format: 'GeoJSON' | 'Shapefile' | 'GeoPackage';
  /** "feature" or "record": the word used in error messages. */
  unit: string;
  features: VectorFeature[];
  fields: string[];
  /** CRS the file declares; null when it declares none. */
  declaredCrs: Crs | null;
  /** Where declaredCrs came from, for messages (".prj", "crs member", "gpkg srs 27700"). */
  crsSource: string;
}

export interface VectorReadOptions {
  /** GeoPackage layer (table) name when the file has several. */
  layer?: string;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export async function readVectorLayer(
  input: ImportInput,
  options: VectorReadOptions = {},
  ctx?: ImportContext,
): Promise<VectorLayer> {
  const file = inputName(input);
  const ext = file.toLowerCase().split('.').pop() ?? '';
  // Boundaries are mostly published zipped: read the one dataset inside, in memory.
  if (isZipName(file)) return readVectorLayer(await unzipDataset(input, ctx), options, ctx);
  return checkCoordinates(await readLayer(file, ext, input, options, ctx));
}

async function readLayer(file: string, ext: string, input: ImportInput, options: VectorReadOptions, ctx?: ImportContext): Promise<VectorLayer> {
  if (ext === 'shp') return readShapefile(input, ctx);
  if (ext === 'dbf' || ext === 'shx' || ext === 'prj') {
    throw new ImportError(`${file}: open the .shp file of a shapefile (with its .dbf and .prj beside it)`);
  }
  const bytes = await readInputBytes(input);
  if (bytes.length === 0) throw new ImportError(`${file}: the file is empty`);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  if (ext === 'gpkg' || head === SQLITE_MAGIC) return readGpkgLayer(file, input, bytes, options.layer, ctx);
  if (ext === 'geojson' || ext === 'json' || /^\s*[{[]/.test(new TextDecoder().decode(bytes.subarray(0, 64)))) {
    return readGeoJson(file, bytes, ctx);
  }
  throw new ImportError(`${file}: unsupported format (expected .geojson, .shp, .gpkg or a .zip holding one of them)`);
}

/** JSON's 1e999 reads as Infinity and a damaged shapefile double as NaN: named here, before a CRS is guessed from the bounds. */
export function nonFiniteCoordinate(file: string, unit: string, number: number): ImportError {
  return new ImportError(`${file} ${unit} ${fmt(number)}: the geometry has a coordinate that is not a finite number`);
}

// How deep a geometry's positions sit in its "coordinates" (a Point's is one position).
const POSITION_DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** What is wrong with a geometry's "coordinates" (a bare number, a missing or short position, text), or null when nothing is. */
function coordinateProblem(g: GeoJSON.Geometry): 'shape' | 'finite' | null {
  if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) return 'shape';
    for (const part of g.geometries) {
      const problem = part && typeof part === 'object' ? coordinateProblem(part) : 'shape';
      if (problem) return problem;
    }
    return null;
  }
  const depth = POSITION_DEPTH[g.type];
  // An unknown type is refused later, by the importer that knows which types it takes.
  if (depth === undefined) return null;
  // Iterative, with the depth known from the type: a hostile file's nesting never reaches the stack.
  let problem: 'finite' | null = null;
  const stack: [unknown, number][] = [[(g as { coordinates?: unknown }).coordinates, depth]];
  while (stack.length > 0) {
    const [c, d] = stack.pop()!;
    if (!Array.isArray(c)) return 'shape';
    if (d > 0) {
      for (const child of c) stack.push([child, d - 1]);
      continue;
    }
    if (c.length < 2 || c.some((n) => typeof n !== 'number')) return 'shape';
    if (!c.every(Number.isFinite)) problem = 'finite';
  }
  return problem;
}

function checkCoordinates(layer: VectorLayer): VectorLayer {
  for (const f of layer.features) {
    const problem = f.geometry ? coordinateProblem(f.geometry) : null;
    if (problem === 'finite') throw nonFiniteCoordinate(layer.file, layer.unit, f.number);
    if (problem === 'shape') {
      throw new ImportError(
        `${layer.file} ${layer.unit} ${fmt(f.number)}, field "coordinates": not the positions of a ${f.geometry!.type} (each position is an array of two numbers, longitude and latitude or x and y)`,
      );
    }
  }
  return layer;
}

/** A property as text, or an error naming where it is when the file's value cannot be read as text (safeText). */
export function propertyText(value: unknown, where: () => string): string {
  const text = safeText(value);
  if (text === null) throw new ImportError(`${where()}: the value is an array or object that cannot be read as text (nested too deeply?)`);
  return text.trim();
}

/** The layer's own spelling of a field (case-insensitive), or an error listing its fields. */
export function layerField(layer: Pick<VectorLayer, 'file' | 'fields' | 'unit'>, name: string, option: string): string {
  const found = layer.fields.find((f) => f.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw new ImportError(
      `${layer.file}: no field "${name}" (--${option}); the ${layer.unit}s have ${layer.fields.map((f) => `"${f}"`).join(', ') || 'no attributes'}`,
    );
  }
  return found;
}
