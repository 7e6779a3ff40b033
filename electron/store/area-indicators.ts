// Reads and writes of the area indicators and comparator bases (schema 6).
// Writers take the whole set of one import so it replaces the previous one in
// a single transaction: nothing half-imported.
import type Database from 'better-sqlite3';
import type { AreaIndicator, IndicatorKind } from '../../shared/analysis/area-indicators';
import { InputError } from '../../shared/errors';

export interface IndicatorWrite {
  name: string;
  level: string;
  kind: IndicatorKind;
  field: string | null;
  note: string | null;
  values: ReadonlyMap<string, number>;
}

/** Replaces each named indicator (not in a transaction: the importer wraps its whole write in one). */
export function writeAreaIndicators(db: Database.Database, sourceFile: string, indicators: readonly IndicatorWrite[]): void {
  const now = new Date().toISOString();
  const head = db.prepare('INSERT OR REPLACE INTO cgm_area_indicators (name, level, kind, source_file, field, note, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const clear = db.prepare('DELETE FROM cgm_area_indicator_values WHERE indicator = ?');
  const value = db.prepare('INSERT INTO cgm_area_indicator_values (indicator, area_code, value) VALUES (?, ?, ?)');
  for (const ind of indicators) {
    clear.run(ind.name);
    head.run(ind.name, ind.level, ind.kind, sourceFile, ind.field, ind.note, now);
    for (const [area, v] of ind.values) value.run(ind.name, area, v);
  }
}

export function listAreaIndicators(db: Database.Database): AreaIndicator[] {
  return db.prepare('SELECT name, level, kind, note FROM cgm_area_indicators ORDER BY name').all() as AreaIndicator[];
}

export function areaIndicator(db: Database.Database, name: string): AreaIndicator {
  const row = db.prepare('SELECT name, level, kind, note FROM cgm_area_indicators WHERE name = ?').get(name) as AreaIndicator | undefined;
  if (!row) {
    const known = listAreaIndicators(db).map((i) => i.name);
    throw new InputError(`no area indicator "${name}" in the project (${known.length ? `it has ${known.join(', ')}` : 'import one with cgm import indicators'})`);
  }
  return row;
}

export function areaIndicatorValues(db: Database.Database, name: string): Map<string, number> {
  const rows = db.prepare('SELECT area_code, value FROM cgm_area_indicator_values WHERE indicator = ?').all(name) as { area_code: string; value: number }[];
  return new Map(rows.map((r) => [r.area_code, r.value]));
}

/** Population of the finest areas for apportioning: persons where imported, else households. */
export function apportionPopulation(db: Database.Database): { base: string; counts: Map<string, number> } | null {
  const base = (db.prepare("SELECT base_kind FROM cgm_population GROUP BY base_kind ORDER BY base_kind = 'persons' DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
  if (base === null) return null;
  const rows = db.prepare('SELECT area_code, count FROM cgm_population WHERE base_kind = ?').all(base) as { area_code: string; count: number }[];
  return { base, counts: new Map(rows.map((r) => [r.area_code, r.count])) };
}

export function writeComparator(db: Database.Database, name: string, scheme: string, counts: ReadonlyMap<string, number>): void {
  db.prepare('DELETE FROM cgm_comparators WHERE name = ? AND scheme = ?').run(name, scheme);
  const insert = db.prepare('INSERT INTO cgm_comparators (name, scheme, segment_code, count) VALUES (?, ?, ?, ?)');
  for (const [code, n] of counts) insert.run(name, scheme, code, n);
}

/** Counts per segment of a comparator base in one scheme. */
export function comparatorCounts(db: Database.Database, name: string, scheme: string): Map<string, number> {
  const rows = db.prepare('SELECT segment_code, count FROM cgm_comparators WHERE name = ? AND scheme = ?').all(name, scheme) as { segment_code: string; count: number }[];
  if (rows.length === 0) {
    const known = db.prepare('SELECT DISTINCT name FROM cgm_comparators WHERE scheme = ? ORDER BY name').pluck().all(scheme) as string[];
    throw new InputError(`no comparator "${name}" for scheme "${scheme}" (${known.length ? `it has ${known.join(', ')}` : 'import one with cgm import comparator'})`);
  }
  return new Map(rows.map((r) => [r.segment_code, r.count]));
}

/** Comparator bases held, with their scheme. */
export function listComparators(db: Database.Database): { name: string; scheme: string }[] {
  return db.prepare('SELECT DISTINCT name, scheme FROM cgm_comparators ORDER BY name, scheme').all() as { name: string; scheme: string }[];
}
