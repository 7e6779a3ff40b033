// Issue 15.10: users imported with --date-field --period quarter are stored per
// quarter; every analysis can now pick one, and review compares two of them.
// The four-area town of fixture.ts (need: OA1 60, OA2 60, OA3 50, OA4 15;
// groups OA1 1a, OA2 2b, OA3 2a, OA4 1a) with this users file, written here:
//            OA1  OA2  OA3  OA4 | 1a  2a  2b
//   2024-Q1   10    4    6    0 | 10   6   4   (total 20)
//   2024-Q2    5    8    0    2 |  7   0   8   (total 15)
//   all       15   12    6    2 | 17   6  12   (total 35)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStrata } from '../../electron/analysis/strata-run';
import { runAreaAnalysis } from '../../electron/analysis/area-analysis';
import { importUsers } from '../../electron/importers/index';
import { openProject } from '../../electron/store/project';
import { buildTown, cgm, INDICATOR, OA, parseCsv, SCHEME, SERVICE, type TownProject } from './fixture';

const POSTCODE = ['LE15 6AA', 'LE15 6AB', 'LE15 6AD', 'LE15 6AE'];
const Q1 = [10, 4, 6, 0];
const Q2 = [5, 8, 0, 2];

function datedUsers(): string {
  const lines = ['ref,postcode,seen_on'];
  let n = 0;
  // Dates in two UK layouts, spread over each quarter's months.
  Q1.forEach((k, i) => { for (let j = 0; j < k; j++) lines.push(`R${++n},${POSTCODE[i]},${String(1 + (j % 28)).padStart(2, '0')}/0${1 + (j % 3)}/2024`); });
  Q2.forEach((k, i) => { for (let j = 0; j < k; j++) lines.push(`R${++n},${POSTCODE[i]},2024-0${4 + (j % 3)}-15`); });
  return lines.join('\n') + '\n';
}

let town: TownProject;
beforeAll(async () => {
  town = await buildTown();
  const project = openProject(town.path);
  try {
    const s = await importUsers(project, { name: 'dated.csv', data: new TextEncoder().encode(datedUsers()) }, { service: SERVICE, postcodeField: 'postcode', dateField: 'seen_on', period: 'quarter' });
    expect(s.imported).toBe(35);
  } finally {
    project.close();
  }
});
afterAll(() => town.cleanup());

const run = (cmd: string, ...extra: string[]) => cgm(cmd, '--project', town.path, '--service', SERVICE, ...extra);

