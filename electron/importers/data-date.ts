// Records the date of the data an import brought in: from the file where the
// file says it (its name, or a header such as an OSM PBF's replication
// timestamp), else the file's modification date. A file dropped as bytes has
// no modification date the app can trust, so its date stays unknown until the
// analyst gives it (the Data dates dialog, `cgm datasets --set-date`).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { dateFromFileName } from '../../shared/import/data-date';
import { setImportedDataDate, type DataDateSource } from '../store/datasets';
import { inputName, type ImportInput } from './importer';

export interface DataDate {
  date: string;
  source: DataDateSource;
}

/**
 * The data date of `input`; `fromHeader` is a date the importer read inside
 * the file, `onDisk` the file whose modification date stands in (by default
 * `input` itself when it is a path; a .zip's contents have only the .zip's).
 */
export async function inputDataDate(input: ImportInput, fromHeader?: string | null, onDisk?: string): Promise<DataDate | null> {
  if (fromHeader) return { date: fromHeader, source: 'file' };
  const named = dateFromFileName(inputName(input)) ?? (onDisk ? dateFromFileName(basename(onDisk)) : null);
  if (named) return { date: named, source: 'file' };
  if (typeof input !== 'string' && input.lastModified !== undefined) return { date: new Date(input.lastModified).toISOString().slice(0, 10), source: 'modified' };
  const path = onDisk ?? (typeof input === 'string' ? input : null);
  if (!path) return null;
  try {
    return { date: (await stat(path)).mtime.toISOString().slice(0, 10), source: 'modified' };
  } catch {
    return null;
  }
}

/** Stamps the datasets an import of `input` wrote since `since` with its data date (keeping one already set). */
export async function recordInputDataDate(db: Database.Database, input: ImportInput, since: string, fromHeader?: string | null, onDisk?: string): Promise<DataDate | null> {
  const found = await inputDataDate(input, fromHeader, onDisk);
  if (found && db.open) setImportedDataDate(db, inputName(input), since, found.date, found.source);
  return found;
}
