// Importing from the app: a dropped file is staged in memory, described for
// the column-mapping step, imported with progress and cancellation, and let go.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, Handlers, MethodInput } from '../../shared/contract';
import { startBrowserServer } from '../../electron/server/browser-server';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { importHandlers } from '../../electron/services/import-handlers';
import { StagedFiles } from '../../electron/services/import-staging';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { RUTLAND, tempDir } from '../importers/helpers';

const tmp = tempDir('cgm-import-handlers-');
let session: ProjectSession;
let staged: StagedFiles;
let h: ReturnType<typeof importHandlers>;
let all: Handlers;
let projectPath = '';

function ctx(progress: (message: string, fraction: number | null) => void = () => {}, signal = new AbortController().signal): CallContext {
  return { progress, signal };
}

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');
const fileHash = () => createHash('sha256').update(readFileSync(projectPath)).digest('hex');

function stage(name: string, data: Uint8Array | string, siblings?: Record<string, Uint8Array>) {
  const input: MethodInput<'stageImportFile'> = { name, dataBase64: b64(data) };
  if (siblings) input.siblings = Object.fromEntries(Object.entries(siblings).map(([k, v]) => [k, b64(v)]));
  return dispatch(all, 'stageImportFile', input, ctx()) as ReturnType<Handlers['stageImportFile']>;
}

function run(input: MethodInput<'runImport'>, c = ctx()) {
  return dispatch(all, 'runImport', input, c) as ReturnType<Handlers['runImport']>;
}

