// The import log: one row per (kind, name), so re-importing a dataset replaces
// its entry and the project always describes what it holds now.

import type Database from 'better-sqlite3';

export interface DatasetRecord {
  kind: string;
  name: string;
  sourceFile: string | null;
  importedAt: string;
  rowsRead: number | null;
  rowsImported: number | null;
  /** Importer-specific report, stored as JSON. */
  summary: unknown;
}

export interface DatasetEntry {
  kind: string;
  name: string;
  sourceFile?: string | null;
  rowsRead?: number | null;
  rowsImported?: number | null;
  summary?: unknown;
  /** Defaults to now. */
  importedAt?: string;
}

interface Row {
  kind: string;
  name: string;
  source_file: string | null;
  imported_at: string;
  rows_read: number | null;
  rows_imported: number | null;
  summary: string | null;
}

function fromRow(r: Row): DatasetRecord {
  return {
    kind: r.kind,
    name: r.name,
    sourceFile: r.source_file,
    importedAt: r.imported_at,
    rowsRead: r.rows_read,
    rowsImported: r.rows_imported,
    summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
  };
}

/** Records an import, replacing any earlier entry of the same kind and name. */
export function recordDataset(db: Database.Database, entry: DatasetEntry): DatasetRecord {
  const record: DatasetRecord = {
    kind: entry.kind,
    name: entry.name,
    sourceFile: entry.sourceFile ?? null,
    importedAt: entry.importedAt ?? new Date().toISOString(),
    rowsRead: entry.rowsRead ?? null,
    rowsImported: entry.rowsImported ?? null,
    summary: entry.summary ?? null,
  };
  db.prepare(
    `INSERT OR REPLACE INTO cgm_datasets (kind, name, source_file, imported_at, rows_read, rows_imported, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.kind,
    record.name,
    record.sourceFile,
    record.importedAt,
    record.rowsRead,
    record.rowsImported,
    record.summary === null ? null : JSON.stringify(record.summary),
  );
  return record;
}

export function getDataset(db: Database.Database, kind: string, name: string): DatasetRecord | undefined {
  const row = db.prepare('SELECT * FROM cgm_datasets WHERE kind = ? AND name = ?').get(kind, name) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function listDatasets(db: Database.Database, kind?: string): DatasetRecord[] {
  const rows = (
    kind === undefined
      ? db.prepare('SELECT * FROM cgm_datasets ORDER BY kind, name').all()
      : db.prepare('SELECT * FROM cgm_datasets WHERE kind = ? ORDER BY name').all(kind)
  ) as Row[];
  return rows.map(fromRow);
}

export function deleteDataset(db: Database.Database, kind: string, name: string): boolean {
  return db.prepare('DELETE FROM cgm_datasets WHERE kind = ? AND name = ?').run(kind, name).changes > 0;
}
