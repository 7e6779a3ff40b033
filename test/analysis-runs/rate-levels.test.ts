// Issue 15.4: rates at another level than the assignments. Real Rutland OAC
// 2021 is assigned at GROUP level; the rates below are written at SUPERGROUP
// level (Rutland has supergroups 1, 2, 6 and 7). Before the fix the supergroup
// codes matched no assignment, so need was 0 in every area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaAnalysis } from '../../electron/analysis/area-analysis';
import { runProfile } from '../../electron/analysis/profile-run';
import { importRates } from '../../electron/importers/index';
import { buildRutland, GP, OAC, readRutlandCsv, text, type RutlandProject } from '../support/rutland-project';

const SUPERGROUP_RATES = 'segment,rate\n1,0.10\n2,0.20\n6,0.30\n7,0.40\n';

describe('rates given at a coarser level than the assignments (real Rutland)', () => {
  let r: RutlandProject;
  beforeAll(async () => {
    r = await buildRutland();
  }, 60_000);
  afterAll(() => r?.cleanup());

  it('a supergroup rate applies to every group below it: need > 0 wherever people live', async () => {
    const summary = await importRates(r.project, text('sg.csv', SUPERGROUP_RATES), { indicator: 'Smoking', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
    expect(summary.warnings).toContain('rates at supergroup level apply to every group below them (the most specific rate wins)');
    const analysis = runAreaAnalysis(r.project.db, { service: GP, indicator: 'Smoking', mode: 'walk' });
    // 111 OAs have an OAC 2021 group and a population (README: 111 / 116).
    expect(analysis.rows).toHaveLength(111);
    for (const row of analysis.rows) if (row.base > 0) expect(row.need).toBeGreaterThan(0);
    // E00069547: group 2b (supergroup 2, rate 0.20), 366 usual residents → need 366 × 0.20 = 73.2.
    const a = analysis.rows.find((x) => x.code === 'E00069547')!;
    expect(a.base).toBe(366);
    expect(a.need).toBeCloseTo(73.2, 9);
    // Whole study area: Σ residents × rate of their supergroup, recomputed from the raw files.
    const pop = new Map(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((p) => [p.oa_code, Number(p.usual_residents)]));
    const rate: Record<string, number> = { 1: 0.1, 2: 0.2, 6: 0.3, 7: 0.4 };
    const expected = readRutlandCsv('oac2021_by_oa.csv').reduce((s, o) => s + (pop.get(o.oa_code) ?? 0) * rate[o.supergroup], 0);
    expect(analysis.totalNeed).toBeCloseTo(expected, 6);
    // The profile's need rank uses the same inherited rates (every group row has expected users).
    const profile = runProfile(r.project.db, { service: GP, scheme: OAC, indicator: 'Smoking' }).table;
    expect(profile.rows.every((row) => row.needRank !== null)).toBe(true);
  });

  it('with rates at two levels the most specific wins', async () => {
    await importRates(r.project, text('mixed.csv', 'segment,rate\n1,0.10\n2,0.20\n2b,0.50\n6,0.30\n7,0.40\n'), { indicator: 'Mixed', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
    const rows = new Map(runAreaAnalysis(r.project.db, { service: GP, indicator: 'Mixed', mode: 'walk' }).rows.map((x) => [x.code, x]));
    // E00069547 is in group 2b: its own rate 0.50 → 366 × 0.5 = 183 (not the supergroup's 73.2).
    expect(rows.get('E00069547')!.need).toBeCloseTo(183, 9);
    // An OA of supergroup 2 in another group keeps the supergroup rate 0.20.
    const other = readRutlandCsv('oac2021_by_oa.csv').find((o) => o.supergroup === '2' && o.group !== '2b')!;
    const row = rows.get(other.oa_code)!;
    expect(row.need).toBeCloseTo(row.base * 0.2, 9);
  });

  it('refuses rates finer than the assignments, naming the codes', async () => {
    await expect(
      importRates(r.project, text('sub.csv', 'segment,rate\n2b1,0.2\n2b2,0.3\n'), { indicator: 'Sub', scheme: OAC, segmentField: 'segment', rateField: 'rate' }),
    ).rejects.toThrow('sub.csv: rates for 2b1, 2b2 (subgroup) are finer than the level areas are assigned at in scheme "OAC 2021" (group), so they match no area');
    // A file mixing a supergroup with a subgroup is refused too: the subgroup rate could reach no area.
    await expect(
      importRates(r.project, text('mix2.csv', 'segment,rate\n2,0.2\n2b1,0.3\n'), { indicator: 'Sub', scheme: OAC, segmentField: 'segment', rateField: 'rate' }),
    ).rejects.toThrow('rates for 2b1 (subgroup) are finer');
    expect(r.project.db.prepare("SELECT COUNT(*) FROM cgm_indicators WHERE name = 'Sub'").pluck().get()).toBe(0);
  });

  it('refuses an analysis where people have no rate rather than showing need 0', async () => {
    await importRates(r.project, text('two.csv', 'segment,rate\n2,0.2\n'), { indicator: 'OnlyTwo', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
    // Supergroups 1, 6 and 7 have no rate: their groups are named, and the analysis stops.
    expect(() => runAreaAnalysis(r.project.db, { service: GP, indicator: 'OnlyTwo', mode: 'walk' })).toThrow(/indicator "OnlyTwo" has no rate for OAC 2021 segments 1\w/);
  });
});
