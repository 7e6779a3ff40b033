import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordDataset, getDataset, listDatasets, deleteDataset } from '../../electron/store/datasets';
import { createFeatureTable, initGeoPackage, insertFeatures, listFeatureTables } from '../../electron/store/gpkg';
import { getMeta, getSetting, setSetting, listSettings } from '../../electron/store/meta';
import {
  createProject,
  openProject,
  openProjectReadOnly,
  upgradeError,
  withTransaction,
  type Project,
} from '../../electron/store/project';
import { migrate, MIGRATIONS, projectSchemaVersion, SCHEMA_VERSION } from '../../electron/store/schema';
import { point, scratchDir, sha256 } from './helpers';

let scratch: ReturnType<typeof scratchDir>;
const open: Project[] = [];
const track = (p: Project): Project => (open.push(p), p);

beforeEach(() => {
  scratch = scratchDir();
});
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  scratch.remove();
});

function points(n: number) {
  return Array.from({ length: n }, (_, i) => ({ geometry: point(i / n, 52 + i / n), properties: { code: `S${i}` } }));
}

describe('createProject / openProject', () => {
  it('creates a GeoPackage with the app schema, meta rows and a rollback journal', () => {
    const file = scratch.file('Leeds gaps.gpkg');
    const p = track(createProject(file, { name: 'Leeds gaps 2026' }));
    expect(p.path).toBe(file);
    expect(p.db.pragma('application_id', { simple: true })).toBe(0x47504b47);
    expect(p.db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(projectSchemaVersion(p.db)).toBe(SCHEMA_VERSION);
    expect(getMeta(p.db, 'name')).toBe('Leeds gaps 2026');
    expect(Date.parse(getMeta(p.db, 'created_at') ?? '')).not.toBeNaN();
    p.close();
    p.close(); // idempotent
    const again = track(openProject(file));
    expect(getMeta(again.db, 'name')).toBe('Leeds gaps 2026');
  });

  it('names the project after the file by default and refuses to overwrite unless asked', () => {
    const file = scratch.file('bradford.gpkg');
    track(createProject(file)).close();
    expect(() => createProject(file)).toThrow(/already exists/);
    const p = track(createProject(file, { overwrite: true, name: 'fresh' }));
    expect(getMeta(p.db, 'name')).toBe('fresh');
    p.close();
    const q = track(openProject(file));
    expect(getMeta(q.db, 'name')).toBe('fresh');
  });

  it('does not change the file when an up-to-date project is opened and closed', () => {
    const file = scratch.file('p.gpkg');
    track(createProject(file)).close();
    const before = sha256(file);
    track(openProject(file)).close();
    track(openProjectReadOnly(file)).close();
    expect(sha256(file)).toBe(before);
  });

  it('gives a clear error naming the file for garbage, empty, truncated and non-GeoPackage files', () => {
    const notProject = (f: string) => new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a Catchment Gap Mapper project \\(not a GeoPackage\\)`);
    const garbage = scratch.file('garbage.gpkg');
    fs.writeFileSync(garbage, 'code,name\nE01000001,City of London 001A\n'.repeat(200));
    expect(() => openProject(garbage)).toThrow(notProject(garbage));

    const empty = scratch.file('empty.gpkg');
    fs.writeFileSync(empty, '');
    expect(() => openProject(empty)).toThrow(notProject(empty));

    const whole = scratch.file('whole.gpkg');
    const p = track(createProject(whole));
    createFeatureTable(p.db, { table: 'sites', geometryType: 'POINT', columns: [{ name: 'code', type: 'TEXT' }] });
    insertFeatures(p.db, 'sites', points(5000));
    p.close();
    const bytes = fs.readFileSync(whole);
    for (const [name, length] of [['half.gpkg', Math.floor(bytes.length / 2)], ['ragged.gpkg', bytes.length - 100]] as const) {
      const truncated = scratch.file(name);
      fs.writeFileSync(truncated, bytes.subarray(0, length));
      expect(() => openProject(truncated)).toThrow(notProject(truncated));
      expect(() => openProjectReadOnly(truncated)).toThrow(/truncated/);
    }

    const plainSqlite = scratch.file('other-app.sqlite');
    new Database(plainSqlite).exec('CREATE TABLE t (x)').close();
    expect(() => openProject(plainSqlite)).toThrow(notProject(plainSqlite));

    expect(() => openProject(scratch.file('missing.gpkg'))).toThrow(/missing\.gpkg does not exist/);
  });

  it('opens read-only without allowing writes', () => {
    const file = scratch.file('ro.gpkg');
    track(createProject(file)).close();
    const p = track(openProjectReadOnly(file));
    expect(listFeatureTables(p.db)).toEqual([]);
    expect(() => setSetting(p.db, 'x', 1)).toThrow(/readonly/i);
  });
});

describe('schema migrations', () => {
  function projectAtSchema(file: string, version: number): void {
    const db = new Database(file);
    initGeoPackage(db);
    migrate(db, MIGRATIONS, version);
    db.close();
  }

  it('says an older project on a file it cannot write must be copied first, rather than SQLite\'s words', () => {
    // Root (as tests run here) writes a write-protected file regardless, so SQLite's own refusal is made
    // here: a connection that may only read, asked to upgrade the project.
    const file = scratch.file('v11-readonly.gpkg');
    projectAtSchema(file, 11);
    const db = new Database(file, { readonly: true });
    let refusal: unknown;
    try {
      migrate(db);
    } catch (err) {
      refusal = err;
    } finally {
      db.close();
    }
    expect((refusal as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
    const message = upgradeError(file, 11, refusal).message;
    expect(message).toContain(file);
    expect(message).toMatch(/older version .* must be upgraded once, but the file cannot be written .*copy it to a folder you can write to/);
    expect(message).not.toMatch(/attempt to write/);
    // Any other failure keeps SQLite's words, with the file named.
    expect(upgradeError(file, 11, new Error('disk I/O error')).message).toBe(`Cannot open ${file}: disk I/O error`);
  });

  it('upgrades a project saved at an older schema version when opened for editing', () => {
    const file = scratch.file('v1.gpkg');
    projectAtSchema(file, 1);
    expect(() => openProjectReadOnly(file)).toThrow(/older version and must be opened for editing/);
    const p = track(openProject(file));
    expect(projectSchemaVersion(p.db)).toBe(SCHEMA_VERSION);
    expect(p.db.prepare("SELECT data_type FROM gpkg_contents WHERE table_name = 'cgm_about'").get()).toEqual({
      data_type: 'attributes',
    });
  });

  it('schema 5: a baseline saved at schema 4 gets its scope in columns, and its targets go with it', () => {
    const file = scratch.file('v4.gpkg');
    projectAtSchema(file, 4);
    const db = new Database(file);
    const payload = { service: 'GP', indicator: 'Need', scheme: 'OAC', period: '2024-Q1', baseline: { name: 'Spring' } };
    db.prepare('INSERT INTO cgm_baselines (name, created_at, payload) VALUES (?, ?, ?)').run('Spring', '2025-04-01T00:00:00Z', JSON.stringify(payload));
    db.close();
    const p = track(openProject(file));
    expect(p.db.prepare('SELECT service, indicator, scheme, period FROM cgm_baselines').get()).toEqual({ service: 'GP', indicator: 'Need', scheme: 'OAC', period: '2024-Q1' });
    p.db.prepare("INSERT INTO cgm_review_targets (baseline, kind, code, measure, op, value, created_at) VALUES ('Spring', 'area', 'E1', 'users', '>=', 5, 'now')").run();
    expect(() => p.db.prepare("INSERT INTO cgm_review_targets (baseline, kind, code, measure, op, value, created_at) VALUES ('Spring', 'area', 'E1', 'users', '>', 5, 'now')").run()).toThrow(/CHECK/);
    p.db.prepare("DELETE FROM cgm_baselines WHERE name = 'Spring'").run();
    expect(p.db.prepare('SELECT COUNT(*) FROM cgm_review_targets').pluck().get()).toBe(0);
  });

  it('turns a plain GeoPackage into a project', () => {
    const file = scratch.file('from-qgis.gpkg');
    projectAtSchema(file, 0);
    const p = track(openProject(file));
    expect(projectSchemaVersion(p.db)).toBe(SCHEMA_VERSION);
    expect(getMeta(p.db, 'name')).toBe('from-qgis');
  });

  it('applies each pending migration in order, one transaction each', () => {
    const db = new Database(':memory:');
    initGeoPackage(db);
    migrate(db);
    const later = { ...MIGRATIONS, [SCHEMA_VERSION + 1]: 'CREATE TABLE cgm_later (x)', [SCHEMA_VERSION + 2]: 'BOGUS SQL' };
    expect(() => migrate(db, later, SCHEMA_VERSION + 2)).toThrow(/syntax error/);
    // The good step stuck; the failed one left nothing behind.
    expect(projectSchemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    db.close();
  });

  it('refuses a project saved by a newer version, naming the file', () => {
    const file = scratch.file('future.gpkg');
    projectAtSchema(file, SCHEMA_VERSION);
    const db = new Database(file);
    db.prepare("UPDATE cgm_meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    const before = sha256(file);
    const message = `Cannot open ${file}: This project was saved by a newer Catchment Gap Mapper (schema 99; this version reads up to ${SCHEMA_VERSION})`;
    expect(() => openProject(file)).toThrow(message);
    expect(() => openProjectReadOnly(file)).toThrow(message);
    expect(sha256(file)).toBe(before);
  });
});

describe('withTransaction', () => {
  it('leaves the file byte-for-byte unchanged when an import fails part-way', () => {
    const file = scratch.file('rollback.gpkg');
    const p = track(createProject(file));
    createFeatureTable(p.db, { table: 'sites', geometryType: 'POINT', columns: [{ name: 'code', type: 'TEXT' }] });
    insertFeatures(p.db, 'sites', points(100));
    const before = sha256(file);
    const size = fs.statSync(file).size;
    // A small page cache makes SQLite write pages into the file mid-transaction,
    // so the rollback has real work to undo.
    p.db.pragma('cache_size = 50');
    let sizeDuring = 0;
    expect(() =>
      withTransaction(p, (db) => {
        createFeatureTable(db, { table: 'areas', geometryType: 'MULTIPOLYGON', columns: [] });
        insertFeatures(db, 'sites', points(60_000));
        recordDataset(db, { kind: 'sites', name: 'GP practices', rowsRead: 60_000, rowsImported: 60_000 });
        sizeDuring = fs.statSync(file).size;
        throw new Error('row 60001: postcode not found');
      }),
    ).toThrow('row 60001');
    expect(sizeDuring).toBeGreaterThan(size);
    expect(fs.statSync(file).size).toBe(size);
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    expect(listFeatureTables(p.db).map((t) => [t.table, t.featureCount])).toEqual([['sites', 100]]);
  });

  it('commits and returns the function result; refuses async functions', async () => {
    const p = track(createProject(scratch.file('tx.gpkg')));
    const n = withTransaction(p, (db) => insertFeaturesIntoNew(db));
    expect(n).toBe(3);
    expect(() => withTransaction(p, async () => 1)).toThrow(/synchronous/);
  });
});

function insertFeaturesIntoNew(db: Database.Database): number {
  createFeatureTable(db, { table: 'sites', geometryType: 'POINT', columns: [{ name: 'code', type: 'TEXT' }] });
  return insertFeatures(db, 'sites', points(3));
}

describe('settings and the dataset log', () => {
  it('stores settings as JSON and validates them on the way out', () => {
    const p = track(createProject(scratch.file('s.gpkg')));
    setSetting(p.db, 'travel', { mode: 'walk', minutes: [10, 20, 30] });
    const schema = z.object({ mode: z.enum(['walk', 'drive']), minutes: z.array(z.number()) });
    expect(getSetting(p.db, 'travel', schema)).toEqual({ mode: 'walk', minutes: [10, 20, 30] });
    expect(getSetting(p.db, 'absent')).toBeUndefined();
    setSetting(p.db, 'travel', { mode: 'bus' });
    expect(() => getSetting(p.db, 'travel', schema)).toThrow();
    expect(listSettings(p.db)).toEqual({ travel: { mode: 'bus' } });
  });

  it('replaces a dataset entry on re-import', () => {
    const p = track(createProject(scratch.file('d.gpkg')));
    recordDataset(p.db, { kind: 'areas', name: 'LSOA 2021', sourceFile: '/data/a.shp', rowsRead: 10, rowsImported: 9, summary: { skipped: 1 } });
    recordDataset(p.db, { kind: 'areas', name: 'LSOA 2021', sourceFile: '/data/b.shp', rowsRead: 12, rowsImported: 12 });
    recordDataset(p.db, { kind: 'sites', name: 'GPs', rowsRead: 3, rowsImported: 3 });
    expect(listDatasets(p.db)).toHaveLength(2);
    expect(getDataset(p.db, 'areas', 'LSOA 2021')).toMatchObject({ sourceFile: '/data/b.shp', rowsRead: 12, summary: null });
    expect(listDatasets(p.db, 'sites').map((d) => d.name)).toEqual(['GPs']);
    expect(deleteDataset(p.db, 'sites', 'GPs')).toBe(true);
    expect(deleteDataset(p.db, 'sites', 'GPs')).toBe(false);
  });
});
