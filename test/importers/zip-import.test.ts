// Zipped downloads on the real Rutland data: the OA boundaries as a shapefile
// (made with ogr2ogr, zipped in a sub-folder the way the ONS Open Geography
// Portal ships them, with a Mac's __MACOSX/ and .DS_Store litter) import
// exactly as the unzipped shapefile does, from the CLI, from the importer API
// and through the app's in-memory staging; zipped CSVs import too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers, MethodInput } from '../../shared/contract';
import { main } from '../../electron/cli/main';
import { importBoundaries } from '../../electron/importers/index';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { importHandlers } from '../../electron/services/import-handlers';
import { describeStaged, StagedFiles } from '../../electron/services/import-staging';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject, openProject, type Project } from '../../electron/store/project';
import { RUTLAND, tempDir } from './helpers';
import { makeZip, shapefileEntries } from './zip-helpers';
import { quietContext } from '../support/handler-call';

async function cgm(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err, json: code === 0 ? JSON.parse(out) : null };
}

type Area = { code: string; geom: Buffer };
const areasIn = (project: Project, table: string) => project.db.prepare(`SELECT code, geom FROM ${table} ORDER BY code`).all() as Area[];

/** Codes and GeoPackage geometry blobs of a level, in code order: "the same result" byte for byte. */
function areas(path: string, table = 'area_oa'): Area[] {
  const p = openProject(path);
  try {
    return areasIn(p, table);
  } finally {
    p.close();
  }
}

const ctx = quietContext;
const OA = ['--level', 'OA', '--code-field', 'OA11CD', '--quiet'];
const ZIPPED_SHP = 'oa_2011_rutland.zip › Output_Areas_2011/OA_2011_Rutland.shp';

