// Every level of a scheme in one file, through the real CLI: Rutland's OAC 2021
// (codes only, so the published names come in) and Leeds's OAC 2011 (with its
// own names), and both OACs side by side in one Leeds project, each profile
// checked against counts taken straight from the files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { createProject, openProject } from '../../electron/store/project';
import { oacName } from '../../shared/segments/oac-names';
import { LEEDS, RUTLAND, tempDir } from './helpers';

async function cgm(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err, json: code === 0 && out.trim().startsWith('{') ? JSON.parse(out) : null };
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const tally = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
const segmentsOf = (path: string, scheme: string) => {
  const p = openProject(path);
  try {
    return p.db.prepare('SELECT code, name, parent_code AS parent, level FROM cgm_segments WHERE scheme = ? ORDER BY code').all(scheme) as { code: string; name: string; parent: string | null; level: string }[];
  } finally {
    p.close();
  }
};

describe('cgm import assignments --levels', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('imports Rutland OAC 2021 supergroup, group and subgroup in one go, named as published', async () => {
    const P = join(tmp.dir, 'rutland.gpkg');
    createProject(P).close();
    await cgm('import', 'boundaries', '--project', P, '--file', RUTLAND + 'oa11_boundaries.geojson', '--level', 'OA', '--code-field', 'OA11CD', '--quiet');
    const r = await cgm('import', 'assignments', '--project', P, '--file', RUTLAND + 'oac2021_by_oa.csv', '--scheme', 'OAC 2021', '--area-field', 'oa_code', '--levels', 'supergroup,group,subgroup', '--quiet');
    expect(r.err).toBe('');
    expect(r.json).toMatchObject({ kind: 'assignments', rowsRead: 111, imported: 111 });

    // The independent count: distinct codes per column of the file itself.
    const rows = readCsv(RUTLAND + 'oac2021_by_oa.csv');
    const expected = { supergroup: tally(rows.map((x) => x.supergroup)).size, group: tally(rows.map((x) => x.group)).size, subgroup: tally(rows.map((x) => x.subgroup)).size };
    expect(r.json.details.segmentsPerLevel).toEqual(expected);
    const segs = segmentsOf(P, 'OAC 2021');
    expect(segs.length).toBe(expected.supergroup + expected.group + expected.subgroup);
    // Parents come from the row: each subgroup's group and each group's supergroup, as the file pairs them.
    const byCode = new Map(segs.map((s) => [s.code, s]));
    for (const x of rows) {
      expect(byCode.get(x.subgroup)).toMatchObject({ parent: x.group, level: 'subgroup' });
      expect(byCode.get(x.group)).toMatchObject({ parent: x.supergroup, level: 'group' });
      expect(byCode.get(x.supergroup)).toMatchObject({ parent: null, level: 'supergroup' });
    }
    expect(byCode.get('1')!.name).toBe('Retired Professionals');
    expect(byCode.get('2')!.name).toBe('Suburbanites and Peri-Urbanites');
    for (const s of segs) expect(s.name).toBe(oacName('OAC 2021', s.code));

    // Assignments at the finest level; rolled up to supergroups they are the data README's 37, 54, 11, 9.
    const p = openProject(P);
    const perSupergroup = p.db.prepare(
      `SELECT g.parent_code AS sg, COUNT(*) AS n FROM cgm_assignments a
         JOIN cgm_segments s ON s.scheme = a.scheme AND s.code = a.segment_code
         JOIN cgm_segments g ON g.scheme = a.scheme AND g.code = s.parent_code
        WHERE a.scheme = 'OAC 2021' GROUP BY sg ORDER BY sg`,
    ).all();
    p.close();
    expect(perSupergroup).toEqual([{ sg: '1', n: 37 }, { sg: '2', n: 54 }, { sg: '6', n: 11 }, { sg: '7', n: 9 }]);
  });

  it('takes Leeds OAC 2011 names from the file, and the built-in ones agree when the file gives codes only', async () => {
    const P = join(tmp.dir, 'leeds-names.gpkg');
    createProject(P).close();
    await cgm('import', 'boundaries', '--project', P, '--file', LEEDS + 'oa11_boundaries.geojson', '--level', 'OA', '--code-field', 'OA11CD', '--quiet');
    const named = await cgm('import', 'assignments', '--project', P, '--file', LEEDS + 'oac2011_by_oa.csv', '--scheme', 'Leeds 2011 pack', '--area-field', 'oa_code',
      '--levels', 'supgrpcode,grpcode,subgrpcode', '--name-fields', 'supgrpname,grpname,subgrpname', '--quiet');
    expect(named.json).toMatchObject({ imported: 10, warnings: [] });
    const codesOnly = await cgm('import', 'assignments', '--project', P, '--file', LEEDS + 'oac2011_by_oa.csv', '--scheme', 'OAC 2011', '--area-field', 'oa_code',
      '--levels', 'supgrpcode,grpcode,subgrpcode', '--quiet');
    expect(codesOnly.json).toMatchObject({ imported: 10, warnings: [] });
    const fromFile = segmentsOf(P, 'Leeds 2011 pack');
    // Not an OAC-declared scheme name: the levels are named by their columns.
    expect(new Set(fromFile.map((s) => s.level))).toEqual(new Set(['supgrpcode', 'grpcode', 'subgrpcode']));
    // Importing again keeps what the analyst added to a code that stays (here a colour).
    const q = openProject(P);
    q.db.prepare("UPDATE cgm_segments SET colour = '#117733' WHERE scheme = 'OAC 2011' AND code = '2'").run();
    q.close();
    await cgm('import', 'assignments', '--project', P, '--file', LEEDS + 'oac2011_by_oa.csv', '--scheme', 'OAC 2011', '--area-field', 'oa_code', '--levels', 'supgrpcode,grpcode,subgrpcode', '--quiet');
    const r = openProject(P);
    expect(r.db.prepare("SELECT colour FROM cgm_segments WHERE scheme = 'OAC 2011' AND code = '2'").pluck().get()).toBe('#117733');
    r.close();
    const builtIn = segmentsOf(P, 'OAC 2011');
    expect(builtIn.map(({ code, name, parent }) => ({ code, name, parent }))).toEqual(fromFile.map(({ code, name, parent }) => ({ code, name, parent })));
    expect(new Set(builtIn.map((s) => s.level))).toEqual(new Set(['supergroup', 'group', 'subgroup']));
  });

  it('refuses a code that sits under two parents, naming the file, row and field', async () => {
    const P = join(tmp.dir, 'bad.gpkg');
    createProject(P).close();
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'oa,sg,g\nA1,1,1a\nA2,2,1a\n');
    const r = await cgm('import', 'assignments', '--project', P, '--file', bad, '--scheme', 'Custom', '--area-field', 'oa', '--levels', 'sg,g', '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toBe('cgm import assignments: bad.csv row 3, field "g": g "1a" is under "2" here but under "1" on row 2\n');
    const none = await cgm('import', 'assignments', '--project', P, '--file', bad, '--scheme', 'Custom', '--area-field', 'oa', '--quiet');
    expect(none.err).toMatch(/--segment-field is required \(or --levels/);
  });

  it('keeps OAC 2011 and OAC 2021 side by side in one project, each profile right for its own scheme', async () => {
    const P = join(tmp.dir, 'leeds-both.gpkg');
    createProject(P).close();
    await cgm('import', 'boundaries', '--project', P, '--file', LEEDS + 'oa11_boundaries.geojson', '--level', 'OA', '--code-field', 'OA11CD', '--quiet');
    await cgm('import', 'assignments', '--project', P, '--file', LEEDS + 'oac2011_by_oa.csv', '--scheme', 'OAC 2011', '--area-field', 'oa_code', '--levels', 'supgrpcode,grpcode,subgrpcode', '--name-fields', 'supgrpname,grpname,subgrpname', '--quiet');
    await cgm('import', 'assignments', '--project', P, '--file', LEEDS + 'oac2021_by_oa.csv', '--scheme', 'OAC 2021', '--area-field', 'oa_code', '--levels', 'supergroup,group,subgroup', '--quiet');
    await cgm('import', 'population', '--project', P, '--file', LEEDS + 'population_census2021_ts001_by_oa.csv', '--area-field', 'oa_code', '--count-field', 'usual_residents', '--base', 'persons', '--quiet');
    await cgm('import', 'postcodes', '--project', P, '--file', LEEDS + 'postcodes_codepoint_open.csv', '--postcode-field', 'postcode', '--lat-field', 'lat', '--lon-field', 'lon', '--area-field', 'oa11cd', '--quiet');
    // Users: postcode k of the directory carries (k mod 4) + 1 users, so every OA has some.
    const postcodes = readCsv(LEEDS + 'postcodes_codepoint_open.csv');
    const users = join(tmp.dir, 'users.csv');
    writeFileSync(users, ['postcode', ...postcodes.flatMap((pc, k) => Array(k % 4 + 1).fill(pc.postcode))].join('\n') + '\n');
    const u = await cgm('import', 'users', '--project', P, '--file', users, '--service', 'Clinic', '--postcode-field', 'postcode', '--quiet');
    expect(u.code).toBe(0);

    const usersPerOa = new Map<string, number>();
    postcodes.forEach((pc, k) => usersPerOa.set(pc.oa11cd, (usersPerOa.get(pc.oa11cd) ?? 0) + (k % 4) + 1));
    const residents = new Map(readCsv(LEEDS + 'population_census2021_ts001_by_oa.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
    const expectedProfile = (file: string, column: string) => {
      const out = new Map<string, { users: number; base: number }>();
      for (const r of readCsv(LEEDS + file)) {
        const e = out.get(r[column]) ?? { users: 0, base: 0 };
        out.set(r[column], { users: e.users + (usersPerOa.get(r.oa_code) ?? 0), base: e.base + residents.get(r.oa_code)! });
      }
      return out;
    };
    const tables: string[] = [];
    for (const [scheme, level, file, column] of [['OAC 2011', 'supergroup', 'oac2011_by_oa.csv', 'supgrpcode'], ['OAC 2021', 'supergroup', 'oac2021_by_oa.csv', 'supergroup'], ['OAC 2021', 'subgroup', 'oac2021_by_oa.csv', 'subgroup']] as const) {
      const r = await cgm('profile', '--project', P, '--service', 'Clinic', '--scheme', scheme, '--level', level, '--suppress', 'none', '--format', 'json');
      expect(r.code, r.err).toBe(0);
      const got = JSON.parse(r.out);
      const rows = got.rows as { segment_code: string; users: number; base: number }[];
      const total = rows.find((x) => x.segment_code === 'TOTAL')!;
      expect(total).toMatchObject({ users: postcodes.reduce((n, _, k) => n + (k % 4) + 1, 0), base: 4029 });
      const segments = rows.filter((x) => x !== total && (x.users > 0 || x.base > 0));
      const want = expectedProfile(file, column);
      expect(new Map(segments.map((x) => [x.segment_code, { users: x.users, base: x.base }])), `${scheme} ${level}`).toEqual(want);
      tables.push(JSON.stringify(segments));
    }
    // The two schemes cut the same areas differently, so their tables differ.
    expect(new Set(tables).size).toBe(3);
  });
});
