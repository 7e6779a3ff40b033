// Issue 16: the export dialog offered the gap layer and table to a project with
// no need indicator chosen (or none imported), and the services answered 422 with
// nothing downloaded. exportWaiting (renderer/src/export/export-request.ts) says
// why instead, from the readiness rule table; here it is checked against what the
// services (and the CLI) really do with the same real Rutland project, step by step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRates } from '../../electron/importers/index';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import type { ProjectReadiness } from '../../shared/contract';
import { buildExportRequest, emptyForm, exportWaiting } from '../../renderer/src/export/export-request';
import { buildRutland, OAC, text, type RutlandProject } from '../support/rutland-project';
import { cgm } from '../analysis-runs/fixture';
import { handlerCall } from '../support/handler-call';

let rutland: RutlandProject;
let session: ProjectSession;
const call = handlerCall(() => createHandlers(session));
const readiness = () => call('getProjectReadiness', {}) as Promise<ProjectReadiness>;
// Supergroup rates: the fixture assigns groups, and rates reach them down the hierarchy.
const ratesCsv = (k: number) => ['segment,rate', ...['1', '2', '3', '4', '5', '6', '7', '8'].map((s) => `${s},${(k * Number(s)) / 100}`)].join('\n') + '\n';

beforeAll(async () => {
  rutland = await buildRutland({ users: { service: 'GP', perArea: () => 1 } });
  rutland.project.close();
  session = new ProjectSession(rutland.path);
}, 120_000);
afterAll(() => {
  session?.close();
  rutland?.cleanup();
});

describe('what the export dialog offers, against what the services answer', () => {
  it('no indicator imported: the gap layers and table say to import rates, and the services refuse them', async () => {
    const r = await readiness();
    const why = 'Need and gaps is waiting for: risk rates (need indicator). Import it to see it.';
    for (const name of ['gaps', 'gaps_oa', 'gaps_lsoa']) expect(exportWaiting(name, {}, r), name).toBe(why);
    expect(exportWaiting('strata', {}, r)).toMatch(/^Strata is waiting for: risk rates/);
    await expect(call('exportLayer', { layer: 'gaps' })).rejects.toThrow(/indicator/);
    await expect(call('exportTable', { table: 'gaps' })).rejects.toThrow(/indicator/);
    // The profile table needs no indicator, as the dock's profile: offered, and made with the numbers the dock shows.
    expect(exportWaiting('profile', {}, r)).toBeNull();
    expect(buildExportRequest('table', { ...emptyForm(), table: 'profile' }, {}, r)).toMatchObject({ ok: true });
    const csv = parse(Buffer.from((await call('exportTable', { table: 'profile' })).dataBase64, 'base64').toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    // The dock asks for the profile of the scheme the map shows; the export, asked for none, takes the project's only one.
    const dock = await call('getProfile', { service: 'GP', scheme: OAC, presentation: true });
    const cell = (v: unknown) => (v === null ? '' : String(v));
    expect(csv).toEqual(
      [...dock.rows, dock.total].map((row) => ({
        segment_code: row === dock.total ? 'TOTAL' : row.segmentCode, segment_name: row.segmentName, users: cell(row.users), users_pct: cell(row.usersPct),
        base: cell(row.base), base_pct: cell(row.basePct), penetration: cell(row.penetration), index: cell(row.index),
      })),
    );
    // 111 of Rutland's 116 OAs have a population and a segment, one user each (the fixture): 111 users,
    // shared under the project's NHS rule as a multiple of 5: 110.
    expect(csv.at(-1)?.users).toBe('110');
    // `cgm export csv --table profile` writes the same file, without --indicator.
    const out = join(rutland.dir, 'profile.csv');
    const run = await cgm('export', 'csv', '--project', rutland.path, '--table', 'profile', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(parse(readFileSync(out, 'utf8'), { bom: true, columns: true })).toEqual(csv);
    // The stored layers are offered, and the services make them.
    expect(exportWaiting('area_lsoa', {}, r)).toBeNull();
    expect((await call('exportLayer', { layer: 'area_lsoa' })).filename).toMatch(/\.geojson$/);
    // The dialog's Export button asks nothing of the services and shows the reason.
    expect(buildExportRequest('layer', { ...emptyForm(), layer: 'gaps' }, {}, r)).toEqual({ ok: false, problem: why });
    expect(buildExportRequest('gpkg', { ...emptyForm(), gpkgLayers: ['area_oa', 'gaps_oa'] }, {}, r)).toEqual({ ok: false, problem: why });
    expect(buildExportRequest('layer', { ...emptyForm(), layer: 'area_lsoa' }, {}, r)).toMatchObject({ ok: true });
  });

  it('one indicator: the services take it, so nothing has to be chosen', async () => {
    await importRates({ db: session.project.db, path: rutland.path }, text('smoking.csv', ratesCsv(2)), { indicator: 'Smoking', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
    const r = await readiness();
    expect(exportWaiting('gaps', {}, r)).toBeNull();
    const fc = JSON.parse(Buffer.from((await call('exportLayer', { layer: 'gaps' })).dataBase64, 'base64').toString('utf8'));
    // The finest areas with a population and a segment: 111 of the 116 OAs (the data's README).
    expect(fc.features.length).toBe(111);
    expect(exportWaiting('profile', {}, r)).toBeNull();
    expect((await call('exportTable', { table: 'profile' })).sizeBytes).toBeGreaterThan(0);
  });

  it('two indicators and none chosen: choose one; chosen, the gap layer is made', async () => {
    await importRates({ db: session.project.db, path: rutland.path }, text('obesity.csv', ratesCsv(3)), { indicator: 'Obesity', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
    const r = await readiness();
    expect(exportWaiting('gaps_lsoa', {}, r)).toBe('Choose a need indicator in the Analysis panel to export it.');
    await expect(call('exportLayer', { layer: 'gaps_lsoa' })).rejects.toThrow(/indicator/);
    expect(exportWaiting('gaps_lsoa', { indicator: 'Obesity' }, r)).toBeNull();
    const fc = JSON.parse(Buffer.from((await call('exportLayer', { layer: 'gaps_lsoa', indicator: 'Obesity' })).dataBase64, 'base64').toString('utf8'));
    expect(fc.features.length).toBe(23);
    // Isochrones and bands need no indicator.
    expect(exportWaiting('isochrones', {}, r)).toBeNull();
  });
});
