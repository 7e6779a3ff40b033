// `cgm profile` on the four-area town (fixture.ts), against hand-computed tables.
// Users (extract 1): OA1 20, OA2 41, OA3 5, OA4 22 = 88. Bases: OA1 400, OA2 300, OA3 200, OA4 100 = 1000.
// Groups: 1a = OA1 + OA4 (42 users, base 500), 2a = OA3 (5, 200), 2b = OA2 (41, 300).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTown, cgm, INDICATOR, SCHEME, SERVICE, type TownProject } from './fixture';

const HEADER = 'segment_code,segment_name,users,users_pct,base,base_pct,penetration,index';
const WARNING = 'warning: exact counts (--suppress none) are for the analyst only; do not share this output\n';

let town: TownProject;
beforeAll(async () => {
  town = await buildTown();
});
afterAll(() => town.cleanup());

const profile = (...extra: string[]) => cgm('profile', '--project', town.path, '--service', SERVICE, '--scheme', SCHEME, ...extra);

describe('cgm profile', () => {
  it('--suppress none: exact counts, toolkit rounding, a TOTAL row and a warning on stderr', async () => {
    const r = await profile('--format', 'csv', '--suppress', 'none');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(WARNING);
    // users_pct = users / 88 × 100 (2 dp): 42 → 47.727 → 47.73; 5 → 5.682 → 5.68; 41 → 46.591 → 46.59.
    // base_pct = base / 1000 × 100: 50, 20, 30. penetration = users / base × 100: 8.4, 2.5, 13.667 → 13.67.
    // index = users × 1000 × 100 / (base × 88): 1a 4,200,000 / 44,000 = 95.45 → 95;
    //   2a 500,000 / 17,600 = 28.41 → 28; 2b 4,100,000 / 26,400 = 155.30 → 155.
    // TOTAL: 88 users, 1000 base, penetration 88 / 1000 × 100 = 8.8, index 100.
    expect(r.stdout).toBe(
      [
        HEADER,
        '1a,Farming Communities,42,47.73,500,50,8.4,95',
        '2a,Commuter Suburbs,5,5.68,200,20,2.5,28',
        '2b,Older Town Centres,41,46.59,300,30,13.67,155',
        'TOTAL,Total,88,100,1000,100,8.8,100',
      ].join('\n') + '\n',
    );
  });

  it('default NHS rule: 1–7 shown as *, other counts to the nearest 5, rates from the rounded counts', async () => {
    const r = await profile();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Users 42 → 40, 5 → *, 41 → 40, total 88 → 90. Bases are already multiples of 5.
    // 1a: 40 / 90 = 44.44%; penetration 40 / 500 = 8; index 40 × 1000 × 100 / (500 × 90) = 88.89 → 89.
    // 2b: 40 / 90 = 44.44%; penetration 40 / 300 = 13.33; index 4,000,000 / 27,000 = 148.15 → 148.
    // TOTAL: 90, penetration 90 / 1000 = 9.
    expect(r.stdout).toBe(
      [
        HEADER,
        '1a,Farming Communities,40,44.44,500,50,8,89',
        '2a,Commuter Suburbs,*,*,200,20,*,*',
        '2b,Older Town Centres,40,44.44,300,30,13.33,148',
        'TOTAL,Total,90,100,1000,100,9,100',
      ].join('\n') + '\n',
    );
  });

  it('--level supergroup adds the groups up', async () => {
    const r = await profile('--level', 'supergroup', '--suppress', 'none');
    // Supergroup 1 = 1a (42, 500); 2 = 2a + 2b (5 + 41 = 46, 200 + 300 = 500).
    // 2: 46 / 88 = 52.27%; penetration 46 / 500 = 9.2; index 4,600,000 / 44,000 = 104.55 → 105.
    expect(r.stdout).toBe(
      [
        HEADER,
        '1,Rural Residents,42,47.73,500,50,8.4,95',
        '2,Urbanites,46,52.27,500,50,9.2,105',
        'TOTAL,Total,88,100,1000,100,8.8,100',
      ].join('\n') + '\n',
    );
  });

  it('--geography-level LSOA gives one row per LSOA', async () => {
    const r = await profile('--geography-level', 'LSOA', '--suppress', 'none');
    // Town A = OA1 + OA2: 61 users, base 700 → 69.32%, 70%, 8.71, index 6,100,000 / 61,600 = 99.03 → 99.
    // Town B = OA3 + OA4: 27 users, base 300 → 30.68%, 30%, 9, index 2,700,000 / 26,400 = 102.27 → 102.
    expect(r.stdout).toBe(
      [
        HEADER,
        'E01000001,Town A,61,69.32,700,70,8.71,99',
        'E01000002,Town B,27,30.68,300,30,9,102',
        'TOTAL,Total,88,100,1000,100,8.8,100',
      ].join('\n') + '\n',
    );
  });

  it('--indicator adds need rank and expected users (scaled to the published total)', async () => {
    // Need: 1a 500 × 0.15 = 75, 2a 200 × 0.25 = 50, 2b 300 × 0.20 = 60; total 185.
    // Rank by prevalence: 2a (25%) 1, 2b (20%) 2, 1a (15%) 3.
    // Exact: expected = 88 × need / 185: 35.68, 23.78, 28.54. NHS: 90 × need / 185: 36.49, 24.32, 29.19.
    const exact = await profile('--indicator', INDICATOR, '--suppress', 'none');
    expect(exact.stdout.split('\n').slice(0, 5)).toEqual([
      `${HEADER},need_rank,expected_users`,
      '1a,Farming Communities,42,47.73,500,50,8.4,95,3,35.68',
      '2a,Commuter Suburbs,5,5.68,200,20,2.5,28,1,23.78',
      '2b,Older Town Centres,41,46.59,300,30,13.67,155,2,28.54',
      'TOTAL,Total,88,100,1000,100,8.8,100,,88',
    ]);
    const nhs = await profile('--indicator', INDICATOR);
    expect(nhs.stdout).toContain('2a,Commuter Suburbs,*,*,200,20,*,*,1,24.32\n');
    expect(nhs.stdout).toContain('TOTAL,Total,90,100,1000,100,9,100,,90\n');
  });

  it('JSON carries the rule and its footnote', async () => {
    const r = await profile('--format', 'json', '--suppress', '10');
    const out = JSON.parse(r.stdout);
    expect(out.rule).toEqual({ kind: 'threshold', k: 10 });
    expect(out.note).toMatch(/^Counts of 1–9 and cells that would reveal them shown as \*\. /);
    // 2a (5) is suppressed; the smallest other non-zero cell (2b, 41) goes too so the total 88 cannot give 5 back.
    expect(out.rows.map((x: { users: unknown }) => x.users)).toEqual([42, '*', '*', 88]);
  });

  it('bad input: one-line errors and exit 1', async () => {
    expect(await profile('--suppress', '1')).toMatchObject({ code: 1, stderr: 'cgm profile: --suppress must be nhs, none or a whole number k >= 2, not "1"\n' });
    expect(await profile('--level', 'subgroup')).toMatchObject({ code: 1, stderr: 'cgm profile: the scheme has no segment level "subgroup" (levels: supergroup, group)\n' });
    const r = await cgm('profile', '--project', town.path, '--service', 'Nope', '--scheme', SCHEME);
    expect(r).toMatchObject({ code: 1, stderr: 'cgm profile: no service "Nope" in the project (known: Stop Smoking)\n' });
  });
});
