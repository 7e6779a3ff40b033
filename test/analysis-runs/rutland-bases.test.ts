// Issue 15 items 1, 2, 3 and 7 on real Rutland data: the base an analysis is
// asked for, count-based schemes (TS045 car availability in long format),
// postcode-level and users-file segments, and the same users at every level.
//
// The users file (written here, 125 rows at five real Code-Point postcodes):
//   LE15 9PA ×30, LE15 8TU ×27   OA E00069587 (LSOA E01013795; OAC supergroup 2)
//   LE15 6ED ×58                 OA E00172622 (LSOA E01013799; OAC supergroup 7)
//   LE15 0AQ ×10                 OA E00069606 (LSOA E01013799): a 2011 OA with no
//                                2021 OAC, population or TS045 row (README "Join coverage")
// Data (from the CSVs, summed by hand over the 111 OAs of the OAC file):
//   TS001 in_households by supergroup: 1 11,308; 2 16,782; 6 2,806; 7 2,429; total 33,325.
//   TS001 usual_residents by supergroup: 1 11,332; 2 17,292; 6 4,536; 7 2,434; total 35,594.
//   TS045 households: no_car 1,497; one_car 5,841; two_cars 5,439; three_plus_cars 2,104; total 14,881.
//   TS045 E00069587: 57 households = 2 / 23 / 22 / 10; E00172622: 58 = 11 / 27 / 16 / 4.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAssignments, importPopulation, importRates, importUsers } from '../../electron/importers/index';
import { cgm, parseCsv } from './fixture';
import { buildRutland, bytes, carsPostcodeLookup as postcodeLookup, carsUsersCsv as usersCsv, rutlandFile as data, ts045Long } from '../support/rutland-project';
import { tempDir } from '../importers/helpers';

const SERVICE = 'Falls clinic';
/** Rutland boundaries (LSOA and OA) and postcodes only: each test imports its own segments, base and users. */
const rutlandProject = async (dir: string, file: string) => (await buildRutland({ dir, file, oac: false, population: false, sites: false })).project;
const tmp = tempDir('cgm-bases-');
afterAll(() => tmp.cleanup());
const profile = async (path: string, ...extra: string[]) => {
  const r = await cgm('profile', '--project', path, '--service', SERVICE, '--suppress', 'none', ...extra);
  return { ...r, rows: r.code === 0 && !extra.includes('json') ? parseCsv(r.stdout) : [] };
};
const WARNING = 'warning: exact counts (--suppress none) are for the analyst only; do not share this output\n';
const LEFT_OUT = 'note: 10 users (8% of users) left out at every level: ';

