// Issue 15.11: areas that should not count. On real Rutland the OA with the
// most residents in communal establishments (TS001) is E00172628, which holds
// HMP Stocken: 1,150 usual residents, 142 in households, 1,008 communal. It is
// OAC 2021 group 6c (supergroup 6, rate 0.30 below), so its need is
//   1,150 × 0.30 = 345 with everyone counted, 142 × 0.30 = 42.6 without communal residents.
// The users file is written here: 10 users in each OA's first postcode, 2 in Stocken's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaAnalysis } from '../../electron/analysis/area-analysis';
import { buildExportTable } from '../../electron/exports/export-tables';
import { exportLayerGeoJson } from '../../electron/exports/export-service';
import { resolveExportParams } from '../../electron/exports/params';
import { importRates, importUsers } from '../../electron/importers/index';
import { applyMoment } from '../../electron/services/moments';
import { openProject } from '../../electron/store/project';
import { cgm, parseCsv } from './fixture';
import { buildRutland, GP, OAC, readRutlandCsv, text, type RutlandProject } from '../support/rutland-project';

const RATE: Record<string, number> = { 1: 0.1, 2: 0.2, 6: 0.3, 7: 0.4 };
const pop = readRutlandCsv('population_census2021_ts001_by_oa.csv');
const oac = new Map(readRutlandCsv('oac2021_by_oa.csv').map((o) => [o.oa_code, o]));
// Found from the data, not named: the largest in_communal_establishments.
const stocken = [...pop].sort((a, b) => Number(b.in_communal_establishments) - Number(a.in_communal_establishments))[0];
const STOCKEN = stocken.oa_code;
const firstPostcode = new Map<string, string>();
for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) if (!firstPostcode.has(p.oa11cd)) firstPostcode.set(p.oa11cd, p.postcode);
const lsoaOf = new Map(readRutlandCsv('postcodes_codepoint_open.csv').map((p) => [p.oa11cd, p.lsoa11cd]));

function usersCsv(): string {
  const lines = ['nhs_no,postcode'];
  let n = 0;
  for (const p of pop) for (let i = 0; i < (p.oa_code === STOCKEN ? 2 : 10); i++) lines.push(`${++n},${firstPostcode.get(p.oa_code)}`);
  return lines.join('\n') + '\n';
}

