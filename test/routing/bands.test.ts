// Hand-checked band tables: every expected figure below is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { bandLabels, bandTable, liftRates } from '../../shared/travel/bands';

describe('bandTable', () => {
  // Areas: A 3 min, B exactly 10 min, C 17 min, D 40 min, E unreachable.
  const areaTimes = [
    { areaCode: 'A', minutes: 3 }, { areaCode: 'B', minutes: 10 }, { areaCode: 'C', minutes: 17 },
    { areaCode: 'D', minutes: 40 }, { areaCode: 'E', minutes: null },
  ];
  // Segment x: A 100, B 100, D 200 (total 400). Segment y: C 50, E 50 (total 100).
  const bases = [
    { areaCode: 'A', segmentCode: 'x', base: 100 }, { areaCode: 'B', segmentCode: 'x', base: 100 },
    { areaCode: 'D', segmentCode: 'x', base: 200 }, { areaCode: 'C', segmentCode: 'y', base: 50 },
    { areaCode: 'E', segmentCode: 'y', base: 50 },
  ];

  it('labels the default bands like the toolkit', () => {
    // Cumulative shares, so labelled "within", never as bands ("5–10").
    expect(bandLabels([5, 10, 15, 20, 25])).toEqual(['Within 5 min', 'Within 10 min', 'Within 15 min', 'Within 20 min', 'Within 25 min', 'Any time']);
  });

  it('cumulative % per segment, ranked by risk, plus an all-population row', () => {
    // need x = 400 × 0.1 = 40; need y = 100 × 0.5 = 50 → y ranks first.
    const t = bandTable({ areaTimes, bases, rates: [{ segmentCode: 'x', prevalence: 0.1 }, { segmentCode: 'y', prevalence: 0.5 }] });
    const [y, x, all] = t.rows;
    expect(y).toMatchObject({ rank: 1, segmentCode: 'y', base: 100, need: 50, prevalence: 0.5 });
    // y: C (17 min) is in 15–20 → 50% from there on; E unreachable → only the last column reaches 100.
    expect(y.cumulativePct).toEqual([0, 0, 0, 50, 50, 100]);
    expect(y.unreachablePct).toBe(50);
    expect(x).toMatchObject({ rank: 2, segmentCode: 'x', base: 400, need: 40 });
    // x: A ≤5 → 25%; B exactly 10 counts within 10 → 50%; D at 40 min only in ">25".
    expect(x.cumulativePct).toEqual([25, 50, 50, 50, 50, 100]);
    expect(x.unreachablePct).toBe(0);
    // All 500: ≤5 100 (20%), ≤10 200 (40%), ≤15 40%, ≤20 +50 → 250 (50%), ≤25 50%, then 100.
    expect(all).toMatchObject({ rank: null, segmentCode: null, base: 500, need: 90 });
    expect(all.cumulativePct).toEqual([20, 40, 40, 50, 50, 100]);
    expect(all.unreachablePct).toBe(10);
  });

  it('without rates, ranks by base; custom limits; areas with no time count as unreachable', () => {
    const t = bandTable({ areaTimes: areaTimes.slice(0, 2), bases, limits: [15, 5] });
    expect(t.labels).toEqual(['Within 5 min', 'Within 15 min', 'Any time']);
    expect(t.rows.map((r) => r.segmentCode)).toEqual(['x', 'y', null]);
    expect(t.rows[0].need).toBeNull();
    // x: A ≤5 (100/400), B ≤15 (200/400); D has no entry here → unreachable 200/400.
    expect(t.rows[0].cumulativePct).toEqual([25, 50, 100]);
    expect(t.rows[0].unreachablePct).toBe(50);
    expect(t.rows[1].cumulativePct).toEqual([0, 0, 100]);
  });

  it('uses the whole-population base when given, and gives nulls for an empty base', () => {
    const t = bandTable({ areaTimes, bases: [{ areaCode: 'A', segmentCode: 'z', base: 0 }], population: [{ areaCode: 'A', base: 10 }, { areaCode: 'C', base: 30 }] });
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0].cumulativePct).toEqual([25, 25, 25, 100, 100, 100]);
    const empty = bandTable({ areaTimes, bases: [] });
    expect(empty.rows[0].cumulativePct).toEqual([null, null, null, null, null, null]);
  });
});

describe('bandTable ranks by risk, as the toolkit does (15.12)', () => {
  const areaTimes = [{ areaCode: 'A', minutes: 3 }, { areaCode: 'B', minutes: 12 }];
  it('the highest prevalence ranks 1 even with less need; equal prevalences share a rank (1, 2, 2, 4)', () => {
    // x: 400 × 0.2 = 80 need; y: 100 × 0.5 = 50; z: 100 × 0.2 = 20; w: 300 × 0.1 = 30.
    // Ranked by need (the old order) x would be 1 and y 2; by risk y (0.5) is 1, x and z (0.2) share 2, w (0.1) is 4.
    const bases = [
      { areaCode: 'A', segmentCode: 'x', base: 400 }, { areaCode: 'B', segmentCode: 'y', base: 100 },
      { areaCode: 'A', segmentCode: 'z', base: 100 }, { areaCode: 'B', segmentCode: 'w', base: 300 },
    ];
    const rates = [{ segmentCode: 'x', prevalence: 0.2 }, { segmentCode: 'y', prevalence: 0.5 }, { segmentCode: 'z', prevalence: 0.2 }, { segmentCode: 'w', prevalence: 0.1 }];
    const t = bandTable({ areaTimes, bases, rates });
    // Within the tie, the larger need (x, 80) is listed first.
    expect(t.rows.map((r) => [r.segmentCode, r.rank, r.need])).toEqual([['y', 1, 50], ['x', 2, 80], ['z', 2, 20], ['w', 4, 30], [null, null, 180]]);
  });

  it('without rates, equal bases share a rank too', () => {
    const bases = [{ areaCode: 'A', segmentCode: 'p', base: 50 }, { areaCode: 'B', segmentCode: 'q', base: 50 }, { areaCode: 'B', segmentCode: 'r', base: 20 }];
    expect(bandTable({ areaTimes, bases }).rows.map((r) => r.rank)).toEqual([1, 1, 3, null]);
  });

  it('liftRates: a parent’s prevalence is its children’s need over their base, so its need is their sum', () => {
    // 1a: 100 × 0.1 = 10, 1b: 300 × 0.3 = 90 → supergroup 1: 100 / 400 = 0.25 (need 400 × 0.25 = 100 = 10 + 90).
    // 2a has no rate and is left out; 2 keeps the rate given for it directly (0.4).
    const fine = [
      { areaCode: 'A', segmentCode: '1a', base: 100 }, { areaCode: 'B', segmentCode: '1b', base: 300 }, { areaCode: 'B', segmentCode: '2a', base: 50 },
    ];
    const lift = (c: string) => c[0];
    const rates = liftRates(fine, [{ segmentCode: '1a', prevalence: 0.1 }, { segmentCode: '1b', prevalence: 0.3 }, { segmentCode: '2', prevalence: 0.4 }], lift);
    expect(rates.find((r) => r.segmentCode === '1')!.prevalence).toBeCloseTo(0.25, 12);
    expect(rates.find((r) => r.segmentCode === '2')!.prevalence).toBe(0.4);
    const t = bandTable({ areaTimes, bases: fine.map((b) => ({ ...b, segmentCode: lift(b.segmentCode) })), rates });
    expect(t.rows.find((r) => r.segmentCode === '1')!.need).toBeCloseTo(100, 9);
  });
});
