// The app's analysis panel over the contract (15.1, 15.2, 15.7): the base
// selector reaches the analysis, a count-based scheme's profile says its users
// were shared out by the area's counts, and the users left out are named once.
// Real Rutland data; figures worked in test/analysis-runs/rutland-bases.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAssignments, importUsers } from '../../electron/importers/index';
import { profileExport } from '../../electron/exports/export-tables';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { importHandlers } from '../../electron/services/import-handlers';
import { StagedFiles } from '../../electron/services/import-staging';
import { ImportUploads } from '../../electron/services/import-uploads';
import { buildRequest, defaultMapping, defaultOptions } from '../../renderer/src/import/fields';
import { tempDir } from '../importers/helpers';
import { buildRutland, bytes, carsPostcodeLookup as postcodeLookup, carsUsersCsv as usersCsv, ts045Long } from '../support/rutland-project';
import { handlerCall } from '../support/handler-call';

const SERVICE = 'Falls clinic';
const tmp = tempDir('cgm-bases-app-');
let session: ProjectSession;
const staged = new StagedFiles();
const uploads = new ImportUploads();
const call = handlerCall(() => ({ ...createHandlers(session), ...importHandlers(session, staged, uploads) }));

/** Sends a small file as the renderer does (one chunk), and returns what the mapping step sees. */
async function stage(name: string, text: string) {
  const data = Buffer.from(text);
  const { uploadId } = await call('beginImportUpload', { name, size: data.length });
  await call('putImportChunk', { uploadId, part: 'main', offset: 0, dataBase64: data.toString('base64') });
  return call('finishImportUpload', { uploadId });
}

beforeAll(async () => {
  // Rutland boundaries and postcodes only; TS045 gives the Cars scheme and its households base.
  const { project: p } = await buildRutland({ dir: tmp.dir, file: 'cars.gpkg', oac: false, population: false, sites: false });
  await importAssignments(p, { name: 'ts045-long.csv', data: bytes(ts045Long()) }, { scheme: 'Cars', areaField: 'oa_code', segmentField: 'cars', countField: 'households' });
  await importUsers(p, { name: 'users.csv', data: bytes(usersCsv(false)) }, { service: SERVICE, postcodeField: 'post_code' });
  const path = p.path;
  p.close();
  session = new ProjectSession(path);
});
afterAll(() => {
  uploads.abandonAll();
  staged.dropAll();
  session?.close();
  tmp.cleanup();
});

describe('getProfile over the contract', () => {
  it('a TS045 count-based profile is non-zero, on households, and says how users were attributed and who was left out', async () => {
    const profile = await call('getProfile', { service: SERVICE, scheme: 'Cars' });
    expect(profile.base).toBe('households');
    // no_car 2 + 11 = 13; one_car 23 + 27 = 50; three_plus_cars 10 + 4 = 14; two_cars 22 + 16 = 38.
    expect(profile.rows.map((r) => [r.segmentCode, r.users])).toEqual([['no_car', 13], ['one_car', 50], ['three_plus_cars', 14], ['two_cars', 38]]);
    expect(profile.segmentSource).toBe("users' segments from their area's counts, in proportion (fractional users) 115");
    expect(profile.usersLeftOut).toEqual({ users: 10, share: 8, areas: ['E00069606'], reason: 'their areas have no households base in scheme Cars' });
  });

  it('presentation figures disclose the left-out count too (NHS rule: 10 → 10, total 125 → 125)', async () => {
    const shown = await call('getProfile', { service: SERVICE, scheme: 'Cars', presentation: true });
    // 13 → 15, 50 → 50, 14 → 15, 38 → 40 (nearest 5).
    expect(shown.rows.map((r) => r.users)).toEqual([15, 50, 15, 40]);
    expect(shown.usersLeftOut?.users).toBe(10);
  });

  it('the profile export carries the same words as footnotes', () => {
    const table = profileExport(session.project, { service: SERVICE, scheme: 'Cars' }, { kind: 'nhs' });
    expect(table.notes).toContain("Base: households; users' segments from their area's counts, in proportion (fractional users) 115.");
    expect(table.notes).toContain('10 users (8% of users) left out at every level: their areas have no households base in scheme Cars (E00069606).');
  });

  it('the base selector asking for persons is refused with what to do', async () => {
    await expect(call('getProfile', { service: SERVICE, scheme: 'Cars', base: 'persons' })).rejects.toThrow(/scheme Cars counts households, so it has no persons base/);
  });
});

describe('the import dialog maps postcode lookups and coded users files (15.3)', () => {
  it('a Postcode column makes an assignments file a lookup; a Segment column in a users file wins over it', async () => {
    const lookupFile = await stage('lookup.csv', postcodeLookup());
    const lookup = buildRequest('assignments', lookupFile, { ...defaultMapping('assignments', lookupFile), segment: 'cars_type', postcode: 'pcd' }, { ...defaultOptions('assignments', lookupFile), scheme: 'Cars' });
    expect(lookup.options).toEqual({ scheme: 'Cars', segmentField: 'cars_type', postcodeField: 'pcd' });
    expect(await call('runImport', lookup)).toMatchObject({ imported: 1205, details: { mode: 'postcode lookup' } });

    const usersFile = await stage('coded.csv', usersCsv(true));
    const users = buildRequest('users', usersFile, { postcode: 'post_code', segment: 'cars_segment' }, { ...defaultOptions('users', usersFile), service: 'Coded', segmentScheme: 'Cars' });
    expect(users.options).toMatchObject({ service: 'Coded', postcodeField: 'post_code', segmentField: 'cars_segment', segmentScheme: 'Cars' });
    await call('runImport', users);
    const profile = await call('getProfile', { service: 'Coded', scheme: 'Cars' });
    // As in rutland-bases.test.ts 15.3: 5 from the users file, 52 from the lookup, 58 shared out, 10 left out.
    expect(profile.segmentSource).toBe("users' segments from the users file's segment column 5; the postcode lookup 52; their area's counts, in proportion (fractional users) 58");
    expect(profile.rows.map((r) => [r.segmentCode, r.users])).toEqual([['no_car', 11], ['one_car', 57], ['three_plus_cars', 9], ['two_cars', 38]]);
  });
});
