// Key/value stores inside the project: cgm_meta holds plain strings about the
// file itself (name, created_at, schema_version); cgm_settings holds the
// analyst's choices as JSON.

import type Database from 'better-sqlite3';

export function getMeta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM cgm_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO cgm_meta (key, value) VALUES (?, ?)').run(key, value);
}

/** Anything with a zod-style `parse`; a setting that fails it throws rather than feeding bad values on. */
export interface Parser<T> {
  parse(value: unknown): T;
}

export function getSetting<T = unknown>(db: Database.Database, key: string, schema?: Parser<T>): T | undefined {
  const row = db.prepare('SELECT value FROM cgm_settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    throw new Error(`Setting "${key}" in this project is not valid JSON`);
  }
  return schema ? schema.parse(value) : (value as T);
}

export function setSetting(db: Database.Database, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`Setting "${key}" cannot be stored as JSON`);
  db.prepare('INSERT OR REPLACE INTO cgm_settings (key, value) VALUES (?, ?)').run(key, json);
}

export function deleteSetting(db: Database.Database, key: string): void {
  db.prepare('DELETE FROM cgm_settings WHERE key = ?').run(key);
}

export function listSettings(db: Database.Database): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM cgm_settings ORDER BY key').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}
