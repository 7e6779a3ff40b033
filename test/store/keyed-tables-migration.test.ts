// Schema 11: cgm_postcodes and cgm_user_counts are WITHOUT ROWID tables (one
// B-tree each, in key order). A project saved at schema 10 (rowid tables, rows in
// the order they were written) opens with every row kept, the tables rebuilt
// without rowids, and GDAL still opens the file cleanly. Rows come from real
// imports of Rutland's data; the schema 10 file is made by schema 10's
// migrations and filled in reverse key order, so its rowid order is not the key's.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { importAssignments, importBoundaries, importPostcodes, importUsers } from '../../electron/importers/index';
import { initGeoPackage } from '../../electron/store/gpkg';
import { openProject } from '../../electron/store/project';
import { MIGRATIONS, SCHEMA_VERSION, migrate, projectSchemaVersion } from '../../electron/store/schema';
import { RUTLAND, bytes, newProject, tempDir } from '../importers/helpers';
import { requireTool } from '../support/requirements';
import { findGpkgValidator } from './helpers';

const ogrinfo = requireTool('ogrinfo', 'apt-get install gdal-bin');

const USERS = [
  'Name,Post Code,Referral Date',
  'A,LE15 6NT,03/02/2024', 'B,le156nt,04/02/2024', 'C,LE15 0AQ,10/03/2024', 'D,LE15 9ZZ,10/03/2024', 'E,LE15 0AW,01/01/2024',
].join('\n');

const POSTCODES = 'SELECT postcode, lon, lat, area_code, status FROM cgm_postcodes';
const COUNTS = 'SELECT service, area_code, scheme, segment_code, period, segment_source, count FROM cgm_user_counts';
const COUNT_KEY = 'service, area_code, scheme, segment_code, period, segment_source';

