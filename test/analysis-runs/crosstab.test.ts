// Issue 19 item 3: cross-tabulations, checked against sums taken straight from
// the real files (Leeds OAC 2011 x OAC 2021; Rutland OAC 2021 x IMD decile).
//
// The Rutland IMD deciles are HAND-WRITTEN in the File 7 layout, NOT real IMD
// figures (no IMD file is available here): the i-th LSOA in code order is given
// decile (i mod 10) + 1, so the 23 LSOAs cover every decile.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTown, cgm, parseCsv, SCHEME, SERVICE } from './fixture';
import { buildRutland, GP, OAC, oac, readRutlandCsv, rutlandFile, scenarioUsers } from '../support/rutland-project';
import { LEEDS, tempDir } from '../importers/helpers';
import { createProject } from '../../electron/store/project';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { quietContext } from '../support/handler-call';

const tmp = tempDir('cgm-crosstab-');
afterAll(() => tmp.cleanup());
const csvRows = (path: string) => {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
};

describe('Leeds: OAC 2011 x OAC 2021 (real files)', () => {
  const P = join(tmp.dir, 'leeds.gpkg');
  const usersPerOa = new Map<string, number>();
  beforeAll(async () => {
    createProject(P).close();
    const run = async (...a: string[]) => expect((await cgm(...a, '--project', P, '--quiet')).code).toBe(0);
    await run('import', 'boundaries', '--file', LEEDS + 'oa11_boundaries.geojson', '--level', 'OA', '--code-field', 'OA11CD');
    await run('import', 'assignments', '--file', LEEDS + 'oac2011_by_oa.csv', '--scheme', 'OAC 2011', '--area-field', 'oa_code', '--levels', 'supgrpcode,grpcode,subgrpcode', '--name-fields', 'supgrpname,grpname,subgrpname');
    await run('import', 'assignments', '--file', LEEDS + 'oac2021_by_oa.csv', '--scheme', 'OAC 2021', '--area-field', 'oa_code', '--levels', 'supergroup,group,subgroup');
    await run('import', 'population', '--file', LEEDS + 'population_census2021_ts001_by_oa.csv', '--area-field', 'oa_code', '--count-field', 'usual_residents', '--base', 'persons');
    await run('import', 'postcodes', '--file', LEEDS + 'postcodes_codepoint_open.csv', '--postcode-field', 'postcode', '--lat-field', 'lat', '--lon-field', 'lon', '--area-field', 'oa11cd');
    // Users (written here): postcode k of the directory carries (k mod 4) + 1 users.
    const postcodes = csvRows(LEEDS + 'postcodes_codepoint_open.csv');
    postcodes.forEach((pc, k) => usersPerOa.set(pc.oa11cd, (usersPerOa.get(pc.oa11cd) ?? 0) + (k % 4) + 1));
    const users = join(tmp.dir, 'users.csv');
    writeFileSync(users, ['postcode', ...postcodes.flatMap((pc, k) => Array(k % 4 + 1).fill(pc.postcode))].join('\n') + '\n');
    await run('import', 'users', '--file', users, '--service', 'Clinic', '--postcode-field', 'postcode');
  });

  it('crosses the supergroups with base and users summed from the files, and an uptake ratio per column', async () => {
    const r = await cgm('crosstab', '--project', P, '--service', 'Clinic', '--scheme', 'OAC 2011', '--level', 'supergroup', '--by', 'OAC 2021', '--by-level', 'supergroup', '--suppress', 'none');
    expect(r.code, r.stderr).toBe(0);
    // Residents by (2011, 2021) supergroup, by hand from the two OAC files and TS001:
    //   (2, 3) 231 + 224 + 484 + 168 + 956 + 285 + 736 = 3,084; (2, 4) E00169747 122; (3, 4) 555 + 268 = 823; (3, 3) 0.
    const rows = parseCsv(r.stdout);
    const cell = (row: string, col: string) => rows.find((x) => x.row_code === row && x.column === col)!;
    expect([cell('2', '3').base, cell('2', '4').base, cell('3', '4').base, cell('3', '3').base]).toEqual(['3084', '122', '823', '0']);
    const o11 = new Map(csvRows(LEEDS + 'oac2011_by_oa.csv').map((x) => [x.oa_code, x.supgrpcode]));
    const o21 = new Map(csvRows(LEEDS + 'oac2021_by_oa.csv').map((x) => [x.oa_code, x.supergroup]));
    const users = (a: string, b: string) => [...usersPerOa].filter(([oa]) => o11.get(oa) === a && o21.get(oa) === b).reduce((s, [, n]) => s + n, 0);
    expect(Number(cell('2', '3').users)).toBe(users('2', '3'));
    expect(Number(cell('3', '4').users)).toBe(users('3', '4'));
    // Uptake by OAC 2021 supergroup 3 at the study area's overall rate: users / (3,084 × all users / 4,029).
    const all = [...usersPerOa.values()].reduce((a, b) => a + b, 0);
    const total3 = cell('TOTAL', '3');
    expect(Number(total3.expected)).toBeCloseTo((3084 * all) / 4029, 2);
    expect(Number(total3.uptake_ratio)).toBeCloseTo(users('2', '3') / ((3084 * all) / 4029), 3);
    expect(Number(total3.ci95_lower)).toBeLessThan(Number(total3.uptake_ratio));
    expect(Number(total3.ci95_upper)).toBeGreaterThan(Number(total3.uptake_ratio));
    expect(r.stderr).toContain('note: columns are segments of OAC 2021;');
  });

  it('suppresses small user counts under the NHS rule, as the profile does', async () => {
    const r = await cgm('crosstab', '--project', P, '--service', 'Clinic', '--scheme', 'OAC 2011', '--level', 'supergroup', '--by', 'OAC 2021', '--by-level', 'supergroup', '--suppress', 'nhs');
    const rows = parseCsv(r.stdout);
    const c = rows.find((x) => x.row_code === '2' && x.column === '4')!;
    // (2011 supergroup 2, 2021 supergroup 4) is E00169747 alone, whose postcodes carry 7 users (1-7: shown "*", and so are the rates from it).
    expect(usersPerOa.get('E00169747')).toBe(7);
    expect([c.users, c.penetration, c.index]).toEqual(['*', '*', '*']);
    expect(rows.every((x) => x.users === '*' || Number(x.users) % 5 === 0)).toBe(true);
  });
});