let r: RutlandProject;
beforeAll(async () => {
  r = await buildRutland({ population: { communal: true } });
  await importRates(r.project, text('sg.csv', 'segment,rate\n1,0.10\n2,0.20\n6,0.30\n7,0.40\n'), { indicator: 'Smoking', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
  const u = await importUsers(r.project, text('users.csv', usersCsv()), { service: GP, postcodeField: 'postcode' });
  expect(u.imported).toBe(110 * 10 + 2);
  r.project.close();
}, 60_000);
afterAll(() => r?.cleanup());

const gaps = async (...extra: string[]) => {
  const out = await cgm('gaps', '--project', r.path, '--service', GP, '--indicator', 'Smoking', '--suppress', 'none', '--format', 'json', ...extra);
  expect(out.stderr).not.toMatch(/^cgm gaps:/);
  return { ...JSON.parse(out.stdout), stderr: out.stderr } as { rows: Record<string, number | string | null>[]; scopeNotes: string[]; stderr: string };
};
const row = (rows: Record<string, unknown>[], code: string) => rows.find((x) => x.area_code === code);

describe('areas that should not count (real Rutland, HMP Stocken)', () => {
  it('the prison OA is the one with most communal residents, and tops the unmet-need ranking', async () => {
    expect(stocken).toMatchObject({ usual_residents: '1150', in_households: '142', in_communal_establishments: '1008' });
    expect(oac.get(STOCKEN)!.supergroup).toBe('6');
    const g = await gaps();
    const s = row(g.rows, STOCKEN)!;
    expect(s.base).toBe(1150);
    expect(s.need).toBeCloseTo(345, 6);
    expect(s.unmet_rank).toBe(1);
  });

  it('communal residents can be left out of the base: a project setting, overridable per analysis', async () => {
    const set = await cgm('settings', '--project', r.path, '--exclude-communal', 'on');
    expect(JSON.parse(set.stdout)).toMatchObject({ excludeCommunal: true, communalImported: true });
    const g = await gaps();
    const s = row(g.rows, STOCKEN)!;
    expect(s.base).toBe(142);
    expect(s.need).toBeCloseTo(42.6, 6);
    expect(s.unmet_rank).not.toBe(1);
    // Σ in_communal_establishments over the 111 OAs = 2,269 (35,594 residents, 33,325 in households).
    const communal = pop.reduce((t, p) => t + Number(p.in_communal_establishments), 0);
    expect(communal).toBe(2269);
    expect(g.scopeNotes).toEqual(['Communal residents excluded from base: 2,269']);
    expect(g.stderr).not.toContain('Communal'); // in JSON the notes are in the document, not on stderr
    const csv = await cgm('gaps', '--project', r.path, '--service', GP, '--indicator', 'Smoking', '--suppress', 'none');
    expect(csv.stderr).toContain('note: Communal residents excluded from base: 2,269\n');
    expect(parseCsv(csv.stdout).reduce((t, x) => t + Number(x.base), 0)).toBe(35594 - 2269);
    // --exclude-communal off counts everyone for this analysis only.
    expect(row((await gaps('--exclude-communal', 'off')).rows, STOCKEN)!.base).toBe(1150);
    expect(row((await gaps()).rows, STOCKEN)!.base).toBe(142);
  });

  it('an excluded area drops out of need, base, users and rankings at every level', async () => {
    const before = await gaps();
    const ex = await cgm('exclude', '--project', r.path, '--area', STOCKEN, '--reason', 'HMP Stocken (prison)');
    expect(ex.code).toBe(0);
    expect(JSON.parse(ex.stdout).excluded).toMatchObject([{ code: STOCKEN, reason: 'HMP Stocken (prison)', name: null }]);
    const after = await gaps();
    expect(row(after.rows, STOCKEN)).toBeUndefined();
    expect(after.rows).toHaveLength(110);
    // Users: 1,102 − Stocken's 2 = 1,100; the base loses its 142 household residents (communal ones were already out).
    const total = (rows: Record<string, unknown>[], k: string) => rows.reduce((t, x) => t + Number(x[k]), 0);
    expect(total(before.rows, 'users')).toBe(1102);
    expect(total(after.rows, 'users')).toBe(1100);
    expect(total(after.rows, 'base')).toBe(35594 - 2269 - 142);
    expect(after.rows.map((x) => x.unmet_rank).filter((k) => k !== null).sort((a, b) => Number(a) - Number(b))[0]).toBe(1);
    expect(after.scopeNotes).toEqual([`Excluded: ${STOCKEN}, reason HMP Stocken (prison)`, 'Communal residents excluded from base: 1,261']);
    // 2,269 − Stocken's 1,008 = 1,261 communal residents left out in the areas that still count.
    // LSOA level: Stocken's LSOA keeps its other OAs only (household residents, from the raw files).
    const lsoa = lsoaOf.get(STOCKEN)!;
    const expected = pop.filter((p) => lsoaOf.get(p.oa_code) === lsoa && p.oa_code !== STOCKEN).reduce((t, p) => t + Number(p.in_households), 0);
    const byLsoa = await gaps('--geography-level', 'LSOA');
    expect(row(byLsoa.rows, lsoa)!.base).toBe(expected);
    // The profile agrees: its total base and users are the same as the gap table's.
    const profile = await cgm('profile', '--project', r.path, '--service', GP, '--scheme', OAC, '--suppress', 'none');
    const totalRow = parseCsv(profile.stdout).find((x) => x.segment_code === 'TOTAL')!;
    expect([Number(totalRow.base), Number(totalRow.users)]).toEqual([35594 - 2269 - 142, 1100]);
    expect(profile.stderr).toContain(`note: Excluded: ${STOCKEN}, reason HMP Stocken (prison)\n`);
  });

  it('the exclusions show in the report tables and export notes', () => {
    const project = openProject(r.path);
    try {
      const params = resolveExportParams(project.db);
      const table = buildExportTable(project, 'gaps', params, { kind: 'nhs' });
      expect(table.notes).toContain(`Excluded: ${STOCKEN}, reason HMP Stocken (prison)`);
      expect(table.notes).toContain('Communal residents excluded from base: 1,261');
      expect(buildExportTable(project, 'profile', params, { kind: 'nhs' }).notes).toContain(`Excluded: ${STOCKEN}, reason HMP Stocken (prison)`);
      const geojson = JSON.parse(exportLayerGeoJson(project, 'gaps').bytes.toString('utf8'));
      expect(geojson.exclusions).toBe(`Excluded: ${STOCKEN}, reason HMP Stocken (prison); Communal residents excluded from base: 1,261`);
    } finally {
      project.close();
    }
  });

  it('exclusions are listed, removed and undone through moments', async () => {
    const project = openProject(r.path);
    try {
      const inverse = applyMoment(project, { excludedAreas: { put: [], delete: [STOCKEN] } });
      expect(runAreaAnalysis(project.db, { service: GP, indicator: 'Smoking', mode: 'walk' }).rows).toHaveLength(111);
      applyMoment(project, inverse);
      expect(runAreaAnalysis(project.db, { service: GP, indicator: 'Smoking', mode: 'walk' }).rows).toHaveLength(110);
      expect(() => applyMoment(project, { excludedAreas: { put: [{ code: 'E99999999', reason: 'x' }], delete: [] } })).toThrow('no area "E99999999"');
    } finally {
      project.close();
    }
    expect(await cgm('exclude', '--project', r.path, '--area', STOCKEN)).toMatchObject({ code: 1, stderr: 'cgm exclude: --area needs --reason (why the area should not count)\n' });
    const removed = await cgm('exclude', '--project', r.path, '--remove', STOCKEN);
    expect(JSON.parse(removed.stdout)).toEqual({ excluded: [] });
    expect(row((await gaps()).rows, STOCKEN)!.base).toBe(142);
  });

  it('a review baseline saved without communal residents is compared without them, whatever the project setting', async () => {
    expect((await cgm('settings', '--project', r.path, '--exclude-communal', 'off')).code).toBe(0);
    const save = await cgm('baseline', 'save', '--project', r.path, '--name', 'No prison', '--service', GP, '--indicator', 'Smoking', '--scheme', OAC, '--exclude-communal', 'on');
    expect(save.code, save.stderr).toBe(0);
    // Nothing changed since: every uptake is as it was. Compared with communal residents back in,
    // Stocken's need would be 345 instead of 42.6 and its uptake would fall by about eight times.
    const same = parseCsv((await cgm('review', '--project', r.path, '--baseline', 'No prison', '--suppress', 'none')).stdout);
    expect(same.find((x) => x.code === STOCKEN)).toMatchObject({ users_change: '0', uptake_change: '0' });
    expect(same.every((x) => x.uptake_change === '0' || x.uptake_change === '')).toBe(true);
    const asked = parseCsv((await cgm('review', '--project', r.path, '--baseline', 'No prison', '--suppress', 'none', '--exclude-communal', 'off')).stdout);
    expect(Number(asked.find((x) => x.code === STOCKEN)!.uptake_change)).toBeLessThan(0);
  });
});