describe('a schema 10 project (postcodes and user counts in rowid tables)', () => {
  const tmp = tempDir('cgm-keyed-');
  afterAll(() => tmp.cleanup());

  it('is migrated on opening: every row kept, in key order, WITHOUT ROWID, and GDAL opens it cleanly', async () => {
    const fresh = newProject(tmp.dir, 'fresh.gpkg');
    await importBoundaries(fresh, `${RUTLAND}oa11_boundaries.geojson`, { level: 'OA', codeField: 'OA11CD' });
    await importAssignments(fresh, `${RUTLAND}oac2021_by_oa.csv`, { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
    await importPostcodes(fresh, `${RUTLAND}postcodes_codepoint_open.csv`);
    const options = { postcodeField: 'Post Code', dateField: 'Referral Date' };
    await importUsers(fresh, { name: 'users.csv', data: bytes(USERS) }, { service: 'Clinic', ...options });
    await importUsers(fresh, { name: 'users.csv', data: bytes(USERS) }, { service: 'Café', ...options });
    const postcodes = fresh.db.prepare(`${POSTCODES} ORDER BY postcode`).raw().all() as unknown[][];
    const counts = fresh.db.prepare(`${COUNTS} ORDER BY ${COUNT_KEY}`).raw().all() as unknown[][];
    fresh.close();
    expect(postcodes.length).toBe(1207);
    // Two services, each its matched users in OA x OAC supergroup x month cells (4 matched users, 3 cells).
    expect(counts.length).toBe(6);

    // The schema 10 file: this project with the two tables as schema 10's migrations made them,
    // holding the same rows copied in reverse key order, and a row with no postcode, which a
    // rowid table's key let in.
    const v10 = new Database(':memory:');
    initGeoPackage(v10);
    migrate(v10, MIGRATIONS, 10);
    const ddl = v10.prepare("SELECT sql FROM sqlite_master WHERE name IN ('cgm_postcodes', 'cgm_user_counts')").pluck().all() as string[];
    v10.close();
    expect(ddl.join('\n')).not.toMatch(/WITHOUT ROWID/);
    const file = `${tmp.dir}/v10.gpkg`;
    copyFileSync(fresh.path, file);
    const old = new Database(file);
    old.exec(`ALTER TABLE cgm_postcodes RENAME TO new_postcodes; ALTER TABLE cgm_user_counts RENAME TO new_counts; ${ddl.join(';\n')};`);
    old.exec(`INSERT INTO cgm_postcodes ${POSTCODES.replace('cgm_postcodes', 'new_postcodes')} ORDER BY postcode DESC`);
    old.exec(`INSERT INTO cgm_user_counts (${COUNT_KEY}, count) ${COUNTS.replace('cgm_user_counts', 'new_counts')} ORDER BY ${COUNT_KEY} DESC`);
    old.exec("DROP TABLE new_postcodes; DROP TABLE new_counts; UPDATE cgm_meta SET value = '10' WHERE key = 'schema_version'");
    old.exec("INSERT INTO cgm_postcodes (postcode, lon, lat) VALUES (NULL, -0.7, 52.6)");
    expect(old.prepare("SELECT sql FROM sqlite_master WHERE name = 'cgm_postcodes'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    expect((old.prepare('SELECT postcode FROM cgm_postcodes ORDER BY rowid LIMIT 2').pluck().all() as string[])).toEqual([postcodes[1206][0], postcodes[1205][0]]);
    expect(old.prepare('SELECT count(*) FROM cgm_postcodes').pluck().get()).toBe(1208);
    old.close();

    const p = openProject(file);
    try {
      expect(projectSchemaVersion(p.db)).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(11);
      for (const table of ['cgm_postcodes', 'cgm_user_counts']) {
        expect(p.db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table)).toMatch(/\) WITHOUT ROWID$/);
        // One B-tree: no separate index for the primary key.
        expect(p.db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").pluck().get(table)).toBe(0);
        expect(() => p.db.prepare(`SELECT rowid FROM ${table}`).all()).toThrow(/no such column: rowid/);
      }
      // Every row with a postcode kept, and a table scan now reads them in key order.
      expect(p.db.prepare(POSTCODES).raw().all()).toEqual(postcodes);
      expect(p.db.prepare(COUNTS).raw().all()).toEqual(counts);
      // The same primary keys: a repeated postcode or count cell is refused.
      expect(() => p.db.prepare("INSERT INTO cgm_postcodes (postcode) VALUES ('LE15 0AQ')").run()).toThrow(/UNIQUE constraint failed: cgm_postcodes.postcode/);
      expect(() => p.db.prepare(`INSERT INTO cgm_user_counts (${COUNT_KEY}, count) VALUES (?, ?, ?, ?, ?, ?, 1)`).run(...counts[0].slice(0, 6))).toThrow(/UNIQUE constraint failed/);
      // A users import writes into the new table as into a fresh project's.
      await importUsers(p, { name: 'users.csv', data: bytes(USERS) }, { service: 'Clinic', ...options });
      expect(p.db.prepare(COUNTS).raw().all()).toEqual(counts);
    } finally {
      p.close();
    }

    // GDAL: opened with nothing on stderr, the internal tables still hidden; the file still validates.
    if (ogrinfo) {
      const out = spawnSync(ogrinfo, [file], { encoding: 'utf8' });
      expect(out.status).toBe(0);
      expect(out.stderr).toBe('');
      expect(out.stdout).toContain("using driver `GPKG' successful");
      expect(out.stdout).toMatch(/\d+: area_oa \(Multi Polygon\)/);
      expect(out.stdout).not.toMatch(/cgm_postcodes|cgm_user_counts/);
      const layer = spawnSync(ogrinfo, ['-so', file, 'area_oa'], { encoding: 'utf8' });
      expect(layer.stderr).toBe('');
      expect(layer.stdout).toMatch(/Feature Count: \d{2,}/);
    }
    const validator = findGpkgValidator();
    if (validator) expect(spawnSync(validator.python, [validator.script, file], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 120_000);
});
