// One geography level's area table (area_<level>: code, name, parent_code and
// any extra columns) and its cgm_geographies row, written in one place for the
// boundaries importer and the lookup importer (which dissolves a level), so a
// level is the same whichever way it came in.
import type Database from 'better-sqlite3';
import { buildLevelGeometry, forgetCachedGeometry, levelFingerprint, writeCachedGeometry } from './area-geometry-cache';
import { createFeatureTable, dropFeatureTable, type ColumnType } from './gpkg';
import type { LevelPolygons } from './level-geometry';

export interface AreaLevelTable {
  level: string;
  table: string;
  /** The level the areas' parent_code values belong to, or null. */
  parentLevel: string | null;
  rank: number;
  title: string;
  description: string;
  /** Columns after code, name and parent_code (the lookup's members). */
  extraColumns?: { name: string; type: ColumnType }[];
}

/**
 * Replaces the level's table and its cgm_geographies row; `insert` fills the new
 * table. Call inside a transaction, so a failure leaves the old level as it was.
 * `written`: the flat arrays of the polygons `insert` writes, in row order, when
 * the caller gathered them (the boundaries importer), so they are not read back.
 */
export function replaceAreaLevel(db: Database.Database, t: AreaLevelTable, insert: () => void, written?: LevelPolygons): void {
  // The map's arrays of the old table (and of a level that named it) go with it.
  const replaced = db.prepare('SELECT level FROM cgm_geographies WHERE level = ? OR table_name = ?').pluck().all(t.level, t.table) as string[];
  for (const level of new Set([t.level, ...replaced])) forgetCachedGeometry(db, level);
  dropFeatureTable(db, t.table);
  createFeatureTable(db, {
    table: t.table,
    geometryType: 'MULTIPOLYGON',
    columns: [{ name: 'code', type: 'TEXT' }, { name: 'name', type: 'TEXT' }, { name: 'parent_code', type: 'TEXT' }, ...(t.extraColumns ?? [])],
    title: t.title,
    description: t.description,
  });
  insert();
  db.exec(`CREATE UNIQUE INDEX "${t.table}_code" ON "${t.table}" (code)`);
  // The map's arrays are made here, in the import's worker and transaction, so
  // opening the map after an import reads them rather than every blob.
  writeCachedGeometry(db, t.level, levelFingerprint(db, t.table), buildLevelGeometry(db, t.table, written));
  db.prepare('DELETE FROM cgm_geographies WHERE level = ? OR table_name = ?').run(t.level, t.table);
  db.prepare('INSERT INTO cgm_geographies (level, table_name, parent_level, rank) VALUES (?, ?, ?, ?)').run(t.level, t.table, t.parentLevel, t.rank);
}

/** The parent codes a level's areas have now, by area code (empty when the level is new). */
export function currentParents(db: Database.Database, table: string | undefined): Map<string, string | null> {
  if (!table) return new Map();
  const rows = db.prepare(`SELECT code, parent_code FROM "${table.replace(/"/g, '""')}"`).all() as { code: string; parent_code: string | null }[];
  return new Map(rows.map((r) => [r.code, r.parent_code]));
}