describe('the app: the Crosstab tab asks the same runner over the contract', () => {
  const P = join(tmp.dir, 'leeds.gpkg');
  const ctx = quietContext;
  it('offers the other schemes, gives the CLI\'s rows, and exports CSV under the sharing rule', async () => {
    const session = new ProjectSession(P);
    try {
      const h = createHandlers(session);
      const context = (await dispatch(h, 'getAreaContext', {}, ctx())) as { crosstabBy: string[] };
      expect(context.crosstabBy).toEqual(['OAC 2011', 'OAC 2021']);
      const req = { service: 'Clinic', scheme: 'OAC 2011', segmentLevel: 'supergroup', by: 'OAC 2021', byLevel: 'supergroup' };
      const app = (await dispatch(h, 'getCrosstab', { ...req, presentation: false }, ctx())) as { rows: unknown[]; exactCounts: boolean };
      const cli = await cgm('crosstab', '--project', P, '--service', 'Clinic', '--scheme', 'OAC 2011', '--level', 'supergroup', '--by', 'OAC 2021', '--by-level', 'supergroup', '--suppress', 'none', '--format', 'json');
      expect(app.exactCounts).toBe(true);
      expect(app.rows).toEqual(JSON.parse(cli.stdout).rows);
      const file = (await dispatch(h, 'exportCrosstab', req, ctx())) as { filename: string; dataBase64: string };
      expect(file.filename).toBe('crosstab_OAC_2011_by_OAC_2021.csv');
      const lines = Buffer.from(file.dataBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('row_code,row_name,column,base,users,penetration,index,expected,uptake_ratio,ci95_lower,ci95_upper,significance,columns_are');
      // The project's rule is NHS Digital's: E00169747's 7 users are "*" in the file.
      expect(lines.find((l) => l.startsWith('2,') && l.split(',')[2] === '4')!.split(',')[4]).toBe('*');
    } finally {
      session.close();
    }
  });
});

describe('Rutland: OAC 2021 supergroup x IMD decile (deciles HAND-WRITTEN, not real)', () => {
  let path: string;
  const lsoaOf = new Map<string, string>();
  const decileOf = new Map<string, number>();
  let usersOf: Map<string, number>;
  beforeAll(async () => {
    const b = await buildRutland({ dir: tmp.dir, file: 'rut.gpkg', oac: { assignAt: 'supergroup', depth: 'group' }, sites: false, users: { service: GP, perArea: scenarioUsers() } });
    path = b.path;
    usersOf = b.users;
    b.project.close();
    type Fc = { features: { properties: Record<string, string> }[] };
    const oas = JSON.parse(readFileSync(rutlandFile('oa11_boundaries.geojson'), 'utf8')) as Fc;
    for (const f of oas.features) lsoaOf.set(f.properties.OA11CD, f.properties.LSOA11CD);
    const lsoas = [...new Set(lsoaOf.values())].sort();
    lsoas.forEach((l, i) => decileOf.set(l, (i % 10) + 1));
    const file7 = ['LSOA code (2011),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)', ...lsoas.map((l) => `${l},${decileOf.get(l)}`)].join('\n') + '\n';
    const f = join(tmp.dir, 'file7_handwritten.csv');
    writeFileSync(f, file7);
    expect((await cgm('import', 'indicators', '--project', path, '--file', f, '--area-field', 'LSOA code (2011)', '--level', 'LSOA', '--quiet')).code).toBe(0);
  });

  const expectedCells = () => {
    const residents = new Map(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
    const cells = new Map<string, { base: number; users: number }>();
    for (const r of oac()) {
      const k = `${r.supergroup}|${decileOf.get(lsoaOf.get(r.oa_code)!)}`;
      const c = cells.get(k) ?? { base: 0, users: 0 };
      c.base += residents.get(r.oa_code) ?? 0;
      c.users += residents.has(r.oa_code) ? (usersOf.get(r.oa_code) ?? 0) : 0;
      cells.set(k, c);
    }
    return cells;
  };

  it('gives each OA its LSOA decile: every cell equals the sum over the OAs of that supergroup and decile', async () => {
    const r = await cgm('crosstab', '--project', path, '--service', GP, '--by', 'imd_decile', '--suppress', 'none', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { columnsAre: string; rows: { row_code: string; column: string; base: number; users: number }[] };
    expect(got.columnsAre).toBe('deciles of Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs) (1 = most deprived); each OA takes the decile of its LSOA');
    const want = expectedCells();
    for (const row of got.rows.filter((x) => x.row_code !== 'TOTAL')) {
      const w = want.get(`${row.row_code}|${row.column}`) ?? { base: 0, users: 0 };
      expect({ cell: `${row.row_code}|${row.column}`, base: row.base, users: row.users }).toEqual({ cell: `${row.row_code}|${row.column}`, ...w });
    }
  });

  it('--only 1,2 prints the profile of the areas in deciles 1 and 2', async () => {
    const r = await cgm('crosstab', '--project', path, '--service', GP, '--by', 'imd_decile', '--only', '1,2', '--suppress', 'none');
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    const want = expectedCells();
    const total = rows.find((x) => x.segment_code === 'TOTAL')!;
    const sum = (f: 'base' | 'users') => [...want].filter(([k]) => /\|(1|2)$/.test(k)).reduce((s, [, v]) => s + v[f], 0);
    expect([Number(total.base), Number(total.users)]).toEqual([sum('base'), sum('users')]);
    expect(Object.keys(rows[0])).toEqual(['segment_code', 'segment_name', 'users', 'users_pct', 'base', 'base_pct', 'penetration', 'index']);
  });

  it('cgm profile --deciles 1,2 and the app\'s getProfile give the profile of the areas in deciles 1 and 2 (the crosstab\'s --only 1,2 alike)', async () => {
    const r = await cgm('profile', '--project', path, '--service', GP, '--scheme', OAC, '--deciles', '1,2', '--suppress', 'none');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('note: areas in IMD deciles 1, 2 only (Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs), 1 = most deprived; each OA takes the decile of its LSOA)');
    const rows = parseCsv(r.stdout);
    // Per supergroup: the sums over the OAs whose LSOA was given decile 1 or 2 (hand-written deciles, above).
    const want = new Map<string, { base: number; users: number }>();
    for (const [k, v] of expectedCells()) {
      const [sg, decile] = k.split('|');
      if (decile !== '1' && decile !== '2') continue;
      const w = want.get(sg) ?? { base: 0, users: 0 };
      w.base += v.base;
      w.users += v.users;
      want.set(sg, w);
    }
    const shown = [...want].filter(([, v]) => v.base > 0 || v.users > 0).sort(([a], [b]) => a.localeCompare(b));
    expect(rows.filter((x) => x.segment_code !== 'TOTAL').map((x) => [x.segment_code, Number(x.base), Number(x.users)])).toEqual(shown.map(([sg, v]) => [sg, v.base, v.users]));
    const only = await cgm('crosstab', '--project', path, '--service', GP, '--by', 'imd_decile', '--only', '1,2', '--suppress', 'none');
    expect(parseCsv(only.stdout)).toEqual(rows);
    const session = new ProjectSession(path);
    try {
      const ctx = quietContext();
      const app = (await dispatch(createHandlers(session), 'getProfile', { service: GP, scheme: OAC, deciles: [1, 2] }, ctx)) as { rows: { segmentCode: string; base: number; users: number }[]; decileFilter: string };
      expect(app.rows.map((x) => [x.segmentCode, x.base, x.users])).toEqual(shown.map(([sg, v]) => [sg, v.base, v.users]));
      expect(app.decileFilter).toMatch(/^areas in IMD deciles 1, 2 only/);
    } finally {
      session.close();
    }
    const bad = await cgm('profile', '--project', path, '--service', GP, '--scheme', OAC, '--deciles', '0,11');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--deciles: 0, 11 is not a decile (whole numbers 1 to 10, e.g. 1,2)');
  });
});

describe('the four-area town: OAC groups x a Mosaic-like scheme of counts per area (HAND-WRITTEN counts)', () => {
  // Mosaic-like households per OA × type (made up): OA1 A 3, B 1; OA2 B 2; OA3 A 1, B 1; OA4 A 4.
  // Shares: OA1 ¾ A, ¼ B; OA2 all B; OA3 ½ A, ½ B; OA4 all A. OAC rows are persons (fixture header):
  //   1a = OA1 (400) + OA4 (100): A 400 × ¾ + 100 = 400, B 400 × ¼ = 100;
  //   2a = OA3 (200): A 100, B 100;   2b = OA2 (300): B 300.
  // Users (USERS_1: OA1 20, OA2 41, OA3 5, OA4 22) share the same way: (1a, A) 20 × ¾ + 22 = 37, (1a, B) 5, (2a, A) 2.5.
  let town: Awaited<ReturnType<typeof buildTown>>;
  beforeAll(async () => {
    town = await buildTown();
    const segs = join(town.dir, 'mosaic_types.csv');
    writeFileSync(segs, 'code,name\nA,Type A\nB,Type B\n');
    const counts = join(town.dir, 'mosaic_counts_handwritten.csv');
    writeFileSync(counts, 'oa_code,type,households\nE00000001,A,3\nE00000001,B,1\nE00000002,B,2\nE00000003,A,1\nE00000003,B,1\nE00000004,A,4\n');
    expect((await cgm('import', 'segments', '--project', town.path, '--file', segs, '--scheme', 'Mosaic', '--level', 'type', '--quiet')).code).toBe(0);
    const r = await cgm('import', 'assignments', '--project', town.path, '--file', counts, '--scheme', 'Mosaic', '--area-field', 'oa_code', '--segment-field', 'type', '--count-field', 'households', '--quiet');
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => town?.cleanup());

  it('shares each area\'s base and users among the other scheme\'s segments in proportion to its counts', async () => {
    const r = await cgm('crosstab', '--project', town.path, '--service', SERVICE, '--scheme', SCHEME, '--level', 'group', '--by', 'Mosaic', '--suppress', 'none', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { row_code: string; column: string; base: number; users: number }[] }).rows;
    const cell = (row: string, col: string) => rows.find((x) => x.row_code === row && x.column === col)!;
    expect([cell('1a', 'A').base, cell('1a', 'B').base, cell('2a', 'A').base, cell('2a', 'B').base, cell('2b', 'B').base]).toEqual([400, 100, 100, 100, 300]);
    expect(cell('1a', 'A').users).toBeCloseTo(37, 9);
    expect(cell('1a', 'B').users).toBeCloseTo(5, 9);
    expect(cell('2a', 'A').users).toBeCloseTo(2.5, 9);
  });
});
