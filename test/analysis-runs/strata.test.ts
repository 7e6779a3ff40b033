// `cgm strata` on the four-area town (fixture.ts): proposals, decisions and re-runs.
// Need index = area need rate / 0.185 × 100: OA1 0.15 → 81, OA2 0.20 → 108, OA3 0.25 → 135, OA4 81.
// Thresholds: >= 150 Priority, >= 120 Moderate, >= 100 Basic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTown, cgm, INDICATOR, parseCsv, reimportUsers, SERVICE, USERS_2, type TownProject } from './fixture';

let town: TownProject;
beforeAll(async () => {
  town = await buildTown();
});
afterAll(() => town.cleanup());

// The analyst's own view (exact counts), so every figure below is worked from the exact users;
// what the project's rule publishes is tested in test/disclosure/.
const strata = async (...extra: string[]) => {
  const r = await cgm('strata', '--project', town.path, '--service', SERVICE, '--indicator', INDICATOR, '--suppress', 'none', ...extra);
  return { ...r, row: (code: string) => parseCsv(r.stdout).find((x) => x.area_code === code)! };
};

describe('cgm strata', () => {
  it('proposes a stratum per area from need and the uptake gap', async () => {
    const r = await strata();
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('area_code,area_name,proposed,flags,escalation,decided,reason,decided_at,effective,proposal_changed');
    // OA1: need 81 (no flag); uptake 0.70 with CI 0.43–1.08 → Basic.
    expect(r.row('E00000001')).toMatchObject({ proposed: 'Basic', flags: 'Basic: uptake ratio 0.70 below 1, not significant', effective: 'Basic' });
    // OA2: need 108 → Basic; uptake 1.44, significantly high → no uptake flag.
    expect(r.row('E00000002')).toMatchObject({ proposed: 'Basic', flags: 'Basic: need index 108 >= 100' });
    // OA3: need 135 → Moderate; 99.8% upper limit 16.455 / 23.78 = 0.69 < 1 → Priority. Highest flag wins.
    expect(r.row('E00000003')).toMatchObject({
      proposed: 'Priority', flags: 'Moderate: need index 135 >= 120; Priority: uptake ratio 0.21 significantly low at 99.8%', decided: '', proposal_changed: 'false',
    });
    // OA4: need 81, uptake 3.08 high → no flags → Self-care.
    expect(r.row('E00000004')).toMatchObject({ proposed: 'Self-care', flags: '', effective: 'Self-care' });
  });

  it('lowering without a reason is refused with one line and exit 1, and nothing is stored', async () => {
    const r = await strata('--decide', 'E00000003=Basic');
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'cgm strata: E00000003: lowering Priority to Basic needs a written reason\n' });
    expect((await strata()).row('E00000003')).toMatchObject({ decided: '', effective: 'Priority' });
    expect(await strata('--decide', 'E00000003=High')).toMatchObject({
      code: 1, stderr: 'cgm strata: --decide must be AREA_CODE=Self-care|Basic|Moderate|Priority, not "E00000003=High"\n',
    });
    expect(await strata('--decide', 'E09999999=Basic', '--reason', 'x')).toMatchObject({ code: 1, stderr: 'cgm strata: no area "E09999999" in the analysis\n' });
  });

  it('with --reason the decision is stored and shown; raising needs no reason', async () => {
    const reason = 'Outreach bus already booked for this estate';
    const r = await strata('--decide', 'E00000003=Basic', '--reason', reason);
    expect(r.code).toBe(0);
    const oa3 = r.row('E00000003');
    expect(oa3).toMatchObject({ proposed: 'Priority', decided: 'Basic', reason, effective: 'Basic', proposal_changed: 'false' });
    expect(oa3.decided_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const raised = await strata('--decide', 'E00000004=Basic');
    expect(raised.row('E00000004')).toMatchObject({ proposed: 'Self-care', decided: 'Basic', reason: '', effective: 'Basic' });
    // Still there on a plain re-run.
    expect((await strata()).row('E00000003')).toMatchObject({ decided: 'Basic', reason });
  });

  it('a new users extract keeps the decisions and flags the changed proposal', async () => {
    await reimportUsers(town.path, USERS_2);
    const r = await strata();
    // OA3 now 20 users, total 103: expected 103 × 50 / 185 = 27.84, ratio 0.72; Byar upper 30.890 / 27.84 = 1.11 →
    // not significant → Basic flag; with need Moderate the proposal is Moderate (was Priority).
    expect(r.row('E00000003')).toMatchObject({
      proposed: 'Moderate', flags: 'Moderate: need index 135 >= 120; Basic: uptake ratio 0.72 below 1, not significant',
      decided: 'Basic', reason: 'Outreach bus already booked for this estate', effective: 'Basic', proposal_changed: 'true',
    });
    // OA4 (decided Basic over Self-care) still proposes Self-care: unchanged.
    expect(r.row('E00000004')).toMatchObject({ proposed: 'Self-care', decided: 'Basic', proposal_changed: 'false' });
    // OA1: expected 103 × 60 / 185 = 33.41; Byar 95% upper 30.890 / 33.41 = 0.92 < 1 → significantly low → Moderate.
    expect(r.row('E00000001')).toMatchObject({ proposed: 'Moderate', flags: 'Moderate: uptake ratio 0.60 significantly low at 95%', decided: '' });
  });
});