describe('zipped downloads (real Rutland data)', () => {
  const tmp = tempDir('cgm-zip-');
  const stem = join(tmp.dir, 'shp', 'oa_bng');
  const plain = join(tmp.dir, 'plain.gpkg');
  const zipped = join(tmp.dir, 'zipped.gpkg');
  let oaZip = '';
  let reference: Area[] = [];

  beforeAll(async () => {
    mkdirSync(join(tmp.dir, 'shp'));
    // British National Grid with a .cpg, as ONS shapefiles come.
    execFileSync('/usr/bin/ogr2ogr', ['-t_srs', 'EPSG:27700', '-lco', 'ENCODING=UTF-8', '-f', 'ESRI Shapefile', `${stem}.shp`, RUTLAND + 'oa11_boundaries.geojson']);
    oaZip = makeZip(join(tmp.dir, 'oa_2011_rutland.zip'), [
      ...shapefileEntries(stem, 'Output_Areas_2011/', 'OA_2011_Rutland', ['shp', 'shx', 'prj', 'cpg']),
      // Windows shows names case-blind, so a sidecar's case may differ from the .shp's.
      { name: 'Output_Areas_2011/OA_2011_RUTLAND.dbf', from: `${stem}.dbf` },
      { name: 'Output_Areas_2011/OA_2011_Rutland.shp.xml', text: '<metadata/>' },
      // A Mac's zip: its AppleDouble "._" copy is not a second shapefile.
      { name: '__MACOSX/Output_Areas_2011/._OA_2011_Rutland.shp', text: 'resource fork' },
      { name: '.DS_Store', text: 'finder' },
      { name: 'Output_Areas_2011/.hidden.csv', text: 'a,b\n1,2\n' },
    ]);
    createProject(plain).close();
    createProject(zipped).close();
    const r = await cgm('import', 'boundaries', '--project', plain, '--file', `${stem}.shp`, ...OA);
    expect(r.json).toMatchObject({ rowsRead: 116, imported: 116 });
    reference = areas(plain);
  });
  afterAll(() => tmp.cleanup());

  it('cgm import boundaries --file x.zip gives exactly what the unzipped shapefile gives', async () => {
    const r = await cgm('import', 'boundaries', '--project', zipped, '--file', oaZip, ...OA);
    expect(r.err).toBe('');
    const unzipped = await cgm('import', 'boundaries', '--project', plain, '--file', `${stem}.shp`, ...OA);
    expect(r.json).toEqual({ ...unzipped.json, file: ZIPPED_SHP });
    expect(r.json).toMatchObject({ rowsRead: 116, imported: 116, details: { crs: 'EPSG:27700', crsSource: '.prj', format: 'Shapefile' } });
    const got = areas(zipped);
    expect(got).toHaveLength(116);
    expect(got.map((a) => a.code)).toEqual(reference.map((a) => a.code));
    expect(got.every((a, i) => a.geom.equals(reference[i].geom))).toBe(true);
  });

  it('the importer API takes a .zip path too (the fast polygon path, same areas)', async () => {
    const p = openProject(zipped);
    try {
      const s = await importBoundaries(p, oaZip, { level: 'OA api', codeField: 'oa11cd' });
      expect(s).toMatchObject({ imported: 116, details: { format: 'Shapefile' } });
    } finally {
      p.close();
    }
    const got = areas(zipped, 'area_oa_api');
    expect(got.map((a) => a.code)).toEqual(reference.map((a) => a.code));
    expect(got.every((a, i) => a.geom.equals(reference[i].geom))).toBe(true);
  });

  it('zipped CSVs import from the CLI: Census population and Code-Point postcodes', async () => {
    const pop = makeZip(join(tmp.dir, 'ts001.zip'), [
      { name: 'census2021-ts001/census2021-ts001-oa.csv', from: RUTLAND + 'population_census2021_ts001_by_oa.csv' },
      { name: 'census2021-ts001/metadata.txt', text: 'TS001 usual residents' },
    ]);
    const s = await cgm('import', 'population', '--project', zipped, '--file', pop, '--area-field', 'oa_code', '--count-field', 'usual_residents', '--quiet');
    expect(s.json).toMatchObject({ file: 'ts001.zip › census2021-ts001/census2021-ts001-oa.csv', imported: 111, details: { total: 35594 } });
    const pc = makeZip(join(tmp.dir, 'codepo.zip'), [{ name: 'Data/CSV/le.csv', from: RUTLAND + 'postcodes_codepoint_open.csv' }]);
    const r = await cgm('import', 'postcodes', '--project', zipped, '--file', pc, '--postcode-field', 'postcode', '--lat-field', 'lat', '--lon-field', 'lon', '--area-field', 'oa11cd', '--quiet');
    expect(r.json).toMatchObject({ imported: 1207 });
  });

  describe('through the app: staged in memory, then runImport', () => {
    const appProject = join(tmp.dir, 'app.gpkg');
    let session: ProjectSession;
    let staged: StagedFiles;
    let all: Handlers;
    const run = (input: MethodInput<'runImport'>) => dispatch(all, 'runImport', input, ctx()) as ReturnType<Handlers['runImport']>;
    /** What the upload handlers do once the bytes are in: add to the store, describe (which unzips). */
    async function stage(name: string, data: Uint8Array) {
      const entry = staged.add({ name, data });
      try {
        return await describeStaged(entry);
      } catch (error) {
        staged.drop(entry.id);
        throw error;
      }
    }

    beforeAll(() => {
      createProject(appProject).close();
      session = new ProjectSession(appProject);
      staged = new StagedFiles();
      // This test's staging store in place of the default one, so the file staged here is the one run.
      all = { ...createHandlers(session), ...importHandlers(session, staged) } as Handlers;
    });
    afterAll(() => {
      staged.dropAll();
      session.close();
    });

    it('describes the shapefile inside, wipes the zip bytes, and imports the same 116 areas', async () => {
      const zipBytes = new Uint8Array(readFileSync(oaZip));
      const s = await stage('oa_2011_rutland.zip', zipBytes);
      expect(s).toMatchObject({ name: ZIPPED_SHP, format: 'shapefile', siblings: ['cpg', 'dbf', 'prj', 'shx'], declaresCrs: true, kindGuess: 'boundaries' });
      expect(s.headers).toContain('OA11CD');
      // The compressed copy is no longer needed once the dataset is out: it is wiped, not left to linger.
      expect(zipBytes.every((b) => b === 0)).toBe(true);
      const summary = await run({ fileId: s.fileId, kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } });
      expect(summary).toMatchObject({ file: ZIPPED_SHP, rowsRead: 116, imported: 116 });
      expect(staged.has(s.fileId)).toBe(false);
      const got = areasIn(session.project, 'area_oa');
      expect(got.map((a) => a.code)).toEqual(reference.map((a) => a.code));
      expect(got.every((a, i) => a.geom.equals(reference[i].geom))).toBe(true);
    });

    it('a Cancel while the zip opens stops it, and the handler lets the file go', async () => {
      const bytes = readFileSync(oaZip);
      const before = staged.count;
      const quiet = quietContext();
      const { uploadId } = await all.beginImportUpload({ name: 'oa_2011_rutland.zip', size: bytes.length }, quiet);
      await all.putImportChunk({ uploadId, part: 'main', offset: 0, dataBase64: bytes.toString('base64') }, quiet);
      await expect(all.finishImportUpload({ uploadId }, { ...quiet, signal: AbortSignal.abort() })).rejects.toThrow(/cancelled/);
      expect(staged.count).toBe(before);
    });

    it('a zipped postcode CSV, then a zipped users extract whose names never leave memory', async () => {
      const pc = await stage('codepo.zip', readFileSync(makeZip(join(tmp.dir, 'codepo-app.zip'), [{ name: 'le.csv', from: RUTLAND + 'postcodes_codepoint_open.csv' }])));
      expect(pc).toMatchObject({ name: 'codepo.zip › le.csv', format: 'csv', kindGuess: 'postcodes' });
      expect(await run({ fileId: pc.fileId, kind: 'postcodes', options: { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' } })).toMatchObject({ imported: 1207 });

      // Invented clients, written by this test.
      const users = 'Client Ref,Full Name,Post Code,Referral Date\r\nCLT-1,Araminta Quillfeather,LE15 0AQ,03/02/2024\r\nCLT-2,Bartholomew Zennor,LE15 6NT,2024-02-17\r\n';
      const zip = makeZip(join(tmp.dir, 'referrals.zip'), [{ name: 'export/referrals.csv', text: users }]);
      const s = await stage('referrals.zip', readFileSync(zip));
      expect(s).toMatchObject({ name: 'referrals.zip › export/referrals.csv', format: 'csv', kindGuess: 'users' });
      expect(s.sampleRows[0]).toEqual(['', '', 'LE15 0AQ', '03/02/2024']);
      expect(JSON.stringify(s)).not.toMatch(/Quillfeather|CLT-1/);
      const summary = await run({ fileId: s.fileId, kind: 'users', options: { service: 'Falls clinic', postcodeField: 'Post Code', dateField: 'Referral Date' } });
      expect(summary).toMatchObject({ kind: 'users', rowsRead: 2, imported: 2 });
      expect(readFileSync(appProject).includes('Quillfeather')).toBe(false);
    });
  });
});
