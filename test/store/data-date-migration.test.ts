// Schema 6 (issue 17): datasets keep the date of their data. A project saved
// at schema 5 opens with its datasets undated (the import date is not the
// data's), and the date given is kept.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getDataset, isDataDate, recordDataset, setDataDate } from '../../electron/store/datasets';
import { initGeoPackage } from '../../electron/store/gpkg';
import { openProject } from '../../electron/store/project';
import { migrate, MIGRATIONS, projectSchemaVersion, SCHEMA_VERSION } from '../../electron/store/schema';
import { scratchDir } from './helpers';

let scratch: ReturnType<typeof scratchDir>;
beforeEach(() => (scratch = scratchDir()));
afterEach(() => scratch.remove());

it('upgrades a schema 5 project: its datasets gain an empty data date, then keep the one set', () => {
  const file = scratch.file('v5.gpkg');
  const old = new Database(file);
  initGeoPackage(old);
  migrate(old, MIGRATIONS, 5);
  old.prepare("INSERT INTO cgm_datasets (kind, name, source_file, imported_at) VALUES ('roads', 'roads', 'rutland-latest.osm.pbf', '2026-12-01T10:00:00.000Z')").run();
  old.close();

  const p = openProject(file);
  try {
    expect(projectSchemaVersion(p.db)).toBe(SCHEMA_VERSION);
    expect(getDataset(p.db, 'roads', 'roads')).toMatchObject({ importedAt: '2026-12-01T10:00:00.000Z', dataDate: null, dataDateSource: null });
    expect(setDataDate(p.db, 'roads', '2018-02-27', 'analyst')).toBe(1);
    expect(getDataset(p.db, 'roads', 'roads')).toMatchObject({ dataDate: '2018-02-27', dataDateSource: 'analyst' });
    // A re-import starts undated again until its own date is recorded.
    recordDataset(p.db, { kind: 'roads', name: 'roads', sourceFile: 'x.osm.pbf' });
    expect(getDataset(p.db, 'roads', 'roads')?.dataDate).toBeNull();
  } finally {
    p.close();
  }
});

it('accepts only real dates as YYYY, YYYY-MM or YYYY-MM-DD', () => {
  expect(['2011', '2014-08', '2018-02-27', '2024-02-29'].every(isDataDate)).toBe(true);
  expect(['2018-13', '2023-02-29', '18-02', '2018/02', 'Feb 2018', ''].some(isDataDate)).toBe(false);
});
