import { describe, expect, it } from 'vitest';
import { compareToBaseline, saveBaseline, snapshotUptake } from '../../shared/analysis/review';
import { profileTable } from '../../shared/analysis/profile';
import { uptakeRatio } from '../../shared/analysis/uptake';

describe('review against a baseline', () => {
  const before = profileTable([
    { segmentCode: 'X', segmentName: 'X', users: 10, base: 100 },
    { segmentCode: 'Y', segmentName: 'Y', users: 30, base: 300 },
  ]);
  const after = profileTable([
    { segmentCode: 'X', segmentName: 'X', users: 30, base: 100 },
    { segmentCode: 'Y', segmentName: 'Y', users: 30, base: 300 },
  ]);

  it('change in users, index and uptake by segment and area (hand computed)', () => {
    const baseline = saveBaseline(' Spring 2024 ', '2024-04-01T00:00:00Z', before,
      [uptakeRatio({ areaCode: 'E1', observed: 20, expected: 31 })],
      [uptakeRatio({ areaCode: 'X', observed: 10, expected: 20 })]);
    expect(baseline.name).toBe('Spring 2024');
    const review = compareToBaseline(baseline, {
      profile: after.rows,
      areaUptake: snapshotUptake([uptakeRatio({ areaCode: 'E1', observed: 31, expected: 31 })]),
      segmentUptake: snapshotUptake([uptakeRatio({ areaCode: 'X', observed: 30, expected: 20 })]),
    });
    // Before: X 25% of users, 25% of base → index 100. After: X 50% of users / 25% base → 200.
    // Y: 75%/75% → 100 before, 50%/75% → 67 after.
    const x = review.bySegment.find((s) => s.code === 'X')!;
    expect(x).toMatchObject({ usersBefore: 10, usersAfter: 30, usersChange: 20, indexBefore: 100, indexAfter: 200, indexChange: 100 });
    expect(x.ratioBefore).toBeCloseTo(0.5, 12);
    expect(x.ratioChange).toBeCloseTo(1, 12);
    expect(review.bySegment.find((s) => s.code === 'Y')).toMatchObject({ usersChange: 0, indexAfter: 67, indexChange: -33 });
    expect(review.byArea[0]).toMatchObject({ code: 'E1', usersChange: 11, significanceBefore: 'low', significanceAfter: 'not significant' });
    expect(review.byArea[0].ratioChange).toBeCloseTo(11 / 31, 12);
  });

  it('segments or areas that appear or vanish show null changes', () => {
    const baseline = saveBaseline('b', 't', before, []);
    const review = compareToBaseline(baseline, { profile: [...after.rows, { ...after.rows[0], segmentCode: 'Z', segmentName: 'Z' }], areaUptake: [], segmentUptake: [] });
    expect(review.bySegment.find((s) => s.code === 'Z')).toMatchObject({ usersBefore: null, usersChange: null });
    expect(() => saveBaseline('  ', 't', before, [])).toThrow();
  });
});
