// The app's side of issues 15.10 and 15.11, over the contract (zod on both
// ends): the period selector's list, a period chosen, excluded areas and the
// communal setting as undoable moments. Real Rutland (see
// test/support/rutland-project.ts), users written here: one per OA
// (first postcode) dated in 2024-Q1, two per OA in 2024-Q2 → 111 and 222.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { importRates, importUsers } from '../../electron/importers/index';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { buildRutland, GP, OAC, readRutlandCsv, text, type RutlandProject } from '../support/rutland-project';
import { handlerCall } from '../support/handler-call';

let r: RutlandProject;
let session: ProjectSession;
const call = handlerCall(() => createHandlers(session));
const STOCKEN = 'E00172628'; // TS001: 1,150 residents, 1,008 in communal establishments (HMP Stocken)

beforeAll(async () => {
  r = await buildRutland({ population: { communal: true } });
  await importRates(r.project, text('sg.csv', 'segment,rate\n1,0.10\n2,0.20\n6,0.30\n7,0.40\n'), { indicator: 'Smoking', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
  const first = new Map<string, string>();
  for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) if (!first.has(p.oa11cd)) first.set(p.oa11cd, p.postcode);
  const lines = ['postcode,date'];
  for (const p of readRutlandCsv('population_census2021_ts001_by_oa.csv')) {
    lines.push(`${first.get(p.oa_code)},2024-02-01`, `${first.get(p.oa_code)},2024-05-01`, `${first.get(p.oa_code)},30/06/2024`);
  }
  await importUsers(r.project, text('users.csv', lines.join('\n') + '\n'), { service: GP, postcodeField: 'postcode', dateField: 'date', period: 'quarter' });
  r.project.close();
  session = new ProjectSession(r.path);
}, 60_000);
afterAll(() => {
  session?.close();
  r?.cleanup();
});

const users = (a: MethodOutput<'getAreaAnalysis'>) => a.rows.reduce((t, x) => t + (x.users as number), 0);

describe('analysis scope over the contract', () => {
  it('lists the periods and the communal switch for the analysis panel', async () => {
    expect(await call('getAnalysisScope', { service: GP })).toEqual({ periods: ['2024-Q1', '2024-Q2'], excludeCommunal: false, communalImported: true, excluded: [] });
  });

  it('gives the figures of the chosen period and refuses an unknown one', async () => {
    const q1 = await call('getAreaAnalysis', { service: GP, indicator: 'Smoking', mode: 'walk', period: '2024-Q1', presentation: false });
    expect([q1.period, users(q1), q1.scopeNotes]).toEqual(['2024-Q1', 111, ['Period: 2024-Q1']]);
    const q2 = await call('getAreaAnalysis', { service: GP, indicator: 'Smoking', mode: 'walk', period: '2024-Q2', presentation: false });
    expect(users(q2)).toBe(222);
    const all = await call('getAreaAnalysis', { service: GP, indicator: 'Smoking', mode: 'walk', presentation: false });
    expect([all.period, users(all)]).toEqual([null, 333]);
    await expect(call('getAreaAnalysis', { service: GP, indicator: 'Smoking', mode: 'walk', period: '2024-Q3', presentation: false })).rejects.toThrow(
      'no period "2024-Q3" in the users of "GP" (known: 2024-Q1, 2024-Q2)',
    );
  });

  it('reviews two periods of the import for the dock (the rows of cgm review --compare-periods)', async () => {
    const review = await call('getPeriodReview', { service: GP, indicator: 'Smoking', scheme: OAC, periods: ['2024-Q1', '2024-Q2'], presentation: false });
    const area = review.rows.find((x) => x.kind === 'area' && x.code === STOCKEN)!;
    expect([area.users_before, area.users_after, area.users_change]).toEqual([1, 2, 1]);
    expect(review.rows.filter((x) => x.kind === 'area')).toHaveLength(111);
    // Every area doubles its users and so does the total: expected users double too, and uptake is unchanged.
    expect(area.uptake_change).toBe(0);
  });

  it('excludes an area and the communal residents as undoable moments', async () => {
    await expect(call('applyMoment', { moment: { excludedAreas: { put: [{ code: STOCKEN, reason: '  ' }] } } })).rejects.toThrow(/reason is required/);
    const { inverse } = await call('applyMoment', { moment: { excludedAreas: { put: [{ code: STOCKEN, reason: 'HMP Stocken' }] } } });
    const a = await call('getAreaAnalysis', { service: GP, indicator: 'Smoking', mode: 'walk', presentation: false });
    expect(a.rows.some((x) => x.code === STOCKEN)).toBe(false);
    expect(a.scopeNotes).toEqual([`Excluded: ${STOCKEN}, reason HMP Stocken`]);
    expect(users(a)).toBe(333 - 3);
    expect((await call('getAnalysisScope', { service: GP })).excluded).toMatchObject([{ code: STOCKEN, reason: 'HMP Stocken', name: null }]);
    await call('applyMoment', { moment: inverse });
    expect((await call('getAnalysisScope', { service: GP })).excluded).toEqual([]);

    const on = await call('applyMoment', { moment: { excludeCommunal: true } });
    const profile = await call('getProfile', { service: GP, scheme: OAC, presentation: false });
    // 35,594 usual residents − 2,269 in communal establishments (TS001 totals over the 111 OAs).
    expect(profile.total.base).toBe(33325);
    expect(profile.scopeNotes).toEqual(['Communal residents excluded from base: 2,269']);
    expect(on.inverse).toEqual({ excludeCommunal: false });
    await call('applyMoment', { moment: on.inverse });
    expect((await call('getProfile', { service: GP, scheme: OAC, presentation: false })).total.base).toBe(35594);
  });
});
