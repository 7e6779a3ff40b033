// Importing from the app: a dropped file is staged in memory, described for
// the column-mapping step, imported with progress and cancellation, and let go.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallContext, Handlers, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { startBrowserServer } from '../../electron/server/browser-server';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { importHandlers } from '../../electron/services/import-handlers';
import { StagedFiles } from '../../electron/services/import-staging';
import { ImportUploads } from '../../electron/services/import-uploads';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { RUTLAND, tempDir } from '../importers/helpers';
import { apiClient } from '../support/api-client';

const tmp = tempDir('cgm-import-handlers-');
let session: ProjectSession;
let staged: StagedFiles;
let uploads: ImportUploads;
let h: ReturnType<typeof importHandlers>;
let all: Handlers;
let projectPath = '';

function ctx(progress: (message: string, fraction: number | null) => void = () => {}, signal = new AbortController().signal): CallContext {
  return { progress, signal };
}

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');
const fileHash = () => createHash('sha256').update(readFileSync(projectPath)).digest('hex');
/** Small chunks, so even the Rutland files cross several chunk boundaries. */
const CHUNK = 64 * 1024;

function call<M extends MethodName>(method: M, input: MethodInput<M>, handlers: Handlers = all): Promise<MethodOutput<M>> {
  return dispatch(handlers, method, input, ctx()) as Promise<MethodOutput<M>>;
}

/** Sends a file as the renderer does: announce it, then each part chunk by chunk in order, then finish. */
async function stage(name: string, data: Uint8Array | string, siblings?: Record<string, Uint8Array>, handlers: Handlers = all) {
  const parts: [string, Buffer][] = [['main', Buffer.from(data)], ...Object.entries(siblings ?? {}).map(([ext, b]) => [ext, Buffer.from(b)] as [string, Buffer])];
  const sizes = Object.fromEntries(parts.slice(1).map(([ext, b]) => [ext, b.length]));
  const { uploadId, chunkBytes } = await call('beginImportUpload', { name, size: parts[0][1].length, ...(siblings ? { siblings: sizes } : {}) }, handlers);
  for (const [part, bytes] of parts) {
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      await call('putImportChunk', { uploadId, part, offset, dataBase64: b64(bytes.subarray(offset, offset + chunkBytes)) }, handlers);
    }
  }
  return call('finishImportUpload', { uploadId }, handlers);
}

function run(input: MethodInput<'runImport'>, c = ctx()) {
  return dispatch(all, 'runImport', input, c) as ReturnType<Handlers['runImport']>;
}

