// The datasets a project holds and the dates of their data, for the app's
// Data dates dialog (dataset-handlers.ts) and `cgm datasets` alike.
import type Database from 'better-sqlite3';
import type { DatasetInfo } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { isDataDate, listDatasets, setDataDate } from '../store/datasets';

export function datasetInfos(db: Database.Database): DatasetInfo[] {
  return listDatasets(db).map(({ kind, name, sourceFile, importedAt, dataDate, dataDateSource }) => ({ kind, name, sourceFile, importedAt, dataDate, dataDateSource }));
}

/** The analyst's date for the data of `kind` (of one dataset when `name` is given); refused naming what the project has. */
export function setDatasetDate(db: Database.Database, kind: string, date: string, name?: string): DatasetInfo[] {
  if (!isDataDate(date)) throw new InputError(`"${date}" is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-02)`);
  const changed = setDataDate(db, kind, date, 'analyst', name);
  if (changed === 0) {
    const held = [...new Set(listDatasets(db).map((d) => d.kind))];
    const what = name === undefined ? `no ${kind} dataset` : `no ${kind} dataset named "${name}"`;
    throw new InputError(`the project has ${what} (it has: ${held.join(', ') || 'nothing imported yet'})`);
  }
  return datasetInfos(db);
}
