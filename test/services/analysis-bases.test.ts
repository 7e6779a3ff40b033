// The app's analysis panel over the contract (15.1, 15.2, 15.7): the base
// selector reaches the analysis, a count-based scheme's profile says its users
// were shared out by the area's counts, and the users left out are named once.
// Real Rutland data; figures worked in test/analysis-runs/rutland-bases.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { importAssignments, importUsers } from '../../electron/importers/index';
import { dispatch } from '../../electron/services/dispatch';
import { profileExport } from '../../electron/exports/export-tables';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { tempDir } from '../importers/helpers';
import { bytes, rutlandProject, SERVICE, ts045Long, usersCsv } from '../analysis-runs/rutland-fixture';

const tmp = tempDir('cgm-bases-app-');
let session: ProjectSession;
const ctx: CallContext = { progress: () => {}, signal: new AbortController().signal };
const call = <M extends MethodName>(method: M, input: MethodInput<M>) => dispatch(createHandlers(session), method, input, ctx) as Promise<MethodOutput<M>>;

beforeAll(async () => {
  const p = await rutlandProject(tmp.dir, 'cars.gpkg');
  await importAssignments(p, { name: 'ts045-long.csv', data: bytes(ts045Long()) }, { scheme: 'Cars', areaField: 'oa_code', segmentField: 'cars', countField: 'households' });
  await importUsers(p, { name: 'users.csv', data: bytes(usersCsv(false)) }, { service: SERVICE, postcodeField: 'post_code' });
  const path = p.path;
  p.close();
  session = new ProjectSession(path);
});
afterAll(() => {
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
    const table = profileExport(session.project, { service: SERVICE, scheme: 'Cars', indicator: '', mode: 'walk' }, { kind: 'nhs' });
    expect(table.notes).toContain("Base: households; users' segments from their area's counts, in proportion (fractional users) 115.");
    expect(table.notes).toContain('10 users (8% of users) left out at every level: their areas have no households base in scheme Cars (E00069606).');
  });

  it('the base selector asking for persons is refused with what to do', async () => {
    await expect(call('getProfile', { service: SERVICE, scheme: 'Cars', base: 'persons' })).rejects.toThrow(/scheme Cars counts households, so it has no persons base/);
  });
});
