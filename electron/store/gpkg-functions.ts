// The SQL functions that GeoPackage triggers call. The standard R-tree
// triggers (GPKG 1.3 Annex F.3) use ST_IsEmpty/ST_MinX/..., which GDAL
// registers on its own connections; we register the same names here so the
// index stays maintained by SQLite whichever program edits the file — the
// app, the CLI, ogr2ogr or QGIS.

import type Database from 'better-sqlite3';
import { decodeGeometry, readHeader } from './gpkg-geometry';

const registered = new WeakSet<Database.Database>();

const GEOMETRY_TYPE_NAMES: Record<string, string> = {
  Point: 'POINT',
  LineString: 'LINESTRING',
  Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT',
  MultiLineString: 'MULTILINESTRING',
  MultiPolygon: 'MULTIPOLYGON',
  GeometryCollection: 'GEOMETRYCOLLECTION',
};

function isBlob(v: unknown): v is Buffer {
  return Buffer.isBuffer(v) && v.length >= 8 && v[0] === 0x47 && v[1] === 0x50;
}

/**
 * Bound `i` (0 minX, 1 maxX, 2 minY, 3 maxY) of a GeoPackage blob, or null.
 * Reads the header envelope directly when there is one (everything we write),
 * so the trigger costs no WKB parsing on bulk inserts.
 */
function bound(v: unknown, i: 0 | 1 | 2 | 3): number | null {
  if (!isBlob(v)) return null;
  const flags = v[3];
  if (flags & 0x10) return null;
  if ((flags >> 1) & 0x07) {
    const x = flags & 1 ? v.readDoubleLE(8 + 8 * i) : v.readDoubleBE(8 + 8 * i);
    if (!Number.isNaN(x)) return x;
  }
  const env = decodeGeometry(v).envelope;
  if (!env) return null;
  return [env[0], env[2], env[1], env[3]][i];
}

function isEmpty(v: unknown): number | null {
  if (!isBlob(v)) return null;
  if (v[3] & 0x10) return 1;
  if ((v[3] >> 1) & 0x07) return 0;
  return decodeGeometry(v).envelope ? 0 : 1;
}

function geometryTypeName(v: unknown): string | null {
  if (!isBlob(v)) return null;
  const g = decodeGeometry(v).geometry;
  return g ? GEOMETRY_TYPE_NAMES[g.type] : null;
}

// GPKG_IsAssignable(expected, actual), used by the optional geometry-type trigger extension.
function isAssignable(expected: unknown, actual: unknown): number {
  const e = String(expected).toUpperCase();
  const a = String(actual).toUpperCase();
  if (e === a || e === 'GEOMETRY') return 1;
  if (e === 'GEOMETRYCOLLECTION' && a.startsWith('MULTI')) return 1;
  return 0;
}

/** Registers the ST_ functions on a connection; safe to call repeatedly. */
export function registerGpkgFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  const opts = { deterministic: true };
  db.function('ST_IsEmpty', opts, (g: unknown) => isEmpty(g));
  db.function('ST_MinX', opts, (g: unknown) => bound(g, 0));
  db.function('ST_MaxX', opts, (g: unknown) => bound(g, 1));
  db.function('ST_MinY', opts, (g: unknown) => bound(g, 2));
  db.function('ST_MaxY', opts, (g: unknown) => bound(g, 3));
  db.function('ST_GeometryType', opts, (g: unknown) => geometryTypeName(g));
  db.function('ST_SRID', opts, (g: unknown) => (isBlob(g) ? readHeader(g).srsId : null));
  db.function('GPKG_IsAssignable', opts, (e: unknown, a: unknown) => isAssignable(e, a));
  registered.add(db);
}
