// Issue 19 item 4: a comparator base beside the profile. The comparator file is
// HAND-WRITTEN (counts per OAC 2021 supergroup, NOT real England figures); the
// study area is real Rutland (TS001 usual residents by OAC 2021 supergroup, over
// the 111 OAs of the OAC file: 1 11,332; 2 17,292; 6 4,536; 7 2,434; total 35,594).
//
// Hand-written comparator: 1 8,000,000; 2 12,000,000; 3 6,000,000; 4 7,000,000;
// 5 5,000,000; 6 9,000,000; 7 5,000,000; 8 4,000,000; total 56,000,000.
// Its shares: 1 8/56 = 14.2857% → 14.29; 2 21.43; 6 16.07; 7 8.93.
// Base index against it = base% / comparator% × 100:
//   1 (11,332 / 35,594) / (8 / 56) × 100 = 222.86 → 223;  2 (17,292 / 35,594) / (12 / 56) = 226.71 → 227;
//   6 (4,536 / 35,594) / (9 / 56) = 79.29 → 79;           7 (2,434 / 35,594) / (5 / 56) = 76.59 → 77.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgm, parseCsv } from './fixture';
import { buildRutland, GP, OAC, oac, readRutlandCsv, scenarioUsers } from '../support/rutland-project';
import { tempDir } from '../importers/helpers';
import { roundHalfAway } from '../../shared/analysis/rounding';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { quietContext } from '../support/handler-call';

const tmp = tempDir('cgm-comparator-');
afterAll(() => tmp.cleanup());
let path: string;
let users: Map<string, number>;
const profile = (...extra: string[]) => cgm('profile', '--project', path, '--service', GP, '--scheme', OAC, '--level', 'supergroup', '--suppress', 'none', ...extra);

beforeAll(async () => {
  const b = await buildRutland({ dir: tmp.dir, file: 'c.gpkg', oac: { depth: 'group' }, sites: false, users: { service: GP, perArea: scenarioUsers() },
    // Exports need a need indicator to resolve; its rates play no part in the profile's columns.
    rates: { indicator: 'Need', at: 'group', rate: () => 0.1 } });
  path = b.path;
  users = b.users;
  b.project.close();
  const file = join(tmp.dir, 'england_handwritten.csv');
  writeFileSync(file, 'supergroup,persons\n1,8000000\n2,12000000\n3,6000000\n4,7000000\n5,5000000\n6,9000000\n7,5000000\n8,4000000\n');
  const r = await cgm('import', 'comparator', '--project', path, '--file', file, '--scheme', OAC, '--segment-field', 'supergroup', '--count-field', 'persons', '--name', 'England', '--quiet');
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'comparator', imported: 8, details: { total: 56000000 } });
});

describe('profile --comparator', () => {
  it('adds the comparator share and both indexes, beside the index against the study area', async () => {
    const r = await profile('--comparator', 'England');
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(Object.keys(rows[0])).toEqual([
      'segment_code', 'segment_name', 'users', 'users_pct', 'base', 'base_pct', 'penetration', 'index',
      'comparator_base', 'comparator_pct', 'index_vs_comparator', 'base_index_vs_comparator',
    ]);
    expect(rows.map((x) => [x.segment_code, x.base, x.comparator_base, x.comparator_pct, x.base_index_vs_comparator])).toEqual([
      ['1', '11332', '8000000', '14.29', '223'], ['2', '17292', '12000000', '21.43', '227'], ['6', '4536', '9000000', '16.07', '79'],
      ['7', '2434', '5000000', '8.93', '77'], ['TOTAL', '35594', '56000000', '100', '100'],
    ]);
    // Users' index against England: (users of the supergroup / all users) / (its England share), × 100,
    // from the users written to the extract (OAs with a population only: E00069606 has none).
    const residents = new Set(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((x) => x.oa_code));
    const bySg = new Map<string, number>();
    for (const r of oac()) if (residents.has(r.oa_code)) bySg.set(r.supergroup, (bySg.get(r.supergroup) ?? 0) + users.get(r.oa_code)!);
    const all = [...bySg.values()].reduce((a, b) => a + b, 0);
    const england: Record<string, number> = { 1: 8, 2: 12, 6: 9, 7: 5 };
    for (const sg of ['1', '2', '6', '7']) {
      expect(rows.find((x) => x.segment_code === sg)!.index_vs_comparator).toBe(String(roundHalfAway((bySg.get(sg)! / all / (england[sg] / 56)) * 100, 0)));
    }
  });

  it('leaves the default output as it was', async () => {
    const plain = await profile();
    expect(Object.keys(parseCsv(plain.stdout)[0])).toEqual(['segment_code', 'segment_name', 'users', 'users_pct', 'base', 'base_pct', 'penetration', 'index']);
  });

  it('names the comparators there are when asked for one that is not', async () => {
    const r = await profile('--comparator', 'Wales');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[1]).toBe('cgm profile: no comparator "Wales" for scheme "OAC 2021" (it has England)');
  });
});

