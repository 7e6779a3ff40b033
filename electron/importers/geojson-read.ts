// GeoJSON reader: RFC 7946 FeatureCollection, plus the legacy `crs` member that
// ogr2ogr and older ONS downloads still write (e.g. EPSG:27700 GeoJSON).
import type * as GeoJSON from 'geojson';
import { crsFromCode } from './crs';
import type { ImportContext } from './importer';
import { ImportError, checkAborted, fmt, quote } from './importer';
import type { VectorFeature, VectorLayer } from './vector-read';

export function readGeoJson(file: string, bytes: Uint8Array, ctx?: ImportContext): VectorLayer {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    throw new ImportError(`${file}: not valid JSON, the file may be truncated (${(error as Error).message})`);
  }
  const root = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  let rawFeatures: unknown[];
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features)) rawFeatures = root.features;
  else if (root?.type === 'Feature') rawFeatures = [root];
  else throw new ImportError(`${file}: expected a GeoJSON FeatureCollection, found ${quote(root?.type ?? typeof doc)}`);

  let declaredCrs = null;
  let crsSource = 'none (GeoJSON default WGS 84)';
  const crsName = root.crs?.properties?.name;
  if (typeof crsName === 'string') {
    declaredCrs = crsFromCode(crsName);
    if (!declaredCrs) throw new ImportError(`${file}: unsupported "crs" ${quote(crsName)} (expected WGS 84 or EPSG:27700)`);
    crsSource = `crs member ${crsName}`;
  }
  const fields = new Set<string>();
  const features: VectorFeature[] = rawFeatures.map((raw, i) => {
    if ((i & 1023) === 0) checkAborted(ctx, file);
    const f = raw as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (!f || f.type !== 'Feature') throw new ImportError(`${file} feature ${fmt(i + 1)}: expected a GeoJSON Feature`);
    const properties = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
    for (const k of Object.keys(properties)) fields.add(k);
    const g = f.geometry as GeoJSON.Geometry | null;
    if (g !== null && (typeof g !== 'object' || typeof g.type !== 'string')) {
      throw new ImportError(`${file} feature ${fmt(i + 1)}: geometry is not a GeoJSON geometry`);
    }
    return { number: i + 1, geometry: g ?? null, properties };
  });
  return { file, format: 'GeoJSON', unit: 'feature', features, fields: [...fields], declaredCrs, crsSource };
}