describe('15.1 the base an analysis is asked for (OAC with TS001 in_households as the households base)', () => {
  let path: string;
  beforeAll(async () => {
    const p = await rutlandProject(tmp.dir, 'oac.gpkg');
    await importAssignments(p, data('oac2021_by_oa.csv'), { scheme: 'OAC', areaField: 'oa_code', segmentField: 'supergroup' });
    await importPopulation(p, data('population_census2021_ts001_by_oa.csv'), { areaField: 'oa_code', countField: 'in_households', base: 'households' });
    await importUsers(p, { name: 'users.csv', data: bytes(usersCsv(false)) }, { service: SERVICE, postcodeField: 'post_code' });
    path = p.path;
    p.close();
  });

  it('with only a households base, the profile runs on it (it showed base 0 and blanks before)', async () => {
    const r = await profile(path, '--scheme', 'OAC');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${WARNING}note: base households; users' segments from their area's segment 115\n${LEFT_OUT}their areas have no households base in scheme OAC (E00069606)\n`);
    // Users: supergroup 2 = 30 + 27 = 57, supergroup 7 = 58; total 115 (LE15 0AQ's 10 are left out: 10 / 125 = 8%).
    // 2: users % 57 / 115 = 49.565 → 49.57; base % 16,782 / 33,325 = 50.359 → 50.36;
    //    penetration 57 / 16,782 × 100 = 0.3397 → 0.34; index 49.565 / 50.359 × 100 = 98.42 → 98.
    // 7: users % 50.43; base % 2,429 / 33,325 = 7.289 → 7.29; penetration 58 / 2,429 × 100 = 2.388 → 2.39;
    //    index 50.435 / 7.289 × 100 = 691.9 → 692.
    expect(r.rows.map((x) => [x.segment_code, x.users, x.base])).toEqual([
      ['1', '0', '11308'], ['2', '57', '16782'], ['6', '0', '2806'], ['7', '58', '2429'], ['TOTAL', '115', '33325'],
    ]);
    expect(r.rows[1]).toMatchObject({ users_pct: '49.57', base_pct: '50.36', penetration: '0.34', index: '98' });
    expect(r.rows[3]).toMatchObject({ users_pct: '50.43', base_pct: '7.29', penetration: '2.39', index: '692' });
  });

  it('asking for a base the project lacks refuses, saying what to import', async () => {
    const r = await profile(path, '--scheme', 'OAC', '--base', 'persons');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the project has no persons base (it has households): import one with "cgm import population --base persons"');
    const bad = await profile(path, '--scheme', 'OAC', '--base', 'people');
    expect(bad.stderr).toContain('--base must be persons or households, not "people"');
  });

  it('with both bases, OAC defaults to persons and --base households picks the other; gaps and JSON say which', async () => {
    const p = (await import('../../electron/store/project')).openProject(path);
    await importPopulation(p, data('population_census2021_ts001_by_oa.csv'), { areaField: 'oa_code', countField: 'usual_residents', base: 'persons' });
    await importRates(p, { name: 'rates.csv', data: bytes('supergroup,rate\n1,0.1\n2,0.1\n6,0.1\n7,0.1\n') }, { indicator: 'Falls', scheme: 'OAC', segmentField: 'supergroup', rateField: 'rate' });
    p.close();
    const persons = await profile(path, '--scheme', 'OAC');
    // Supergroup 2 persons 17,292; total 35,594.
    expect(persons.rows.map((x) => x.base)).toEqual(['11332', '17292', '4536', '2434', '35594']);
    const households = await profile(path, '--scheme', 'OAC', '--base', 'households', '--format', 'json');
    const json = JSON.parse(households.stdout);
    expect(json.base).toBe('households');
    expect(json.rows.at(-1)).toMatchObject({ users: 115, base: 33325 });
    const gaps = await cgm('gaps', '--project', path, '--service', SERVICE, '--indicator', 'Falls', '--base', 'households', '--suppress', 'none', '--format', 'json');
    const g = JSON.parse(gaps.stdout);
    expect(g.base).toBe('households');
    // OA E00069587's households base is its in_households, 117.
    expect(g.rows.find((x: { area_code: string }) => x.area_code === 'E00069587')).toMatchObject({ base: 117, users: 57 });
    // Exports take --base too: the profile CSV's TOTAL row has the households base, 33,325 (a multiple of 5, so unchanged by the NHS rule).
    const out = resolve(tmp.dir, 'profile-households.csv');
    const exported = await cgm('export', 'csv', '--project', path, '--table', 'profile', '--service', SERVICE, '--indicator', 'Falls', '--base', 'households', '--out', out);
    expect(exported.code).toBe(0);
    const total = readFileSync(out, 'utf8').split('\r\n').find((line) => line.startsWith('TOTAL'))!;
    expect(total.split(',')[4]).toBe('33325');
    // A review baseline keeps its base: saved on households, compared later on households unless told otherwise,
    // so with the same users nothing changes (on persons supergroup 7's index would be (58 / 115) / (2,434 / 35,594) × 100 = 737.5 → 738, not 692).
    const review = (...extra: string[]) => cgm('review', '--project', path, '--service', SERVICE, '--indicator', 'Falls', '--scheme', 'OAC', '--suppress', 'none', ...extra);
    expect((await review('--save', 'Q1', '--base', 'households')).code).toBe(0);
    const compared = parseCsv((await review('--compare', 'Q1')).stdout).filter((x) => x.kind === 'segment');
    expect(compared.find((x) => x.code === '7')).toMatchObject({ index_before: '692', index_after: '692', index_change: '0' });
    expect((await review('--compare', 'Q1', '--base', 'persons')).stderr).toContain('baseline "Q1" was saved on the households base, not persons');
  });

  it('15.7: every level counts the same users over the same base: LSOA E01013799 counts E00172622\'s 58 users, not the 10 in E00069606 whose base is missing; the 10 are reported once', async () => {
    // The project now has persons and households, and indicator Falls at 10% everywhere (test above).
    const run = async (level: string) => {
      const r = await cgm('gaps', '--project', path, '--service', SERVICE, '--indicator', 'Falls', '--geography-level', level, '--suppress', 'none', '--format', 'json');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { rows: { area_code: string; users: number; base: number }[]; usersLeftOut: unknown };
    };
    const oa = await run('OA');
    const lsoa = await run('LSOA');
    const total = (rows: { users: number }[]) => rows.reduce((s, x) => s + x.users, 0);
    // 57 + 58 = 115 at both levels; before, the LSOA level counted 125 (E00069606's 10 lifted to LSOA E01013799).
    expect(total(oa.rows)).toBe(115);
    expect(total(lsoa.rows)).toBe(115);
    const e01013799 = lsoa.rows.find((x) => x.area_code === 'E01013799')!;
    expect(e01013799.users).toBe(58);
    expect(oa.rows.find((x) => x.area_code === 'E00069606')).toBeUndefined();
    const leftOut = { users: 10, share: 8, areas: ['E00069606'], reason: 'their areas have no persons base in scheme OAC' };
    expect(oa.usersLeftOut).toEqual(leftOut);
    expect(lsoa.usersLeftOut).toEqual(leftOut);
    const csv = await cgm('gaps', '--project', path, '--service', SERVICE, '--indicator', 'Falls', '--geography-level', 'LSOA');
    // Under the NHS rule 10 → 10 and 125 → 125, so the share is 8% still.
    expect(csv.stderr).toContain('note: 10 users (8% of users) left out at every level: their areas have no persons base in scheme OAC (E00069606)\n');
    const byLsoa = await profile(path, '--scheme', 'OAC', '--geography-level', 'LSOA');
    expect(byLsoa.rows.find((x) => x.segment_code === 'E01013799')!.users).toBe('58');
    expect(byLsoa.rows.at(-1)!.users).toBe('115');
  });
});

describe('15.2 count-based scheme: TS045 car availability in long format', () => {
  it('users are shared among their area\'s segments in proportion to its household counts, and the note says so', async () => {
    const p = await rutlandProject(tmp.dir, 'cars.gpkg');
    const s = await importAssignments(p, { name: 'ts045-long.csv', data: bytes(ts045Long()) }, { scheme: 'Cars', areaField: 'oa_code', segmentField: 'cars', countField: 'households' });
    expect(s.warnings).toContain('the counts were taken as households (give --base persons if they count persons)');
    await importUsers(p, { name: 'users.csv', data: bytes(usersCsv(false)) }, { service: SERVICE, postcodeField: 'post_code' });
    p.close();
    const r = await profile(p.path, '--scheme', 'Cars');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${WARNING}note: base households; users' segments from their area's counts, in proportion (fractional users) 115\n${LEFT_OUT}their areas have no households base in scheme Cars (E00069606)\n`);
    // E00069587's 57 users are its 57 households' shares: 2 / 23 / 22 / 10; E00172622's 58: 11 / 27 / 16 / 4.
    // no_car 13, one_car 50, three_plus_cars 14, two_cars 38; total 115 over 14,881 households.
    // one_car: penetration 50 / 5,841 × 100 = 0.856 → 0.86; index (50 / 115) / (5,841 / 14,881) × 100 = 110.77 → 111.
    expect(r.rows.map((x) => [x.segment_code, x.users, x.base])).toEqual([
      ['no_car', '13', '1497'], ['one_car', '50', '5841'], ['three_plus_cars', '14', '2104'], ['two_cars', '38', '5439'], ['TOTAL', '115', '14881'],
    ]);
    expect(r.rows[1]).toMatchObject({ penetration: '0.86', index: '111' });
    // A persons base cannot be read off household counts.
    const persons = await profile(p.path, '--scheme', 'Cars', '--base', 'persons');
    expect(persons.stderr).toContain('scheme Cars counts households, so it has no persons base');
  });
});