beforeAll(async () => {
  projectPath = join(tmp.dir, 'imports.gpkg');
  createProject(projectPath).close();
  session = new ProjectSession(projectPath);
  staged = new StagedFiles();
  uploads = new ImportUploads({ chunkBytes: CHUNK });
  h = importHandlers(session, staged, uploads);
  // The full handler set with this test's staging store, so calls go through dispatch's validation.
  all = { ...createHandlers(session), ...h };
  const boundaries = await stage('oa11_boundaries.geojson', readFileSync(RUTLAND + 'oa11_boundaries.geojson'));
  await run({ fileId: boundaries.fileId, kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } });
  const postcodes = await stage('postcodes_codepoint_open.csv', readFileSync(RUTLAND + 'postcodes_codepoint_open.csv'));
  await run({ fileId: postcodes.fileId, kind: 'postcodes', options: { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' } });
});

afterAll(() => {
  uploads.abandonAll();
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

  it('the dialog imports opening hours for ODS practices by code, and recognises a segment profile (15.8)', async () => {
    const gp = await stage('epraccur.csv', readFileSync(RUTLAND + 'nhs_ods_epraccur_in_area.csv'));
    expect(gp.suggested.sites).toMatchObject({ code: 'ods_code' });
    await run({ fileId: gp.fileId, kind: 'sites', options: { service: 'GP hours', codeField: 'ods_code', nameField: 'name', latField: 'lat', lonField: 'lon', where: 'status_code=A,prescribing_setting=4' } });
    const hours = await stage('hours.csv', 'ods_code,opening_hours\nC82010,Mo-Fr 08:00-18:30\nC82044,Mo-Fr 09:00-17:00\nX99999,Mo-Fr 09:00-17:00\n');
    expect(hours.kindGuess).toBe('site-hours');
    expect(hours.suggested['site-hours']).toEqual({ siteCode: 'ods_code', hours: 'opening_hours' });
    const summary = await run({ fileId: hours.fileId, kind: 'site-hours', options: { service: 'GP hours', codeField: 'ods_code', hoursField: 'opening_hours' } });
    // X99999 is no site of the service: rejected by reason; the other two active practices keep no hours.
    expect(summary).toMatchObject({ kind: 'site-hours', rowsRead: 3, imported: 2, rejected: { 'no site of GP hours with this code': 1 } });
    const sites = await call('getSites', { service: 'GP hours' });
    expect(Object.fromEntries(sites.map((x) => [x.code, x.openingHours]))).toEqual({
      C82010: 'Mo-Fr 08:00-18:30', C82044: 'Mo-Fr 09:00-17:00', C82077: null, C82649: null,
    });
    const bad = await stage('bad-hours.csv', 'ods_code,opening_hours\nC82077,whenever\n');
    await expect(run({ fileId: bad.fileId, kind: 'site-hours', options: { service: 'GP hours' } })).rejects.toThrow(/bad-hours\.csv row 2, field "opening_hours": "whenever" is not valid OSM opening_hours syntax/);
    await h.discardImportFile({ fileId: bad.fileId }, ctx());
    const profile = await stage('profile.csv', 'supergroup,working_age_share,employed_share,channels\n1,58%,35%,face to face; phone\n');
    expect(profile.kindGuess).toBe('segment-profile');
    expect(profile.suggested['segment-profile']).toEqual({ segment: 'supergroup', workingAge: 'working_age_share', employed: 'employed_share', channels: 'channels' });
    await h.discardImportFile({ fileId: profile.fileId }, ctx());
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

describe('sending a file in chunks', () => {
  /** Opens an upload of these bytes and returns its id; `begin` alone, so a test can then misbehave. */
  async function begin(name: string, size: number, siblings?: Record<string, number>) {
    const { uploadId, chunkBytes } = await call('beginImportUpload', { name, size, ...(siblings ? { siblings } : {}) });
    expect(chunkBytes).toBe(CHUNK);
    return uploadId;
  }
  const put = (uploadId: string, offset: number, bytes: Uint8Array, part = 'main') => call('putImportChunk', { uploadId, part, offset, dataBase64: b64(bytes) });

  it('imports a real file sent in 64 KiB chunks with the same summary as one sent whole, and holds its exact bytes', async () => {
    const csv = readFileSync(RUTLAND + 'postcodes_codepoint_open.csv');
    expect(csv.length).toBeGreaterThan(CHUNK);
    const options = { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' };
    // The same handlers with the app's own 8 MiB chunks: this file crosses in one.
    const whole = { ...all, ...importHandlers(session, staged, new ImportUploads()) };
    const one = await stage('postcodes.csv', csv, undefined, whole);
    const oneSummary = await dispatch(whole, 'runImport', { fileId: one.fileId, kind: 'postcodes', options }, ctx());
    const chunked = await stage('postcodes.csv', csv);
    expect(Buffer.from(staged.get(chunked.fileId).input.data).equals(csv)).toBe(true);
    expect(chunked).toEqual({ ...one, fileId: chunked.fileId });
    const summary = await run({ fileId: chunked.fileId, kind: 'postcodes', options });
    expect(summary).toEqual(oneSummary);
    expect(summary.imported).toBeGreaterThan(1000);
  });

  it('sends a shapefile and its sidecars part by part', async () => {
    const shp = join(tmp.dir, 'oa_wgs.shp');
    execFileSync('/usr/bin/ogr2ogr', ['-f', 'ESRI Shapefile', shp, RUTLAND + 'oa11_boundaries.geojson']);
    const side = (ext: string) => readFileSync(shp.replace(/shp$/, ext));
    const s = await stage('oa_wgs.shp', readFileSync(shp), { dbf: side('dbf'), prj: side('prj'), shx: side('shx') });
    expect(s).toMatchObject({ format: 'shapefile', siblings: ['dbf', 'prj', 'shx'], declaresCrs: true, kindGuess: 'boundaries', size: readFileSync(shp).length + side('dbf').length + side('prj').length + side('shx').length });
    expect(Buffer.from(staged.get(s.fileId).input.siblings!.dbf).equals(side('dbf'))).toBe(true);
    await h.discardImportFile({ fileId: s.fileId }, ctx());
  });

  it.each([
    ['out of order', (id: string, b: Buffer) => put(id, CHUNK + 1, b.subarray(0, 10)), 'clients.csv: the chunk at byte 65,537 is out of order (the next is byte 65,536); drop the file again'],
    ['overlapping', (id: string, b: Buffer) => put(id, CHUNK - 10, b.subarray(0, 20)), 'clients.csv: the chunk at byte 65,526 overlaps bytes already received (the next is byte 65,536); drop the file again'],
    ['larger than a chunk', (id: string, b: Buffer) => put(id, CHUNK, b.subarray(0, CHUNK + 1)), 'clients.csv: the chunk at byte 65,536 holds 65,537 bytes, more than the 65,536 a chunk may hold; drop the file again'],
    ['past the end', (id: string, b: Buffer) => put(id, CHUNK, b.subarray(0, 40_000)), 'clients.csv: the chunk at byte 65,536 runs past the end of the file (100,000 bytes were announced); drop the file again'],
    ['for a part never announced', (id: string, b: Buffer) => put(id, 0, b.subarray(0, 10), 'dbf'), 'clients.csv: no .dbf file was announced with it; drop the file again'],
    ['damaged', (id: string) => call('putImportChunk', { uploadId: id, part: 'main', offset: CHUNK, dataBase64: 'QUJD*A==' }), "clients.csv: the file's bytes arrived damaged (not base64); drop the file again"],
  ])('refuses a chunk %s, wipes what had arrived and stages nothing', async (_, misbehave, message) => {
    const before = staged.count;
    const bytes = Buffer.alloc(100_000, 'Quillfeather;');
    const id = await begin('clients.csv', bytes.length);
    expect(await put(id, 0, bytes.subarray(0, CHUNK))).toEqual({ received: CHUNK });
    await expect(misbehave(id, bytes)).rejects.toThrow(message);
    expect(uploads.count).toBe(0);
    await expect(put(id, CHUNK, bytes.subarray(CHUNK))).rejects.toThrow(/clients\.csv|no longer being received/);
    await expect(call('finishImportUpload', { uploadId: id })).rejects.toThrow('the file is no longer being received (it is let go 2 minutes after its last chunk, or after an error); drop it again');
    expect(staged.count).toBe(before);
  });

  it('refuses a finish with bytes missing, in the file or a sidecar', async () => {
    const before = staged.count;
    const shp = Buffer.alloc(1000, 1);
    const id = await begin('oa.shp', shp.length, { dbf: 500, prj: 0 });
    await put(id, 0, shp);
    await put(id, 0, Buffer.alloc(300, 2), 'dbf');
    await expect(call('finishImportUpload', { uploadId: id })).rejects.toThrow('oa.shp (.dbf): only 300 of 500 bytes arrived; drop the file again');
    expect(uploads.count).toBe(0);
    expect(staged.count).toBe(before);
  });

  it('refuses before any byte is sent: too large, empty, a type the app cannot read, a malformed request', async () => {
    await expect(begin('national.csv', 5 * 1024 ** 3)).rejects.toThrow(
      'national.csv: 5.0 GB is more than one import can hold in memory (4.0 GB at most); keep only the columns and rows you need and import that',
    );
    await expect(begin('oa.shp', 3 * 1024 ** 3, { dbf: 2 * 1024 ** 3 })).rejects.toThrow('oa.shp: 5.0 GB is more than one import can hold in memory');
    // Files on their way at once share the one budget (Linux sets the memory aside lazily, so this is cheap).
    const first = new ImportUploads({ chunkBytes: CHUNK });
    const east = first.begin('east.csv', 3 * 1024 ** 3);
    expect(() => first.begin('west.csv', 2 * 1024 ** 3)).toThrow('west.csv: other files still being sent hold 3.0 GB; wait for them to arrive (or cancel them) and drop this one again');
    first.abandon(east);
    await expect(begin('empty.csv', 0)).rejects.toThrow('empty.csv: the file is empty');
    await expect(begin('report.xlsx', 10)).rejects.toThrow('report.xlsx: spreadsheets cannot be read directly');
    await expect(begin('oa.shp', 10, { main: 5 })).rejects.toThrow(/invalid input for beginImportUpload: siblings/);
    await expect(begin('a.csv', -1)).rejects.toThrow(/invalid input for beginImportUpload: size/);
    expect(uploads.count).toBe(0);
    const id = await begin('a.csv', 10);
    await expect(call('putImportChunk', { uploadId: id, part: 'main', offset: 0, dataBase64: 'A'.repeat(12 * 1024 * 1024) })).rejects.toThrow(
      'invalid input for putImportChunk: dataBase64 is longer than a chunk may be (8 MiB)',
    );
    await call('abandonImportUpload', { uploadId: id });
  });

  it("wipes an upload the analyst cancels, and one whose renderer has gone quiet", async () => {
    const bytes = Buffer.from(USERS_CSV);
    const id = await begin('clients.csv', bytes.length);
    await put(id, 0, bytes);
    expect(await call('abandonImportUpload', { uploadId: id })).toEqual({ abandoned: true });
    expect(await call('abandonImportUpload', { uploadId: id })).toEqual({ abandoned: false });
    await expect(call('finishImportUpload', { uploadId: id })).rejects.toThrow(/no longer being received/);

    // Wiped, not just forgotten: the personal data is gone from memory at once.
    // Fake timers: a loaded CI machine must not turn 130 ms of sleep into 250.
    vi.useFakeTimers();
    const quiet = new ImportUploads({ chunkBytes: CHUNK, idleMs: 200 });
    const spy = vi.spyOn(Buffer, 'allocUnsafeSlow');
    const idle = quiet.begin('clients.csv', bytes.length);
    const held = spy.mock.results[0].value as Buffer;
    spy.mockRestore();
    quiet.put(idle, 'main', 0, bytes.subarray(0, 40).toString('base64'));
    expect(held.subarray(0, 40).toString('utf8')).toContain('Client Ref');
    // Each chunk restarts the clock: a slow transfer is not cut off while it still moves.
    vi.advanceTimersByTime(130);
    quiet.put(idle, 'main', 40, bytes.subarray(40, 80).toString('base64'));
    vi.advanceTimersByTime(130);
    expect(quiet.count).toBe(1);
    vi.advanceTimersByTime(80);
    expect(quiet.count).toBe(0);
    vi.useRealTimers();
    expect(held.every((b) => b === 0)).toBe(true);
    expect(() => quiet.finish(idle)).toThrow(/^the file is no longer being received/);
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
      const client = apiClient(() => server);
      const post = async (method: string, input: unknown) => {
        const res = await client.post(method, input);
        return { status: res.status, body: await res.json() };
      };
      const csv = readFileSync(RUTLAND + 'postcodes_codepoint_open.csv');
      const begun = await post('beginImportUpload', { name: 'postcodes.csv', size: csv.length });
      expect(begun).toMatchObject({ status: 200, body: { chunkBytes: CHUNK } });
      const { uploadId } = begun.body;
      for (let offset = 0; offset < csv.length; offset += CHUNK) {
        const put = await post('putImportChunk', { uploadId, part: 'main', offset, dataBase64: b64(csv.subarray(offset, offset + CHUNK)) });
        expect(put).toEqual({ status: 200, body: { received: Math.min(csv.length, offset + CHUNK) } });
      }
      // A chunk sent twice is refused with its reason, as any analyst-facing error is.
      const again = await post('putImportChunk', { uploadId, part: 'main', offset: 0, dataBase64: b64(csv.subarray(0, 10)) });
      expect(again).toEqual({ status: 422, body: { error: 'postcodes.csv: the chunk at byte 0 overlaps bytes already received (the next is byte 123,233); drop the file again' } });
      const pop = readFileSync(RUTLAND + 'population_census2021_ts001_by_oa.csv');
      const one = await post('beginImportUpload', { name: 'ts001.csv', size: pop.length });
      await post('putImportChunk', { uploadId: one.body.uploadId, part: 'main', offset: 0, dataBase64: b64(pop) });
      const s = await post('finishImportUpload', { uploadId: one.body.uploadId });
      expect(s.status).toBe(200);
      const done = await post('runImport', { fileId: s.body.fileId, kind: 'population', options: { countField: 'in_households', base: 'households' } });
      expect(done).toMatchObject({ status: 200, body: { kind: 'population', dataset: 'households', imported: 111 } });
      const bad = await post('runImport', { fileId: 'nope', kind: 'roads', options: {} });
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

describe('the date of a dropped file\'s data', () => {
  const options = { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' };
  async function importPostcodes(name: string, lastModified?: number) {
    const csv = readFileSync(RUTLAND + 'postcodes_codepoint_open.csv');
    const { uploadId, chunkBytes } = await call('beginImportUpload', { name, size: csv.length, ...(lastModified === undefined ? {} : { lastModified }) });
    for (let offset = 0; offset < csv.length; offset += chunkBytes) {
      await call('putImportChunk', { uploadId, part: 'main', offset, dataBase64: b64(csv.subarray(offset, offset + chunkBytes)) });
    }
    const staged = await call('finishImportUpload', { uploadId });
    await run({ fileId: staged.fileId, kind: 'postcodes', options });
    return (await call('listDatasets', {})).find((d) => d.kind === 'postcodes');
  }

  it('is the release in its name, else its modification time as the browser gave it, else unknown until the analyst sets it', async () => {
    // 21 March 2021, 12:00 UTC.
    expect(await importPostcodes('ONSPD_FEB_2024_UK.csv', Date.UTC(2021, 2, 21, 12))).toMatchObject({ dataDate: '2024-02', dataDateSource: 'file' });
    expect(await importPostcodes('postcodes.csv', Date.UTC(2021, 2, 21, 12))).toMatchObject({ dataDate: '2021-03-21', dataDateSource: 'modified' });
    expect(await importPostcodes('postcodes.csv')).toMatchObject({ dataDate: null, dataDateSource: null });
    // The analyst's date is an undoable edit (the Data dates dialog): its inverse puts back "not recorded".
    const { name } = (await call('listDatasets', {})).find((d) => d.kind === 'postcodes')!;
    const { inverse } = await call('applyMoment', { moment: { dataDates: [{ kind: 'postcodes', name, date: '2014-08' }] } });
    expect(inverse).toEqual({ dataDates: [{ kind: 'postcodes', name, date: null, source: null }] });
    expect((await call('listDatasets', {})).find((d) => d.kind === 'postcodes')).toMatchObject({ dataDate: '2014-08', dataDateSource: 'analyst' });
    const { inverse: redo } = await call('applyMoment', { moment: inverse });
    expect((await call('listDatasets', {})).find((d) => d.kind === 'postcodes')).toMatchObject({ dataDate: null, dataDateSource: null });
    expect(redo).toEqual({ dataDates: [{ kind: 'postcodes', name, date: '2014-08', source: 'analyst' }] });
    await call('applyMoment', { moment: redo });
    expect((await call('listDatasets', {})).find((d) => d.kind === 'postcodes')).toMatchObject({ dataDate: '2014-08', dataDateSource: 'analyst' });
    await expect(call('applyMoment', { moment: { dataDates: [{ kind: 'postcodes', name, date: '2014-13' }] } })).rejects.toThrow(/invalid input for applyMoment: moment\.dataDates\.0\.date/);
    await expect(call('applyMoment', { moment: { dataDates: [{ kind: 'parking', name: 'parking', date: '2014' }] } })).rejects.toThrow(/the project has no parking dataset named "parking" \(it has: .*postcodes/);
  });
});
