// GeoPackage layer as import input (an OS or ONS download, a QGIS export):
// read with better-sqlite3 and the store's geometry decoder.
import Database from 'better-sqlite3';
import { decodeGeometry } from '../store/gpkg-geometry';
import { crsFromCode, crsFromWkt } from './crs';
import type { Crs } from './crs';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, checkAborted, fmt, quote } from './importer';
import type { VectorFeature, VectorLayer } from './vector-read';

export function readGpkgLayer(
  file: string,
  input: ImportInput,
  bytes: Uint8Array,
  layer: string | undefined,
  ctx?: ImportContext,
): VectorLayer {
  let db: Database.Database;
  try {
    db = typeof input === 'string' ? new Database(input, { readonly: true, fileMustExist: true }) : new Database(Buffer.from(bytes));
  } catch (error) {
    throw new ImportError(`${file}: not a readable GeoPackage (${(error as Error).message})`);
  }
  try {
    let layers: { table_name: string; column_name: string; srs_id: number }[];
    try {
      layers = db
        .prepare(
          `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
           JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'`,
        )
        .all() as typeof layers;
    } catch (error) {
      throw new ImportError(`${file}: not a GeoPackage or damaged (${(error as Error).message})`);
    }
    if (layers.length === 0) throw new ImportError(`${file}: the GeoPackage has no feature layers`);
    const chosen = layer ? layers.find((l) => l.table_name === layer) : layers.length === 1 ? layers[0] : undefined;
    if (!chosen) {
      const names = layers.map((l) => quote(l.table_name)).join(', ');
      throw new ImportError(
        layer ? `${file}: no layer ${quote(layer)}; it has ${names}` : `${file}: several layers (${names}); choose one with --layer`,
      );
    }
    const declaredCrs = srsCrs(db, chosen.srs_id, file);
    const cols = (db.prepare(`PRAGMA table_info(${JSON.stringify(chosen.table_name)})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((n) => n !== chosen.column_name);
    const features: VectorFeature[] = [];
    const rows = db.prepare(`SELECT * FROM ${JSON.stringify(chosen.table_name)}`).iterate() as Iterable<Record<string, unknown>>;
    for (const row of rows) {
      const number = features.length + 1;
      if ((number & 1023) === 0) checkAborted(ctx, file);
      const blob = row[chosen.column_name];
      let geometry = null;
      if (blob instanceof Uint8Array) {
        try {
          geometry = decodeGeometry(blob).geometry;
        } catch (error) {
          throw new ImportError(`${file} feature ${fmt(number)}: damaged geometry (${(error as Error).message})`);
        }
      }
      const properties: Record<string, unknown> = {};
      for (const c of cols) properties[c] = row[c];
      features.push({ number, geometry, properties });
    }
    return {
      file,
      format: 'GeoPackage',
      unit: 'feature',
      features,
      fields: cols,
      declaredCrs,
      crsSource: `GeoPackage srs_id ${chosen.srs_id}`,
    };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${file}: cannot read the GeoPackage, it may be damaged (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

function srsCrs(db: Database.Database, srsId: number, file: string): Crs | null {
  const row = db
    .prepare('SELECT organization, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?')
    .get(srsId) as { organization: string; code: number; definition: string } | undefined;
  if (!row || srsId <= 0) return null; // 0 / -1: "undefined" in the GeoPackage spec
  const crs =
    (row.organization?.toUpperCase() === 'EPSG' ? crsFromCode(`EPSG:${row.code}`) : null) ?? crsFromWkt(row.definition);
  if (!crs) throw new ImportError(`${file}: unsupported coordinate system (srs_id ${srsId}, ${row.organization} ${row.code})`);
  return crs;
}
