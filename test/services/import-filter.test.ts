// The import dialog's filter and `cgm import sites --where` keep the same rows:
// the dialog proposes the filter for an NHS ODS file, counts it on the staged
// file, and imports what the CLI imports.
//
// nhs_ods_epraccur_in_area.csv, read by hand: 10 rows; status_code A on 9 (A91088 is C,
// closed); prescribing_setting 4 (GP practice) on C82010, C82044, C82077, C82649, all
// active. So the active GP practices are those 4. prescribing_setting >= 2 among the
// active adds Y03448 (25, a prison), Y04976 and Y06475 (2, out of hours): 7.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject, openProject } from '../../electron/store/project';
import { buildRequest, defaultMapping, defaultOptions } from '../../renderer/src/import/fields';
import { runCli } from '../cli/capture';
import { RUTLAND, tempDir } from '../importers/helpers';
import { handlerCall } from '../support/handler-call';

const ODS = RUTLAND + 'nhs_ods_epraccur_in_area.csv';
const ACTIVE_GPS = ['C82010', 'C82044', 'C82077', 'C82649'];
const tmp = tempDir('cgm-import-filter-');
let session: ProjectSession;
let all: Handlers;

const call = handlerCall(() => all);

async function stage(path: string) {
  const bytes = readFileSync(path);
  const { uploadId } = await call('beginImportUpload', { name: path.split('/').pop()!, size: bytes.length });
  await call('putImportChunk', { uploadId, part: 'main', offset: 0, dataBase64: bytes.toString('base64') });
  return call('finishImportUpload', { uploadId });
}

function siteCodes(path: string, service: string): string[] {
  const p = openProject(path);
  try {
    return p.db.prepare('SELECT code FROM service_sites WHERE service = ? ORDER BY code').pluck().all(service) as string[];
  } finally {
    p.close();
  }
}

beforeAll(() => {
  const path = join(tmp.dir, 'dialog.gpkg');
  createProject(path).close();
  createProject(join(tmp.dir, 'cli.gpkg')).close();
  session = new ProjectSession(path);
  all = createHandlers(session);
});

afterAll(() => {
  session.close();
  tmp.cleanup();
});

describe('the ODS filter, in the dialog and the CLI', () => {
  it('is proposed for the epraccur file, keeps 4 of 10, and imports the same 4 practices as cgm --where', async () => {
    const staged = await stage(ODS);
    expect(staged.kindGuess).toBe('sites');
    const options: Record<string, string> = { ...defaultOptions('sites', staged), service: 'GP' };
    expect(options.where).toBe('status_code=A,prescribing_setting=4');
    expect(await call('countImportRows', { fileId: staged.fileId, where: options.where })).toEqual({ rows: 10, kept: 4 });
    expect(await call('countImportRows', { fileId: staged.fileId, where: '' })).toEqual({ rows: 10, kept: 10 });

    const summary = await call('runImport', buildRequest('sites', staged, defaultMapping('sites', staged), options));
    expect(summary).toMatchObject({ rowsRead: 10, imported: 4, details: { filteredOut: 6 } });

    const cli = await runCli(['import', 'sites', '--project', join(tmp.dir, 'cli.gpkg'), '--file', ODS, '--service', 'GP', '--code-field', 'ods_code', '--where', options.where]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ rowsRead: 10, imported: 4 });
    expect(siteCodes(session.project.path, 'GP')).toEqual(ACTIVE_GPS);
    expect(siteCodes(join(tmp.dir, 'cli.gpkg'), 'GP')).toEqual(ACTIVE_GPS);
  });

  it('counts and imports a numeric condition alike', async () => {
    const where = 'status_code=A,prescribing_setting>=2';
    const staged = await stage(ODS);
    expect(await call('countImportRows', { fileId: staged.fileId, where })).toEqual({ rows: 10, kept: 7 });
    const cli = await runCli(['import', 'sites', '--project', join(tmp.dir, 'cli.gpkg'), '--file', ODS, '--service', 'Any', '--code-field', 'ods_code', '--where', where]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(siteCodes(join(tmp.dir, 'cli.gpkg'), 'Any')).toEqual([...ACTIVE_GPS, 'Y03448', 'Y04976', 'Y06475']);
    await call('discardImportFile', { fileId: staged.fileId });
  });

  it('names the file and its fields for a field it lacks, and the condition for one it cannot read', async () => {
    const staged = await stage(ODS);
    await expect(call('countImportRows', { fileId: staged.fileId, where: 'status=A' })).rejects.toThrow(/nhs_ods_epraccur_in_area\.csv: no field "status" \(--where\); it has "ods_code", "name"/);
    await expect(call('countImportRows', { fileId: staged.fileId, where: 'prescribing_setting>four' })).rejects.toThrow(/--where "prescribing_setting>four": .*"four" is not a number/);
    const cli = await runCli(['import', 'sites', '--project', join(tmp.dir, 'cli.gpkg'), '--file', ODS, '--service', 'GP', '--where', 'status']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/--where "status": "status": expected field=value/);
    await call('discardImportFile', { fileId: staged.fileId });
  });
});
