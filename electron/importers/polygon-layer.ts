// Reads a boundary layer (Shapefile, GeoJSON or GeoPackage) as flat polygon
// arrays plus one attribute record per area. Polygon shapefiles, the national
// boundary sets, skip GeoJSON entirely; other inputs are read as before and
// flattened, so every format meets the same checks in boundaries.ts.
import type { Bbox, Crs } from './crs';
import { readDbf } from './dbf-read';
import { FlatBuilder, addGeoJsonFeature, firstVertexWhere, flatBbox, type FlatPolygons } from './flat-polygons';
import { emptyBbox, extendBbox } from './geometry';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, checkAborted, fmt, inputName } from './importer';
import { readShapefileParts } from './shapefile-read';
import { POLYGON_SHAPE_TYPES, readShpPolygons } from './shp-polygons';
import { nonFiniteCoordinate, readVectorLayer, type VectorLayer, type VectorReadOptions } from './vector-read';
import { isZipName, unzipDataset } from './zip-dataset';

export interface PolygonLayer {
  file: string;
  format: VectorLayer['format'];
  unit: string;
  fields: string[];
  declaredCrs: Crs | null;
  crsSource: string;
  /** One entry per feature, in file order; geometry.featureEnd has the same length. */
  properties: Record<string, unknown>[];
  geometry: FlatPolygons;
  /** Bounds of the raw coordinates, for the CRS decision. */
  rawBbox: Bbox;
}

export async function readPolygonLayer(input: ImportInput, options: VectorReadOptions, ctx?: ImportContext): Promise<PolygonLayer> {
  const file = inputName(input);
  // Unzipped first, so a zipped national shapefile still takes the fast path below.
  if (isZipName(file)) return readPolygonLayer(await unzipDataset(input, ctx), options, ctx);
  if (/\.shp$/i.test(file)) {
    const parts = await readShapefileParts(input);
    const type = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength).getInt32(32, true);
    if (POLYGON_SHAPE_TYPES.has(type)) {
      // A file read here is ours to overwrite; bytes handed in (an upload) are not.
      const geometry = readShpPolygons(file, parts.shp, (n) => ctx?.progress?.(`Reading ${file}: record ${fmt(n)}`, null), typeof input === 'string');
      const infinite = firstVertexWhere(geometry, (x, y) => !Number.isFinite(x) || !Number.isFinite(y));
      if (infinite) throw nonFiniteCoordinate(file, 'record', infinite.feature + 1);
      checkAborted(ctx, file);
      const { properties, fields } = readAttributes(file, parts.dbf, parts.encoding, geometry.featureEnd.length);
      return {
        file, format: 'Shapefile', unit: 'record', fields, declaredCrs: parts.declaredCrs, crsSource: parts.crsSource,
        properties, geometry, rawBbox: flatBbox(geometry.xy),
      };
    }
  }
  // Points, lines and the other formats: the general reader, then flattened.
  const layer = await readVectorLayer(input, options, ctx);
  const out = new FlatBuilder();
  const rawBbox = emptyBbox();
  const properties: Record<string, unknown>[] = [];
  for (const f of layer.features) {
    if (f.geometry) extendBbox(rawBbox, f.geometry);
    addGeoJsonFeature(out, f.geometry);
    properties.push(f.properties);
  }
  const { features: _, ...rest } = layer;
  return { ...rest, properties, geometry: out.finish(), rawBbox };
}

/** The .dbf records, one per shape; a shorter .dbf leaves the rest without attributes, as the shapefile reader did. */
function readAttributes(file: string, dbf: Uint8Array, encoding: string, count: number): { properties: Record<string, unknown>[]; fields: string[] } {
  let properties: Record<string, unknown>[];
  try {
    properties = readDbf(dbf, encoding, count);
  } catch (error) {
    throw new ImportError(`${file}: cannot read the .dbf attributes, it may be damaged or truncated (${(error as Error).message})`);
  }
  const fields = Object.keys(properties[0] ?? {});
  while (properties.length < count) properties.push({});
  return { properties, fields };
}
