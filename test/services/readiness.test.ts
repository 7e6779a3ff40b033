// The getting-started checklist over the contract (issue 16.1): a project
// built from real Rutland files one import at a time, asked after each what
// is loaded and what each analysis still waits for. The counts are the
// README's (shared/data/uk/rutland): 116 OAs, 23 LSOAs, 111 OAs in the OAC
// 2021 lookup and in TS001, 1,207 postcodes, 4 active GP practices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { projectReadiness, type ProjectHoldings } from '../../shared/analysis/readiness';
import { importAssignments, importBoundaries, importPopulation, importPostcodes, importRates, importSites, importUsers } from '../../electron/importers/index';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { readRutlandCsv, rutlandFile, text } from '../support/rutland-project';
import { quietContext } from '../support/handler-call';

const ctx = quietContext();
let dir: string;
let session: ProjectSession;
const readiness = () => dispatch(createHandlers(session), 'getProjectReadiness', {}, ctx) as Promise<MethodOutput<'getProjectReadiness'>>;
const step = (r: MethodOutput<'getProjectReadiness'>, name: string) => r.steps.find((s) => s.step === name)!;
const analysis = (r: MethodOutput<'getProjectReadiness'>, name: string) => r.analyses.find((a) => a.analysis === name)!;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgm-readiness-'));
  createProject(join(dir, 'p.gpkg')).close();
  session = new ProjectSession(join(dir, 'p.gpkg'));
});
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('getProjectReadiness on a project built one import at a time', () => {
  it('an empty project: every step missing, in checklist order, and every analysis waiting for boundaries first', async () => {
    const r = await readiness();
    expect(r.steps.map((s) => s.step)).toEqual(['boundaries', 'segments', 'population', 'postcodes', 'users', 'rates', 'sites', 'roads']);
    expect(r.steps.every((s) => !s.loaded && s.count === 0)).toBe(true);
    expect(step(r, 'boundaries').detail).toMatch(/^Not loaded: import small-area boundaries/);
    expect(analysis(r, 'profile')).toMatchObject({ ready: false, waitingFor: ['boundaries', 'segments', 'population', 'postcodes', 'users'] });
    expect(analysis(r, 'isochrones').waitingFor).toEqual(['sites', 'roads']);
    expect(analysis(r, 'gaps').message).toBe('Need and gaps is waiting for: area boundaries, geodemographic segments, population, postcode directory, service users and risk rates (need indicator). Import them to see it.');
  });

  it('counts each import as it lands; the profile is ready once users are in, gaps once rates are', async () => {
    const p = session.project;
    await importBoundaries(p, rutlandFile('lsoa11_boundaries.geojson'), { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
    await importBoundaries(p, rutlandFile('oa11_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
    let r = await readiness();
    expect(step(r, 'boundaries')).toMatchObject({ loaded: true, count: 116 + 23 });
    expect(step(r, 'boundaries').detail).toContain('116 OA areas');
    expect(step(r, 'boundaries').detail).toContain('23 LSOA areas');
    expect(analysis(r, 'profile').waitingFor).toEqual(['segments', 'population', 'postcodes', 'users']);

    await importAssignments(p, rutlandFile('oac2021_by_oa.csv'), { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
    await importPopulation(p, rutlandFile('population_census2021_ts001_by_oa.csv'), { areaField: 'oa_code', countField: 'usual_residents' });
    await importPostcodes(p, rutlandFile('postcodes_codepoint_open.csv'), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
    r = await readiness();
    expect(step(r, 'segments')).toMatchObject({ loaded: true, count: 111, detail: 'OAC 2021: 111 areas assigned' });
    expect(step(r, 'population')).toMatchObject({ loaded: true, count: 111 });
    expect(step(r, 'postcodes')).toMatchObject({ loaded: true, count: 1207, detail: '1,207 postcodes' });
    expect(analysis(r, 'profile').waitingFor).toEqual(['users']);

    // One user at the first postcode of each of the 111 OAs with population, dated in two quarters: 2 × 111.
    const first = new Map<string, string>();
    for (const row of readRutlandCsv('postcodes_codepoint_open.csv')) if (!first.has(row.oa11cd)) first.set(row.oa11cd, row.postcode);
    const lines = ['postcode,date'];
    for (const row of readRutlandCsv('population_census2021_ts001_by_oa.csv')) lines.push(`${first.get(row.oa_code)},2024-02-01`, `${first.get(row.oa_code)},2024-05-01`);
    await importUsers(p, text('users.csv', lines.join('\n') + '\n'), { service: 'GP', postcodeField: 'postcode', dateField: 'date', period: 'quarter' });
    r = await readiness();
    expect(step(r, 'users')).toMatchObject({ loaded: true, count: 222, detail: 'GP: 222 users' });
    expect(analysis(r, 'profile')).toMatchObject({ ready: true, waitingFor: [], message: null });
    expect(analysis(r, 'gaps').waitingFor).toEqual(['rates']);

    await importRates(p, text('rates.csv', 'segment,rate\n1,0.1\n2,0.2\n6,0.3\n7,0.4\n'), { indicator: 'Smoking', scheme: 'OAC 2021', segmentField: 'segment', rateField: 'rate' });
    await importSites(p, rutlandFile('nhs_ods_epraccur_in_area.csv'), { service: 'GP', where: 'status_code=A,prescribing_setting=4', latField: 'lat', lonField: 'lon' });
    r = await readiness();
    expect(step(r, 'rates')).toMatchObject({ loaded: true, count: 1, detail: 'Smoking (4 segments)' });
    expect(step(r, 'sites')).toMatchObject({ loaded: true, count: 4, detail: 'GP: 4 sites' });
    expect(['gaps', 'strata', 'review'].map((a) => analysis(r, a).ready)).toEqual([true, true, true]);
    // Without roads nothing about travel can be computed.
    expect(analysis(r, 'bands')).toMatchObject({ ready: false, waitingFor: ['roads'] });
    expect(analysis(r, 'suggest').waitingFor).toEqual(['roads']);
    expect(step(r, 'roads')).toMatchObject({ loaded: false, count: 0 });
  }, 60_000);

  it('a request with no service chosen is the analyst\'s error (422), naming the services to choose from', async () => {
    const call = (input: unknown) => dispatch(createHandlers(session), 'getProfile', input, ctx);
    await expect(call({ service: '', scheme: 'OAC 2021' })).rejects.toMatchObject({ status: 422, message: 'no service chosen: choose one of GP' });
    await expect(call({ service: 'Dentists', scheme: 'OAC 2021' })).rejects.toMatchObject({ status: 422, message: 'no service "Dentists" in the project (known: GP)' });
  });
});

describe('projectReadiness rules', () => {
  const none: ProjectHoldings = { levels: [], schemes: [], populationAreas: 0, postcodes: 0, users: [], indicators: [], sites: [], roads: 0 };

  it('review needs users dated in two periods, and says so with users as the step to import', () => {
    const h: ProjectHoldings = {
      ...none, levels: [{ level: 'OA', areas: 3 }], schemes: [{ name: 'S', areas: 3 }], populationAreas: 3, postcodes: 5,
      users: [{ service: 'GP', users: 9, periods: 1 }], indicators: [{ name: 'I', segments: 2 }],
    };
    const review = projectReadiness(h).analyses.find((a) => a.analysis === 'review')!;
    expect(review).toMatchObject({ ready: false, waitingFor: ['users'] });
    expect(review.message).toMatch(/two or more periods/);
    const dated = projectReadiness({ ...h, users: [{ service: 'GP', users: 9, periods: 2 }] }).analyses.find((a) => a.analysis === 'review')!;
    expect(dated).toMatchObject({ ready: true, message: null });
  });

  it('a scheme with no areas assigned does not count as segments loaded', () => {
    const r = projectReadiness({ ...none, schemes: [{ name: 'OAC', areas: 0 }] });
    expect(r.steps.find((s) => s.step === 'segments')!.loaded).toBe(false);
  });
});