describe('15.3 postcode-level segments: users file > postcode lookup > area', () => {
  it('each user takes the most specific segment known, and the profile says which source gave how many', async () => {
    const p = await rutlandProject(tmp.dir, 'lookup.gpkg');
    await importAssignments(p, { name: 'ts045-long.csv', data: bytes(ts045Long()) }, { scheme: 'Cars', areaField: 'oa_code', segmentField: 'cars', countField: 'households', base: 'households' });
    const lookup = await importAssignments(p, { name: 'lookup.csv', data: bytes(postcodeLookup()) }, { scheme: 'Cars', postcodeField: 'pcd', segmentField: 'cars_type' });
    // 1,207 postcodes less E00172622's 2.
    expect(lookup).toMatchObject({ imported: 1205, details: { mode: 'postcode lookup' } });
    const users = await importUsers(p, { name: 'users.csv', data: bytes(usersCsv(true)) }, { service: SERVICE, postcodeField: 'post_code', segmentField: 'cars_segment', segmentScheme: 'Cars' });
    // At import: 5 from the users file, 30 + 22 + 10 from the lookup, 58 from the area.
    expect(users.details?.segmentSources).toEqual({ Cars: { 'users-file': 5, postcode: 62, area: 58 } });
    // Aggregated early: no postcode or name reaches the project, only counts by area × segment × period × source.
    expect(p.db.prepare("SELECT area_code, segment_code, segment_source, count FROM cgm_user_counts WHERE service = ? ORDER BY area_code, segment_code").all(SERVICE)).toEqual([
      { area_code: 'E00069587', segment_code: 'one_car', segment_source: 'postcode', count: 30 },
      { area_code: 'E00069587', segment_code: 'three_plus_cars', segment_source: 'users-file', count: 5 },
      { area_code: 'E00069587', segment_code: 'two_cars', segment_source: 'postcode', count: 22 },
      { area_code: 'E00069606', segment_code: 'two_cars', segment_source: 'postcode', count: 10 },
      { area_code: 'E00172622', segment_code: '', segment_source: 'area', count: 58 },
    ]);
    p.close();
    const r = await profile(p.path, '--scheme', 'Cars', '--format', 'json');
    const json = JSON.parse(r.stdout);
    // Counted: users file 5, lookup 52 (LE15 0AQ's 10 are left out: E00069606 has no base), area proportion 58.
    expect(json.segmentSources).toEqual({ 'users-file': 5, postcode: 52, area: 0, 'area-proportion': 58 });
    expect(json.segmentSource).toBe("users' segments from the users file's segment column 5; the postcode lookup 52; their area's counts, in proportion (fractional users) 58");
    // no_car 11 (E00172622's share); one_car 30 + 27 = 57; three_plus_cars 5 + 4 = 9; two_cars 22 + 16 = 38; total 115.
    expect(json.rows.map((x: { segment_code: string; users: number }) => [x.segment_code, x.users])).toEqual([
      ['no_car', 11], ['one_car', 57], ['three_plus_cars', 9], ['two_cars', 38], ['TOTAL', 115],
    ]);
  });

  it('a users-file segment the scheme does not define is rejected by row, not counted', async () => {
    const { openProject } = await import('../../electron/store/project');
    const p = openProject(resolve(tmp.dir, 'lookup.gpkg'));
    const s = await importUsers(p, { name: 'bad.csv', data: bytes('post_code,cars_segment\nLE15 9PA,four_cars\nLE15 9PA,no_car\n') }, {
      service: 'Other', postcodeField: 'post_code', segmentField: 'cars_segment', segmentScheme: 'Cars',
    });
    p.close();
    expect(s).toMatchObject({ imported: 1, rejected: { 'segment not in scheme': 1 } });
  });
});