describe('choosing a period of the users', () => {
  it('profile --period counts that quarter only, by segment', async () => {
    const q1 = await run('profile', '--scheme', SCHEME, '--period', '2024-Q1', '--suppress', 'none');
    expect(q1.code).toBe(0);
    expect(q1.stderr).toContain('note: Period: 2024-Q1\n');
    const users = (text: string) => Object.fromEntries(parseCsv(text).map((r) => [r.segment_code, Number(r.users)]));
    expect(users(q1.stdout)).toEqual({ '1a': 10, '2a': 6, '2b': 4, TOTAL: 20 });
    const q2 = await run('profile', '--scheme', SCHEME, '--period', '2024-Q2', '--suppress', 'none');
    expect(users(q2.stdout)).toEqual({ '1a': 7, '2a': 0, '2b': 8, TOTAL: 15 });
    const all = await run('profile', '--scheme', SCHEME, '--suppress', 'none');
    expect(users(all.stdout)).toEqual({ '1a': 17, '2a': 6, '2b': 12, TOTAL: 35 });
  });

  it('gaps --period: users and expected users of that quarter per area', async () => {
    const r = await run('gaps', '--indicator', INDICATOR, '--period', '2024-Q2', '--suppress', 'none', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Record<string, unknown>[];
    expect(OA.map((oa) => rows.find((x) => x.area_code === oa)?.users)).toEqual(Q2);
    // Expected users = 15 × need share: OA1 15 × 60/185 = 4.864…
    expect(Number(rows.find((x) => x.area_code === OA[0])!.expected_users)).toBeCloseTo((15 * 60) / 185, 2);
  });

  it('strata and the area analysis take the period too', () => {
    const project = openProject(town.path);
    try {
      const q1 = runAreaAnalysis(project.db, { service: SERVICE, indicator: INDICATOR, mode: 'walk', period: '2024-Q1' });
      expect(q1.rows.map((r) => r.users)).toEqual(Q1);
      expect(q1.scope.period).toBe('2024-Q1');
      // OA4 had no users in Q1 (0 of 20 × 15/185 = 1.62 expected) but 2 in Q2: its uptake differs by period.
      const u1 = q1.rows[3].uptake.ratio;
      const u2 = runAreaAnalysis(project.db, { service: SERVICE, indicator: INDICATOR, mode: 'walk', period: '2024-Q2' }).rows[3].uptake.ratio;
      expect(u1).toBe(0);
      expect(u2).toBeCloseTo(2 / ((15 * 15) / 185), 9);
      // Strata pass the period on to the same analysis: a period the users lack is refused there.
      expect(runStrata(project, { service: SERVICE, indicator: INDICATOR, mode: 'walk', period: '2024-Q1' })).toHaveLength(4);
      expect(() => runStrata(project, { service: SERVICE, indicator: INDICATOR, mode: 'walk', period: '2023-Q4' })).toThrow('no period "2023-Q4"');
    } finally {
      project.close();
    }
  });

  it('refuses an unknown period, naming the known ones', async () => {
    for (const cmd of [['profile', '--scheme', SCHEME], ['gaps', '--indicator', INDICATOR], ['strata', '--indicator', INDICATOR]]) {
      const r = await run(cmd[0], ...cmd.slice(1), '--period', '2024Q3');
      expect(r).toMatchObject({ code: 1, stderr: `cgm ${cmd[0]}: no period "2024Q3" in the users of "${SERVICE}" (known: 2024-Q1, 2024-Q2)\n` });
    }
  });

  it('review --compare-periods compares two quarters of one import (exact counts)', async () => {
    const r = await run('review', '--indicator', INDICATOR, '--scheme', SCHEME, '--compare-periods', '2024-Q1,2024-Q2', '--suppress', 'none');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    const pick = (kind: string, code: string) => rows.find((x) => x.kind === kind && x.code === code)!;
    expect(OA.map((oa) => [pick('area', oa).users_before, pick('area', oa).users_after, pick('area', oa).users_change])).toEqual([
      ['10', '5', '-5'], ['4', '8', '4'], ['6', '0', '-6'], ['0', '2', '2'],
    ]);
    expect([pick('segment', '1a').users_before, pick('segment', '1a').users_after]).toEqual(['10', '7']);
    // Uptake OA2: Q1 4 / (20 × 60/185) = 0.617; Q2 8 / (15 × 60/185) = 1.644.
    expect(Number(pick('area', OA[1]).uptake_before)).toBeCloseTo(4 / ((20 * 60) / 185), 3);
    expect(Number(pick('area', OA[1]).uptake_after)).toBeCloseTo(8 / ((15 * 60) / 185), 3);
    // The same as saving a baseline of Q1 and comparing Q2 with it.
    expect((await run('review', '--indicator', INDICATOR, '--scheme', SCHEME, '--period', '2024-Q1', '--save', 'Q1')).code).toBe(0);
    const saved = await run('review', '--indicator', INDICATOR, '--scheme', SCHEME, '--period', '2024-Q2', '--compare', 'Q1', '--suppress', 'none');
    expect(saved.stdout).toBe(r.stdout);
    const bad = await run('review', '--indicator', INDICATOR, '--scheme', SCHEME, '--compare-periods', '2024-Q1,2025-Q1');
    expect(bad).toMatchObject({ code: 1, stderr: `cgm review: no period "2025-Q1" in the users of "${SERVICE}" (known: 2024-Q1, 2024-Q2)\n` });
  });
});
