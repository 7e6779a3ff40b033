// The map's flat arrays of a level kept in the project (cgm_area_geometry_cache),
// so reopening a national project reads ~60 MB of arrays instead of decoding
// 190k GeoPackage blobs and triangulating them again. Derived data only: each
// level's rows carry the fingerprint of the table they were read from, a
// mismatch is a miss, and replacing a level deletes its rows.
import type Database from 'better-sqlite3';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import { triangulate } from '../../shared/cartography/area-triangles';
import { arrayFromBlobs, blobChunks } from './blob-arrays';
import { quoteId } from './gpkg';
import { tableShape } from './gpkg-features';
import { readFlatPolygons } from './gpkg-flat-read';
import type { LevelPolygons } from './level-geometry';

/** Bumped when the arrays change meaning (another triangulation, say): every cache is then rebuilt. */
export const GEOMETRY_FORMAT = 1;

export type CachedGeometry = Pick<AreaGeometry, 'positions' | 'polygonStarts' | 'polygonArea' | 'ringStarts' | 'polygonRings' | 'triangles'>;

const PARTS = {
  positions: Float64Array,
  polygonStarts: Uint32Array,
  polygonArea: Uint32Array,
  ringStarts: Uint32Array,
  polygonRings: Uint32Array,
  triangles: Uint32Array,
} as const;
type Part = keyof typeof PARTS;

/**
 * What the cached arrays were read from: the table, its rows, its largest key,
 * its last change (GDAL and QGIS stamp an edit there), the format, and the
 * geometry itself in brief: the blobs' total length and the spatial index's
 * boxes summed, since an SQL UPDATE of a shape (ogrinfo -sql, QGIS's SQL
 * window) stamps nothing and keeps the count and keys. Both are read without
 * decoding a blob (~0.1 s for 190k areas).
 */
export function levelFingerprint(db: Database.Database, table: string): string {
  const stamp = db.prepare('SELECT last_change FROM gpkg_contents WHERE table_name = ?').pluck().get(table) as string | undefined;
  const { geomColumn, hasRtree } = tableShape(db, table);
  const { rows, last, bytes } = db
    .prepare(`SELECT count(*) AS rows, max(rowid) AS last, total(length(${quoteId(geomColumn)})) AS bytes FROM ${quoteId(table)}`)
    .get() as { rows: number; last: number | null; bytes: number };
  const boxes = hasRtree
    ? (db.prepare(`SELECT total(minx) + total(maxx) * 3 + total(miny) * 5 + total(maxy) * 7 FROM ${quoteId(`rtree_${table}_${geomColumn}`)}`).pluck().get() as number)
    : null;
  return JSON.stringify([GEOMETRY_FORMAT, table, stamp ?? null, rows, last, bytes, boxes]);
}

/** The level's arrays as cached under `fingerprint`, or null when there are none (or they are stale or incomplete). */
export function readCachedGeometry(db: Database.Database, level: string, fingerprint: string): CachedGeometry | null {
  const rows = db.prepare('SELECT part, data FROM cgm_area_geometry_cache WHERE level = ? AND fingerprint = ? ORDER BY part, chunk').all(level, fingerprint) as { part: string; data: Buffer }[];
  if (rows.length === 0) return null;
  const out: Partial<Record<Part, Float64Array | Uint32Array>> = {};
  for (const part of Object.keys(PARTS) as Part[]) {
    const chunks = rows.filter((r) => r.part === part).map((r) => r.data);
    const array = chunks.length ? arrayFromBlobs<Float64Array | Uint32Array>(PARTS[part], chunks) : null;
    if (!array) return null;
    out[part] = array;
  }
  return out as CachedGeometry;
}

/** Replaces the level's cached arrays. Throws as SQLite does (a read-only or busy file): callers may go without. */
export function writeCachedGeometry(db: Database.Database, level: string, fingerprint: string, geometry: CachedGeometry): void {
  const insert = db.prepare('INSERT INTO cgm_area_geometry_cache (level, fingerprint, part, chunk, data) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    forgetCachedGeometry(db, level);
    for (const part of Object.keys(PARTS) as Part[]) {
      blobChunks(geometry[part]).forEach((data, chunk) => insert.run(level, fingerprint, part, chunk, data));
    }
  })();
}

/**
 * A level table's polygons triangulated: those the importer just wrote when it
 * gathered them (level-geometry.ts, the same arrays), else read flat from the
 * table's blobs, the slow way, once per table.
 */
export function buildLevelGeometry(db: Database.Database, table: string, written?: LevelPolygons): CachedGeometry {
  const flat = written ?? readFlatPolygons(db, table);
  const { positions, polygonStarts, polygonArea, ringStarts, polygonRings } = flat;
  // The importer's arrays are views already, and only written to the cache.
  return { positions, polygonStarts, polygonArea, ringStarts, polygonRings, triangles: triangulate(flat, written !== undefined, written?.spare) };
}

export function forgetCachedGeometry(db: Database.Database, level: string): void {
  db.prepare('DELETE FROM cgm_area_geometry_cache WHERE level = ?').run(level);
}
