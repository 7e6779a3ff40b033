// Reads a boundary or site layer from GeoJSON, Shapefile or GeoPackage into
// plain features plus the CRS the file declares; checking and reprojection
// happen in the importer so every format gets the same rules.
import type * as GeoJSON from 'geojson';
import type { Crs } from './crs';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, fmt, inputName, quote, readInputBytes, safeText } from './importer';
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

// RFC 7946 advises against nesting collections at all; the deeper walks (extendBbox, mapPositions) recurse per level.
const MAX_COLLECTION_DEPTH = 16;

type CoordinateProblem = { problem: 'type' | 'shape' | 'finite'; type: unknown } | null;

/**
 * What is wrong with a geometry (an unknown type; "coordinates" with a bare number, a
 * missing, short or wrapped position, text; a number that is not finite), or null.
 * Iterative, with the depth known from each type: a hostile file's nesting never reaches the stack.
 */
function coordinateProblem(root: GeoJSON.Geometry): CoordinateProblem {
  let finite: CoordinateProblem = null;
  const geometries: [unknown, number][] = [[root, 0]];
  while (geometries.length > 0) {
    const [g, level] = geometries.pop()!;
    const { type, coordinates, geometries: parts } = (g && typeof g === 'object' ? g : {}) as Record<string, unknown>;
    if (type === 'GeometryCollection') {
      if (!Array.isArray(parts) || level >= MAX_COLLECTION_DEPTH) return { problem: 'shape', type };
      for (const part of parts) geometries.push([part, level + 1]);
      continue;
    }
    const depth = typeof type === 'string' && Object.hasOwn(POSITION_DEPTH, type) ? POSITION_DEPTH[type] : undefined;
    if (depth === undefined) return { problem: 'type', type };
    const stack: [unknown, number][] = [[coordinates, depth]];
    while (stack.length > 0) {
      const [c, d] = stack.pop()!;
      if (!Array.isArray(c)) return { problem: 'shape', type };
      if (d > 0) {
        for (const child of c) stack.push([child, d - 1]);
        continue;
      }
      if (c.length < 2 || c.some((n) => typeof n !== 'number')) return { problem: 'shape', type };
      if (!c.every(Number.isFinite)) finite ??= { problem: 'finite', type };
    }
  }
  return finite;
}

function checkCoordinates(layer: VectorLayer): VectorLayer {
  for (const f of layer.features) {
    const found = f.geometry ? coordinateProblem(f.geometry) : null;
    if (!found) continue;
    const where = `${layer.file} ${layer.unit} ${fmt(f.number)}`;
    if (found.problem === 'type') throw new ImportError(`${where}, field "type": ${quote(found.type)} is not a GeoJSON geometry type`);
    if (found.problem === 'finite') throw nonFiniteCoordinate(layer.file, layer.unit, f.number);
    if (found.type === 'GeometryCollection') throw new ImportError(`${where}, field "geometries": not a list of geometries (or collections nested over ${MAX_COLLECTION_DEPTH} deep)`);
    throw new ImportError(
      `${where}, field "coordinates": not the positions of a ${found.type} (each position is an array of two numbers, longitude and latitude or x and y)`,
    );
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
