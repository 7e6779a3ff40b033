// Importing sites into a service that has some ADDS them (issue 15.9): two
// proposed GP sites used to wipe Rutland's four real practices. A site with
// the same code is updated, replacing needs --replace (the app: its own
// choice), and the summary says what was added, updated, kept and removed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject, openProject } from '../../electron/store/project';
import { buildRequest, CONFIRM_REPLACE, defaultMapping, missingRequired } from '../../renderer/src/import/fields';
import { RUTLAND, tempDir } from './helpers';
import { handlerCall } from '../support/handler-call';

const ODS = RUTLAND + 'nhs_ods_epraccur_in_area.csv';
// The README: 4 active GP practices (status_code A, prescribing_setting 4): C82010, C82044, C82077, C82649.
const ACTIVE_GPS = 'status_code=A,prescribing_setting=4';
const REAL = ['C82010', 'C82044', 'C82077', 'C82649'];
// Two proposed sites, written here: Ketton and Ryhall have no practice of their own.
const PROPOSED = 'ods_code,name,lat,lon,proposed\nP00001,Proposed Ketton surgery,52.6285,-0.5560,yes\nP00002,Proposed Ryhall surgery,52.6860,-0.4700,yes\n';

const tmp = tempDir('cgm-sites-add-');
const project = join(tmp.dir, 'gp.gpkg');
const proposedFile = join(tmp.dir, 'proposed_gp.csv');

async function cgm(...argv: string[]): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, json: stdout ? JSON.parse(stdout) : {}, stderr };
}
const importGp = (file: string, ...more: string[]) => cgm('import', 'sites', '--project', project, '--file', file, '--service', 'GP', '--quiet', ...more);

function gpCodes(): string[] {
  const p = openProject(project);
  try {
    return p.db.prepare("SELECT code FROM service_sites WHERE service = 'GP' ORDER BY code").pluck().all() as string[];
  } finally {
    p.close();
  }
}

beforeAll(() => {
  createProject(project).close();
  writeFileSync(proposedFile, PROPOSED);
});
afterAll(() => tmp.cleanup());

describe('cgm import sites into a service that has sites', () => {
  it('adds the 2 proposed sites to the 4 real practices: 6, and says so', async () => {
    const first = await importGp(ODS, '--where', ACTIVE_GPS);
    expect(first.code).toBe(0);
    expect(first.json.details).toMatchObject({ added: 4, updated: 0, kept: 0, removed: 0, total: 4 });
    const added = await importGp(proposedFile, '--proposed-field', 'proposed');
    expect(added.code).toBe(0);
    // 4 + 2 = 6; nothing of the practices touched.
    expect(added.json.details).toMatchObject({ added: 2, updated: 0, kept: 4, removed: 0, total: 6, replaced: false, change: 'GP: 2 sites added, 0 updated, 4 kept, 0 removed; 6 sites now' });
    expect(gpCodes()).toEqual([...REAL, 'P00001', 'P00002']);
  });

  it('updates a site with the same code instead of adding it again, and names it', async () => {
    const again = await importGp(ODS, '--where', ACTIVE_GPS);
    expect(again.json.details).toMatchObject({ added: 0, updated: 4, kept: 2, removed: 0, total: 6 });
    expect((again.json.warnings as string[]).join('\n')).toMatch(/^4 of these sites were already in "GP" .* updated, not added again: C82010 \(OAKHAM MEDICAL PRACTICE\), /m);
    expect(gpCodes()).toEqual([...REAL, 'P00001', 'P00002']);
  });

  it('replaces only with --replace: 2 left, the 4 practices removed', async () => {
    const replaced = await importGp(proposedFile, '--proposed-field', 'proposed', '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.json.details).toMatchObject({ added: 0, updated: 2, kept: 0, removed: 4, total: 2, replaced: true });
    expect(gpCodes()).toEqual(['P00001', 'P00002']);
  });

  it('changes nothing when the file fails half-way (no half-import, replace or not)', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'ods_code,name,lat,lon\nP00003,Fine,52.65,-0.70\nP00004,Swapped,-0.70,52.65\n');
    const failed = await importGp(bad, '--replace');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/bad\.csv row 3/);
    expect(gpCodes()).toEqual(['P00001', 'P00002']);
  });
});

describe('the app’s import handler', () => {
  const path = join(tmp.dir, 'app.gpkg');
  let session: ProjectSession;
  const handlers = () => createHandlers(session);
  const call = handlerCall(handlers);
  /** As the import dialog does it: stage the file, map its suggested columns, build the request from the boxes. */
  async function importFile(name: string, data: Buffer, boxes: Record<string, string>) {
    const h = handlers();
    const send = handlerCall(h);
    const { uploadId } = await send('beginImportUpload', { name, size: data.length });
    await send('putImportChunk', { uploadId, part: 'main', offset: 0, dataBase64: data.toString('base64') });
    const staged = await send('finishImportUpload', { uploadId });
    const mapping = defaultMapping('sites', staged);
    expect(mapping.code).toBe('ods_code');
    const missing = missingRequired('sites', staged, mapping, boxes);
    if (missing.length > 0) return { missing };
    const request = buildRequest('sites', staged, mapping, boxes);
    return { summary: await send('runImport', request), request };
  }

  beforeAll(() => {
    createProject(path).close();
    session = new ProjectSession(path);
  });
  afterAll(() => session.close());

  it('adds by default (4 + 2 = 6), and replaces (2) only once the replacement is confirmed', async () => {
    const gps = readFileSync(ODS);
    // The dialog has no "where" box: the four active practices, written out as the analyst would.
    const active = gps.toString().split('\n').filter((line, i) => i === 0 || REAL.some((code) => line.startsWith(`${code},`))).join('\n');
    expect((await importFile('epraccur_active.csv', Buffer.from(active), { service: 'GP' })).summary?.details).toMatchObject({ added: 4, total: 4 });
    const added = await importFile('proposed_gp.csv', Buffer.from(PROPOSED), { service: 'GP', replace: '' });
    expect(added.request?.options).not.toHaveProperty('replace');
    expect(added.summary?.details).toMatchObject({ added: 2, kept: 4, removed: 0, total: 6 });
    expect(await call('getSites', { service: 'GP' })).toHaveLength(6);
    // "Replace them" without ticking the confirmation imports nothing.
    expect(await importFile('proposed_gp.csv', Buffer.from(PROPOSED), { service: 'GP', replace: 'replace' })).toEqual({ missing: [CONFIRM_REPLACE] });
    expect(await call('getSites', { service: 'GP' })).toHaveLength(6);
    const replaced = await importFile('proposed_gp.csv', Buffer.from(PROPOSED), { service: 'GP', replace: 'replace', confirmReplace: 'yes' });
    expect(replaced.summary?.details).toMatchObject({ updated: 2, removed: 4, total: 2, change: 'GP: 0 sites added, 2 updated, 0 kept, 4 removed; 2 sites now' });
    expect((await call('getSites', { service: 'GP' })).map((s) => s.name)).toEqual(['Proposed Ketton surgery', 'Proposed Ryhall surgery']);
  });
});
