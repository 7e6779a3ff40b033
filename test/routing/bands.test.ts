// Hand-checked band tables: every expected figure below is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { bandLabels, bandTable } from '../../shared/travel/bands';

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
    expect(bandLabels([5, 10, 15, 20, 25])).toEqual(['<5', '5–10', '10–15', '15–20', '20–25', '>25']);
  });

  it('cumulative % per segment, ranked by need, plus an all-population row', () => {
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
    expect(t.labels).toEqual(['<5', '5–15', '>15']);
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
