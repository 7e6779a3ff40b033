// Targets are read by one parser (the CLI's --add and the app's moment alike)
// and judged on the figures as shown: a '*' or a missing figure never counts
// as met or not met.
import { describe, expect, it } from 'vitest';
import { checkTargets, parseTarget, type ReviewFigures } from '../../shared/analysis/review-targets';

const row = (kind: string, code: string, f: Partial<ReviewFigures>): ReviewFigures => ({
  kind, code, users_before: null, users_after: null, users_change: null, index_after: null, uptake_after: null, uptake_change: null, ...f,
});

describe('review targets', () => {
  it('parses KIND CODE MEASURE OP VALUE and names what is wrong', () => {
    expect(parseTarget('Segment 2a UPTAKE>=0.9')).toEqual({ kind: 'segment', code: '2a', measure: 'uptake', op: '>=', value: 0.9 });
    expect(parseTarget('  area E00012345 users_change_pct >= -5 ')).toEqual({ kind: 'area', code: 'E00012345', measure: 'users_change_pct', op: '>=', value: -5 });
    expect(() => parseTarget('segment 2a uptake > 0.9')).toThrow('target "segment 2a uptake > 0.9" is not KIND CODE MEASURE >=|<= VALUE');
    expect(() => parseTarget('segment 2a penetration >= 3')).toThrow('the measure is one of uptake, uptake_change, index, users, users_change, users_change_pct, not "penetration"');
    expect(() => parseTarget('area E1 index >= 100')).toThrow('areas have no index');
  });

  it('judges each target on the shown figure; at most, % change and missing rows too', () => {
    const rows = [
      row('segment', '2a', { users_before: 40, users_after: 46, users_change: 6, uptake_after: 0.95, index_after: 120 }),
      row('area', 'E1', { users_before: '*', users_after: 20, users_change: '*', uptake_after: 1.2 }),
      row('area', 'E2', { users_before: 0, users_after: 10, users_change: 10 }),
    ];
    const checks = checkTargets(
      [
        parseTarget('segment 2a uptake >= 0.9'), // 0.95: met
        parseTarget('segment 2a index <= 110'), // 120: not met
        parseTarget('segment 2a users_change_pct >= 15'), // 6 / 40 = 15.0%: met (at the limit)
        parseTarget('area E1 users_change >= 5'), // *: unknown
        parseTarget('area E1 users_change_pct >= 5'), // * before: unknown
        parseTarget('area E2 users_change_pct >= 5'), // 0 before: no % change
        parseTarget('area E3 users >= 1'), // no such row
      ],
      rows,
    );
    expect(checks.map((c) => [c.status, c.actual])).toEqual([
      ['met', 0.95], ['not met', 120], ['met', 15], ['unknown', '*'], ['unknown', '*'], ['unknown', null], ['unknown', null],
    ]);
    expect(checks.map((c) => c.reason)).toEqual([
      null, null, null, 'suppressed under the disclosure rule', 'suppressed under the disclosure rule', 'no users in the baseline, so no % change', 'no area E3 in the comparison',
    ]);
  });
});