beforeAll(async () => {
  projectPath = join(tmp.dir, 'imports.gpkg');
  createProject(projectPath).close();
  session = new ProjectSession(projectPath);
  staged = new StagedFiles();
  h = importHandlers(session, staged);
  // The full handler set with this test's staging store, so calls go through dispatch's validation.
  all = { ...createHandlers(session), ...h };
  const boundaries = await stage('oa11_boundaries.geojson', readFileSync(RUTLAND + 'oa11_boundaries.geojson'));
  await run({ fileId: boundaries.fileId, kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } });
  const postcodes = await stage('postcodes_codepoint_open.csv', readFileSync(RUTLAND + 'postcodes_codepoint_open.csv'));
  await run({ fileId: postcodes.fileId, kind: 'postcodes', options: { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' } });
});

afterAll(() => {
  staged.dropAll();
  session.close();
  tmp.cleanup();
});

// Invented clients, written by this test; the semicolons and BOM are how Excel on a European-locale PC saves "CSV".
const USERS_CSV =
  '\uFEFFClient Ref;Full Name;Post Code;Referral Date\r\n' +
  'CLT-1;Araminta Quillfeather;LE15 0AQ;03/02/2024\r\n' +
  'CLT-2;Bartholomew Zennor;LE15 6NT;2024-02-17\r\n' +
  'CLT-3;Cressida Wolstenholme;ZZ99 3VZ;11/05/2024\r\n';

describe('staging a dropped file', () => {
  it('reads a CSV with a byte-order mark and semicolons, and suggests the columns', async () => {
    const s = await stage('clients.csv', USERS_CSV);
    expect(s.headers).toEqual(['Client Ref', 'Full Name', 'Post Code', 'Referral Date']);
    // Names and client references never leave the main process, even for the preview.
    expect(s.sampleRows[0]).toEqual(['', '', 'LE15 0AQ', '03/02/2024']);
    expect(JSON.stringify(s)).not.toMatch(/Quillfeather|CLT-1/);
    expect(s.sampleRows).toHaveLength(3);
    expect(s.description).toBe('semicolon-separated text, UTF-8 with byte-order mark');
    expect(s.kindGuess).toBe('users');
    expect(s.suggested.users).toEqual({ postcode: 'Post Code', date: 'Referral Date' });
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it('suggests ONS and postcode-directory names: OA11CD, oa21cd, LSOA11CD, pcds, lat, long', async () => {
    const pcd = await stage('onspd.csv', 'pcds,lat,long,oa21cd,lsoa21cd\nLE15 6NT,52.67,-0.73,E00069613,E01013799\n');
    expect(pcd.kindGuess).toBe('postcodes');
    expect(pcd.suggested.postcodes).toMatchObject({ postcode: 'pcds', lat: 'lat', lon: 'long', areaCode: 'oa21cd' });
    const pop = await stage('pop.csv', 'OA11CD,LSOA11CD,Population\nE00069547,E01013787,366\n');
    expect(pop.kindGuess).toBe('population');
    expect(pop.suggested.population).toEqual({ areaCode: 'OA11CD', count: 'Population' });
    expect(pop.suggested.boundaries).toEqual({ areaCode: 'OA11CD', parentCode: 'LSOA11CD' });
    const gp = await stage('epraccur.csv', readFileSync(RUTLAND + 'nhs_ods_epraccur_in_area.csv'));
    expect(gp.kindGuess).toBe('sites');
    expect(gp.suggested.sites).toMatchObject({ name: 'name', postcode: 'postcode', lat: 'lat', lon: 'lon' });
    for (const s of [pcd, pop, gp]) await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it('groups a shapefile with its sidecars and says when it has no .prj', async () => {
    const shp = join(tmp.dir, 'oa_bng.shp');
    execFileSync('/usr/bin/ogr2ogr', ['-t_srs', 'EPSG:27700', '-f', 'ESRI Shapefile', shp, RUTLAND + 'oa11_boundaries.geojson']);
    const side = (ext: string) => readFileSync(shp.replace(/shp$/, ext));
    const s = await stage('oa_bng.shp', readFileSync(shp), { dbf: side('dbf'), shx: side('shx') });
    expect(s).toMatchObject({ format: 'shapefile', siblings: ['dbf', 'shx'], declaresCrs: false, kindGuess: 'boundaries' });
    expect(s.headers).toEqual(['OA11CD', 'LSOA11CD', 'LAD11CD']);
    await expect(run({ fileId: s.fileId, kind: 'boundaries', options: { level: 'OA shp', codeField: 'OA11CD' } })).rejects.toThrow(
      'oa_bng.shp: no coordinate system (none (no .prj file)); give one with --crs (the coordinates look like British National Grid metres: --crs EPSG:27700)',
    );
    const done = await run({ fileId: s.fileId, kind: 'boundaries', options: { level: 'OA shp', codeField: 'OA11CD', crs: 'EPSG:27700' } });
    expect(done).toMatchObject({ kind: 'boundaries', imported: 116 });
  });

  it('names the file when it cannot be previewed, and keeps nothing of it', async () => {
    const before = staged.count;
    await expect(stage('report.xlsx', 'PK')).rejects.toThrow('report.xlsx: spreadsheets cannot be read directly; save the sheet as CSV (UTF-8) and import that');
    await expect(stage('half.shp', new Uint8Array(200))).rejects.toThrow(/half\.shp: not a shapefile/);
    expect(staged.count).toBe(before);
  });
});

describe('running an import', () => {
  it('imports a population base, reporting progress from start to finish', async () => {
    const s = await stage('ts001.csv', readFileSync(RUTLAND + 'population_census2021_ts001_by_oa.csv'));
    expect(s.suggested.population.areaCode).toBe('oa_code');
    const events: [string, number | null][] = [];
    const summary = await run(
      { fileId: s.fileId, kind: 'population', options: { areaField: 'oa_code', countField: 'usual_residents', base: 'persons' } },
      ctx((m, f) => events.push([m, f])),
    );
    // Census 2021 output areas against 2011 boundaries: the five split or new ones do not match.
    expect(summary).toMatchObject({ kind: 'population', dataset: 'persons', file: 'ts001.csv', imported: 111 });
    expect(events[0]).toEqual(['Importing ts001.csv', 0]);
    expect(events.at(-1)).toEqual(['Imported ts001.csv', 1]);
  });

  it('imports sites for a new service and getProjectInfo lists it', async () => {
    const s = await stage('epraccur.csv', readFileSync(RUTLAND + 'nhs_ods_epraccur_in_area.csv'));
    const summary = await run({ fileId: s.fileId, kind: 'sites', options: { service: 'GP practices', nameField: 'name', postcodeField: 'postcode', latField: 'lat', lonField: 'lon', where: 'status_code=A' } });
    expect(summary.imported).toBeGreaterThan(0);
    const info = await all.getProjectInfo({}, ctx());
    expect(info.services).toContain('GP practices');
  });

  it('imports an OpenStreetMap extract as the road network', async () => {
    const s = await stage('rutland-latest.osm.pbf', readFileSync(RUTLAND + 'rutland-latest.osm.pbf'));
    expect(s).toMatchObject({ format: 'osm', kindGuess: 'roads', headers: [] });
    const summary = await run({ fileId: s.fileId, kind: 'roads', options: {} });
    expect(summary.kind).toBe('roads');
    expect(summary.imported).toBeGreaterThan(1000);
  });

  it('passes an importer error through word for word: file, row, field, value', async () => {
    const s = await stage('bad-pop.csv', 'OA11CD,Population\nE00069547,366\nE00069548,abc\n');
    await expect(run({ fileId: s.fileId, kind: 'population', options: { areaField: 'OA11CD', countField: 'Population' } })).rejects.toThrow(
      'bad-pop.csv row 3, field "Population": "abc" is not a persons count (expected a number >= 0)',
    );
    // Kept after a failure, so the analyst can correct the mapping and try again.
    expect(staged.has(s.fileId)).toBe(true);
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it('refuses options that fail validation at the boundary', async () => {
    const s = await stage('clients.csv', USERS_CSV);
    await expect(run({ fileId: s.fileId, kind: 'users', options: { service: '  ' } })).rejects.toThrow(/invalid input for runImport: options\.service a service name is required/);
    await expect(run({ fileId: s.fileId, kind: 'users', options: { service: 'X', nameField: 'Full Name' } as never })).rejects.toThrow(/invalid input for runImport/);
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it('cancels mid-import and leaves the project file byte for byte as it was', async () => {
    // Enough rows that the reader reaches its cancellation check (every 4,096 rows).
    const rows = Array.from({ length: 9000 }, (_, i) => `E0${String(9000000 + i)},${i}`);
    const s = await stage('big.csv', `OA11CD,Population\n${rows.join('\n')}\n`);
    const before = fileHash();
    const seen: string[] = [];
    const pending = run(
      { fileId: s.fileId, kind: 'population', options: { areaField: 'OA11CD', countField: 'Population', base: 'households' } },
      ctx((m) => {
        seen.push(m);
        // Cancel as soon as the import announces itself, as the dialog's Cancel button would.
        if (m.startsWith('Importing')) void h.cancelImport({ fileId: s.fileId }, ctx()).then((r) => expect(r.cancelled).toBe(true));
      }),
    );
    await expect(pending).rejects.toThrow('big.csv: import cancelled');
    expect(fileHash()).toBe(before);
    expect(await h.cancelImport({ fileId: s.fileId }, ctx())).toEqual({ cancelled: false });
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it('hears a Cancel that arrives while a large in-memory file is being parsed', async () => {
    // ~3.5 MB, four 1 MB chunks: without a yield to the event loop between chunks, the parse would finish before any timer fires.
    const rows = Array.from({ length: 250_000 }, (_, i) => `E0${String(9000000 + i)},${i % 500}`);
    const s = await stage('bigger.csv', `OA11CD,Population\n${rows.join('\n')}\n`);
    const before = fileHash();
    const pending = run({ fileId: s.fileId, kind: 'population', options: { areaField: 'OA11CD', countField: 'Population' } });
    setTimeout(() => void h.cancelImport({ fileId: s.fileId }, ctx()), 0);
    await expect(pending).rejects.toThrow('bigger.csv: import cancelled');
    expect(fileHash()).toBe(before);
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it('stops when the transport goes away (the HTTP request closes)', async () => {
    const s = await stage('ts001.csv', readFileSync(RUTLAND + 'population_census2021_ts001_by_oa.csv'));
    const gone = new AbortController();
    gone.abort();
    await expect(run({ fileId: s.fileId, kind: 'population', options: { countField: 'usual_residents' } }, ctx(undefined, gone.signal))).rejects.toThrow('ts001.csv: import cancelled');
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });
});

describe('over the browser-mode server', () => {
  it('imports through HTTP: the request stays live until the import has finished', async () => {
    const server = await startBrowserServer({ handlers: all, staticDir: tmp.dir });
    try {
      const call = async (method: string, input: unknown) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cgm-token': server.token },
          body: JSON.stringify(input),
        });
        return { status: res.status, body: await res.json() };
      };
      const s = await call('stageImportFile', { name: 'ts001.csv', dataBase64: b64(readFileSync(RUTLAND + 'population_census2021_ts001_by_oa.csv')) });
      expect(s.status).toBe(200);
      const done = await call('runImport', { fileId: s.body.fileId, kind: 'population', options: { countField: 'in_households', base: 'households' } });
      expect(done).toMatchObject({ status: 200, body: { kind: 'population', dataset: 'households', imported: 111 } });
      const bad = await call('runImport', { fileId: 'nope', kind: 'roads', options: {} });
      expect(bad).toEqual({ status: 422, body: { error: 'the file is no longer held for import (files are let go after 10 minutes); drop it again' } });
    } finally {
      await server.close();
    }
  });
});

describe('personal data in a users file', () => {
  it('wipes the staged bytes once imported, leaving only aggregated counts', async () => {
    const s = await stage('clients.csv', USERS_CSV);
    const held = staged.get(s.fileId).input.data;
    expect(Buffer.from(held).toString('utf8')).toContain('Quillfeather');
    const summary = await run({ fileId: s.fileId, kind: 'users', options: { service: 'Falls clinic', postcodeField: 'Post Code', dateField: 'Referral Date' } });
    expect(summary).toMatchObject({ kind: 'users', rowsRead: 3, imported: 2, rejected: { 'pseudo-postcode': 1 } });
    expect(staged.has(s.fileId)).toBe(false);
    expect(held.every((b) => b === 0)).toBe(true);
    expect(readFileSync(projectPath).includes('Quillfeather')).toBe(false);
    await expect(run({ fileId: s.fileId, kind: 'users', options: { service: 'Falls clinic' } })).rejects.toThrow(/no longer held for import/);
  });

  it('lets a staged file go after the time limit even if nobody imports it', async () => {
    const short = new StagedFiles(30);
    const entry = short.add({ name: 'clients.csv', data: new TextEncoder().encode(USERS_CSV) });
    await new Promise((r) => setTimeout(r, 80));
    expect(short.has(entry.id)).toBe(false);
    expect(entry.input.data.every((b) => b === 0)).toBe(true);
  });
});
