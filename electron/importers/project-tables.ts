// The few project reads and writes every importer shares. Plain SQL on the cgm_
// tables in schema.ts; feature tables go through the store's gpkg module.
import type Database from 'better-sqlite3';
import { recordDataset as storeRecordDataset } from '../store/datasets';

/** What an importer needs from a project (the store's Project satisfies it). */
export interface ProjectHandle {
  readonly db: Database.Database;
  readonly path: string;
}

export interface GeographyRow {
  level: string;
  table_name: string;
  parent_level: string | null;
  rank: number;
}

export function geographies(db: Database.Database): GeographyRow[] {
  return db.prepare('SELECT level, table_name, parent_level, rank FROM cgm_geographies ORDER BY rank, level').all() as GeographyRow[];
}

/** Every area code in the project's boundaries, with its level. */
export function areaCodes(db: Database.Database): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of geographies(db)) {
    const rows = db.prepare(`SELECT code FROM "${g.table_name.replace(/"/g, '""')}"`).pluck().all() as string[];
    for (const code of rows) if (!out.has(code)) out.set(code, g.level);
  }
  return out;
}

/** The level areaCodes(db) gives `code` (the first, finest first, whose boundaries hold it), by each level's code index. */
export function levelOfCode(db: Database.Database, code: string): string | null {
  for (const g of geographies(db)) {
    if (db.prepare(`SELECT 1 FROM "${g.table_name.replace(/"/g, '""')}" WHERE code = ?`).get(code)) return g.level;
  }
  return null;
}

export function levelCodes(db: Database.Database, level: string): Set<string> | null {
  const g = geographies(db).find((r) => r.level === level);
  if (!g) return null;
  return new Set(db.prepare(`SELECT code FROM "${g.table_name.replace(/"/g, '""')}"`).pluck().all() as string[]);
}

/** The smallest areas: levels no other level names as its parent (OA before LSOA). */
export function finestLevel(db: Database.Database): GeographyRow | null {
  const all = geographies(db);
  const parents = new Set(all.map((g) => g.parent_level).filter(Boolean));
  const leaves = all.filter((g) => !parents.has(g.level));
  return leaves.sort((a, b) => a.rank - b.rank)[0] ?? all[0] ?? null;
}

export function recordDataset(
  db: Database.Database,
  kind: string,
  name: string,
  sourceFile: string,
  rowsRead: number,
  rowsImported: number,
  summary: unknown,
): void {
  storeRecordDataset(db, { kind, name, sourceFile, rowsRead, rowsImported, summary });
}

export function segmentCodes(db: Database.Database, scheme: string): Set<string> {
  return new Set(db.prepare('SELECT code FROM cgm_segments WHERE scheme = ?').pluck().all(scheme) as string[]);
}

export function schemes(db: Database.Database): string[] {
  return db.prepare('SELECT name FROM cgm_schemes ORDER BY name').pluck().all() as string[];
}
