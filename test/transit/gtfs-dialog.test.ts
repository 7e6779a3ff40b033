// A GTFS zip through the app's import path: dropped, recognised as a
// timetable (not "a zip of several datasets"), imported, and reported in the
// project info the bands tab reads.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract';
import { createHandlers } from '../../electron/services/handlers';
import { importHandlers } from '../../electron/services/import-handlers';
import { StagedFiles } from '../../electron/services/import-staging';
import { ImportUploads } from '../../electron/services/import-uploads';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { tempDir } from '../importers/helpers';
import { handlerCall } from '../support/handler-call';

const zip = `${join(dirname(createRequire(import.meta.url).resolve('sample-gtfs-feed/package.json')), 'gtfs')}.zip`;
const tmp = tempDir('cgm-gtfs-dialog-');

describe('importing a GTFS zip from the app', () => {
  it('stages it as a timetable and imports it whole', async () => {
    const path = join(tmp.dir, 'p.gpkg');
    createProject(path).close();
    const session = new ProjectSession(path);
    const all: Handlers = { ...createHandlers(session), ...importHandlers(session, new StagedFiles(), new ImportUploads()) };
    const call = handlerCall(all);
    expect((await call('getProjectInfo', {})).transit).toBeNull();
    const bytes = readFileSync(zip);
    const { uploadId, chunkBytes } = await call('beginImportUpload', { name: 'gtfs.zip', size: bytes.length });
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      await call('putImportChunk', { uploadId, part: 'main', offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
    }
    const staged = await call('finishImportUpload', { uploadId });
    expect(staged).toMatchObject({ format: 'gtfs', kindGuess: 'gtfs', name: 'gtfs.zip' });
    const summary = await call('runImport', { fileId: staged.fileId, kind: 'gtfs', options: {} });
    expect(summary).toMatchObject({ kind: 'gtfs', imported: 10, details: { stops: 6, trips: 10 } });
    expect((await call('getProjectInfo', {})).transit).toEqual({ stops: 6, trips: 10, firstDate: '20190301', lastDate: '20190820' });
    session.close();
  });
});
