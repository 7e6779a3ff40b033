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
  /** The date of the data itself (YYYY, YYYY-MM or YYYY-MM-DD), not of the import; null until known. */
  dataDate: string | null;
  dataDateSource: DataDateSource | null;
}

/** Where a dataset's date came from: its file's name or header, the file's modification time, or the analyst. */
export type DataDateSource = 'file' | 'modified' | 'analyst';

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
  data_date: string | null;
  data_date_source: string | null;
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
    dataDate: r.data_date ?? null,
    dataDateSource: (r.data_date_source as DataDateSource | null) ?? null,
  };
}

/** Records an import, replacing any earlier entry of the same kind and name (its data date is set after: setDataDate). */
export function recordDataset(db: Database.Database, entry: DatasetEntry): DatasetRecord {
  const record: DatasetRecord = {
    dataDate: null,
    dataDateSource: null,
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

/** A data date as stored: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date. */
export function isDataDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d !== undefined) {
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (date.getUTCDate() !== Number(d)) return false;
  }
  return true;
}

/**
 * Sets the data date of every dataset of `kind` (of one dataset when `name` is
 * given). Returns how many were changed; none when there is no such dataset.
 */
export function setDataDate(db: Database.Database, kind: string, date: string, source: DataDateSource, name?: string): number {
  if (!isDataDate(date)) throw new RangeError(`"${date}" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  const sql = `UPDATE cgm_datasets SET data_date = ?, data_date_source = ? WHERE kind = ?${name === undefined ? '' : ' AND name = ?'}`;
  const args = name === undefined ? [date, source, kind] : [date, source, kind, name];
  return db.prepare(sql).run(...args).changes;
}

/** One dataset's date and its source exactly as given, null clearing them (an undo puts back "not recorded"). */
export function writeDataDate(db: Database.Database, kind: string, name: string, date: string | null, source: DataDateSource | null): void {
  if (date !== null && !isDataDate(date)) throw new RangeError(`"${date}" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  db.prepare('UPDATE cgm_datasets SET data_date = ?, data_date_source = ? WHERE kind = ? AND name = ?').run(date, date === null ? null : source, kind, name);
}

/** Sets the data date of the datasets an import just wrote (same file, imported since `since`, no date yet). */
export function setImportedDataDate(db: Database.Database, sourceFile: string, since: string, date: string, source: DataDateSource): void {
  db.prepare('UPDATE cgm_datasets SET data_date = ?, data_date_source = ? WHERE source_file = ? AND imported_at >= ? AND data_date IS NULL').run(date, source, sourceFile, since);
}