describe('exports: the profile CSV and the HTML report carry the comparator columns', () => {
  // The export applies the project's sharing rule (NHS: users suppressed 1-7, rounded to 5), so the CLI is asked for the same.
  const cliRows = async () => parseCsv((await cgm('profile', '--project', path, '--service', GP, '--scheme', OAC, '--level', 'supergroup', '--suppress', 'nhs', '--comparator', 'England')).stdout);
  const exportArgs = () => ['--project', path, '--service', GP, '--scheme', OAC, '--segment-level', 'supergroup', '--comparator', 'England'];

  it('cgm export csv --table profile --comparator England equals cgm profile --comparator England', async () => {
    const out = join(tmp.dir, 'profile.csv');
    const r = await cgm('export', 'csv', '--table', 'profile', ...exportArgs(), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const file = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l && !l.startsWith('#')).join('\n'));
    const cli = await cliRows();
    const cols = ['segment_code', 'users', 'base', 'index', 'comparator_base', 'comparator_pct', 'index_vs_comparator', 'base_index_vs_comparator'];
    const pick = (rows: Record<string, string>[]) => rows.map((x) => cols.map((c) => x[c]));
    expect(pick(file)).toEqual(pick(cli));
    // The hand-worked base indexes (header): 223, 227, 79, 77.
    expect(file.map((x) => x.base_index_vs_comparator)).toEqual(['223', '227', '79', '77', '100']);
  });

  it('cgm export report --comparator England sets the same columns beside the index in the report', async () => {
    const out = join(tmp.dir, 'report.html');
    const r = await cgm('export', 'report', ...exportArgs(), '--indicator', 'Need', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    for (const h of ['England %', 'Index vs England', 'Base index vs England']) expect(html).toContain(`>${h}<`);
    // The profile's supergroup 1 row: England share 14.29 and base index 223, as the CLI prints.
    const row1 = (await cliRows()).find((x) => x.segment_code === '1')!;
    expect(row1.comparator_pct).toBe('14.29');
    const profileRow = html.split('<tr').find((tr) => tr.includes('>Supergroup 1<') && tr.includes('>14.29<'));
    expect(profileRow, 'a report row for supergroup 1 with the England share').toBeDefined();
    expect(profileRow).toContain('>223<');
    // Without --comparator the report's profile has no such column.
    const plain = join(tmp.dir, 'plain.html');
    expect((await cgm('export', 'report', '--project', path, '--service', GP, '--scheme', OAC, '--segment-level', 'supergroup', '--indicator', 'Need', '--out', plain)).code).toBe(0);
    expect(readFileSync(plain, 'utf8')).not.toContain('Index vs England');
  });
});

describe('the app: getProfile with a comparator (the profile table gains its columns)', () => {
  it('offers the comparator for the scheme and gives the same columns as the CLI', async () => {
    const session = new ProjectSession(path);
    try {
      const h = createHandlers(session);
      const ctx = quietContext();
      const context = (await dispatch(h, 'getAreaContext', {}, ctx)) as { comparators: { name: string; scheme: string }[] };
      expect(context.comparators).toEqual([{ name: 'England', scheme: OAC }]);
      const p = (await dispatch(h, 'getProfile', { service: GP, scheme: OAC, segmentLevel: 'supergroup', comparator: 'England' }, ctx)) as {
        comparator: { name: string; bySegment: Record<string, { comparator_pct: number; base_index_vs_comparator: number }> };
      };
      expect(p.comparator.name).toBe('England');
      expect(Object.entries(p.comparator.bySegment).map(([k, v]) => [k, v.comparator_pct, v.base_index_vs_comparator])).toEqual([
        ['1', 14.29, 223], ['2', 21.43, 227], ['6', 16.07, 79], ['7', 8.93, 77], ['Total', 100, 100],
      ]);
      const plain = (await dispatch(h, 'getProfile', { service: GP, scheme: OAC, segmentLevel: 'supergroup' }, ctx)) as Record<string, unknown>;
      expect('comparator' in plain).toBe(false);
    } finally {
      session.close();
    }
  });
});
