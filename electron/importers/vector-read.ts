// Reads a boundary or site layer from GeoJSON, Shapefile or GeoPackage into
// plain features plus the CRS the file declares; checking and reprojection
// happen in the importer so every format gets the same rules.
import type * as GeoJSON from 'geojson';
import type { Crs } from './crs';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, fmt, inputName, readInputBytes } from './importer';
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
  return checkFinite(await readLayer(file, ext, input, options, ctx));
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

function finite(c: unknown): boolean {
  if (typeof c === 'number') return Number.isFinite(c);
  return !Array.isArray(c) || c.every(finite);
}

function geometryFinite(g: GeoJSON.Geometry): boolean {
  return g.type === 'GeometryCollection' ? (g.geometries ?? []).every(geometryFinite) : finite((g as { coordinates?: unknown }).coordinates);
}

function checkFinite(layer: VectorLayer): VectorLayer {
  for (const f of layer.features) if (f.geometry && !geometryFinite(f.geometry)) throw nonFiniteCoordinate(layer.file, layer.unit, f.number);
  return layer;
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
