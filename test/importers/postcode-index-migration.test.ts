// Schema 9 stores the postcode directory a second time as a packed index
// (postcode-index.ts) for the users import. A project saved at schema 8 has a
// cgm_postcodes table and no index: opened now, it is migrated, and its users
// import must give the same counts and rejects as a project whose directory was
// imported with the index (the old project: the same file as schema 8 had it,
// cgm_postcodes byte for byte what schema 8's importer wrote, no index table).
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { importAssignments, importBoundaries, importPostcodes, importUsers } from '../../electron/importers/index';
import { UserDirectory } from '../../electron/importers/user-directory';
import { areaPoints } from '../../electron/routing/project-inputs';
import { openProject } from '../../electron/store/project';
import { MIGRATIONS, SCHEMA_VERSION, projectSchemaVersion } from '../../electron/store/schema';
import { RUTLAND, bytes, directoryEntries, newProject, tempDir } from './helpers';

const USERS = [
  'Name,Post Code,Referral Date',
  'A,LE15 6NT,03/02/2024', 'B,le156nt,04/02/2024', 'C,LE15 0AQ,10/03/2024', 'D,LE15 9ZZ,10/03/2024',
  'E,LS6 1AA,01/01/2024', 'F,ZZ99 3VZ,01/01/2024', 'G,,01/01/2024', 'H,LE15 6NT,31/02/2024', '"I, J","LE15 6NT",05/02/2024',
].join('\n');

describe('a schema 8 project (directory without its index)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is migrated on opening, and its users import gives the same counts and rejects', async () => {
    let fresh = newProject(tmp.dir, 'fresh.gpkg');
    await importBoundaries(fresh, `${RUTLAND}oa11_boundaries.geojson`, { level: 'OA', codeField: 'OA11CD' });
    await importAssignments(fresh, `${RUTLAND}oac2021_by_oa.csv`, { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
    await importPostcodes(fresh, `${RUTLAND}postcodes_codepoint_open.csv`);
    expect(fresh.db.prepare('SELECT COUNT(*) FROM cgm_postcode_index').pluck().get()).toBe(1);

    // The old project: this one as the schema before the index left it (schema 9: migration 10 made the index); the later migrations run again on it.
    fresh.close();
    const oldFile = join(tmp.dir, 'old.gpkg');
    copyFileSync(fresh.path, oldFile);
    const db = new Database(oldFile);
    expect(MIGRATIONS[10]).toContain('CREATE TABLE cgm_postcode_index');
    db.exec(`DROP TABLE cgm_postcode_index; UPDATE cgm_meta SET value = '9' WHERE key = 'schema_version'`);
    expect(projectSchemaVersion(db)).toBe(9);
    db.close();
    fresh = openProject(fresh.path);

    const old = openProject(oldFile);
    expect(projectSchemaVersion(old.db)).toBe(SCHEMA_VERSION);
    expect(old.db.prepare('SELECT COUNT(*) FROM cgm_postcode_index').pluck().get()).toBe(0);
    // The directory read from cgm_postcodes answers as the stored index does.
    const all = fresh.db.prepare('SELECT postcode FROM cgm_postcodes').pluck().all() as string[];
    expect(directoryEntries(new UserDirectory(old.db), all)).toEqual(directoryEntries(new UserDirectory(fresh.db), all));
    expect(all.length).toBeGreaterThan(1000);
    // So do the area points of travel analysis (from the index's places in the fresh one, schema 12).
    expect(areaPoints(old).points).toEqual(areaPoints(fresh).points);

    const options = { service: 'Clinic', postcodeField: 'Post Code', dateField: 'Referral Date' };
    const a = await importUsers(fresh, { name: 'users.csv', data: bytes(USERS) }, options);
    const b = await importUsers(old, { name: 'users.csv', data: bytes(USERS) }, options);
    expect(b).toEqual(a);
    const read = (p: typeof fresh) => [
      p.db.prepare('SELECT * FROM cgm_user_counts ORDER BY service, area_code, scheme, segment_code, period, segment_source').raw().all(),
      p.db.prepare('SELECT * FROM cgm_user_rejects ORDER BY rowid').raw().all(),
    ];
    expect(read(old)).toEqual(read(fresh));
    // Hand-counted: A, B, I (LE15 6NT, Feb) and C (LE15 0AQ, Mar) matched; D is a gap in a held district,
    // E outside (a Leeds district), F pseudo, G missing, H an impossible date.
    expect(a.imported).toBe(4);
    expect(a.rejected).toEqual({ 'not in directory': 1, 'outside study area': 1, 'pseudo-postcode': 1, 'missing postcode': 1, 'invalid date': 1 });
    old.close();
    fresh.close();
  });
});
