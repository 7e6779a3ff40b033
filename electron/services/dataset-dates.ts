// The datasets a project holds and the dates of their data, for the app's
// Data dates dialog (dataset-handlers.ts, and its edits as moments: moments.ts)
// and `cgm datasets` alike.
import type Database from 'better-sqlite3';
import type { DatasetInfo } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { getDataset, isDataDate, listDatasets, setDataDate, writeDataDate } from '../store/datasets';
import type { DataDatesMomentSchema } from '../../shared/contract/datasets';
import type { z } from 'zod';

export function datasetInfos(db: Database.Database): DatasetInfo[] {
  return listDatasets(db).map(({ kind, name, sourceFile, importedAt, dataDate, dataDateSource }) => ({ kind, name, sourceFile, importedAt, dataDate, dataDateSource }));
}

type DataDates = z.output<typeof DataDatesMomentSchema>;

function noSuchDataset(db: Database.Database, what: string): InputError {
  const held = [...new Set(listDatasets(db).map((d) => d.kind))];
  return new InputError(`the project has ${what} (it has: ${held.join(', ') || 'nothing imported yet'})`);
}

/** applyMoment's dataDates: each dataset's date becomes the one given; returns the dates (and sources) it had, to undo it. */
export function applyDataDates(db: Database.Database, dates: DataDates): DataDates {
  const inverse: DataDates = [];
  for (const { kind, name, date, source } of dates) {
    const old = getDataset(db, kind, name);
    if (!old) throw noSuchDataset(db, `no ${kind} dataset named "${name}"`);
    if (date !== null && !isDataDate(date)) throw new InputError(`"${date}" is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-02)`);
    inverse.unshift({ kind, name, date: old.dataDate, source: old.dataDateSource });
    writeDataDate(db, kind, name, date, source);
  }
  return inverse;
}

/** The analyst's date for the data of `kind` (of one dataset when `name` is given); refused naming what the project has. */
export function setDatasetDate(db: Database.Database, kind: string, date: string, name?: string): DatasetInfo[] {
  if (!isDataDate(date)) throw new InputError(`"${date}" is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-02)`);
  const changed = setDataDate(db, kind, date, 'analyst', name);
  if (changed === 0) throw noSuchDataset(db, name === undefined ? `no ${kind} dataset` : `no ${kind} dataset named "${name}"`);
  return datasetInfos(db);
}
