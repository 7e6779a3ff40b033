import { describe, expect, it } from 'vitest';
import { profileTable, needRanks } from '../../shared/analysis/profile';
import { roundHalfAway, roundRatio } from '../../shared/analysis/rounding';

// Seed toolkit (shared/seeds/000_*.txt, Lancashire segmentation profiling
// toolkit, profile table at the end): Mosaic group, users, base households,
// and the PUBLISHED users %, base %, penetration and index.
const TOOLKIT: [string, number, number, number, number, number, number][] = [
  // code, users, base, users%, base%, penetration, index
  ['A', 4, 733, 0.30, 0.59, 0.55, 51],
  ['B', 73, 12510, 5.51, 10.05, 0.58, 55],
  ['C', 1, 387, 0.08, 0.31, 0.26, 24],
  ['D', 30, 6262, 2.27, 5.03, 0.48, 45],
  ['E', 105, 15723, 7.93, 12.63, 0.67, 63],
  ['F', 20, 3762, 1.51, 3.02, 0.53, 50],
  ['G', 9, 882, 0.68, 0.71, 1.02, 96],
  ['H', 21, 1826, 1.59, 1.47, 1.15, 108],
  ['I', 387, 23631, 29.23, 18.98, 1.64, 154],
  ['J', 162, 19921, 12.24, 16.00, 0.81, 76],
  ['K', 152, 10606, 11.48, 8.52, 1.43, 135],
  ['L', 23, 5912, 1.74, 4.75, 0.39, 37],
  ['M', 69, 6264, 5.21, 5.03, 1.10, 104],
  ['N', 59, 3798, 4.46, 3.05, 1.55, 146],
  ['O', 209, 12288, 15.79, 9.87, 1.70, 160],
];
// Published total row: 1,324 users, 100, 124,505 base, 100, penetration 1.06, index 100.

const table = profileTable(TOOLKIT.map(([code, users, base]) => ({ segmentCode: code, segmentName: `Group ${code}`, users, base })));

describe('profile table reproduces the seed toolkit', () => {
  it.each(TOOLKIT)('group %s: every published figure', (code, users, base, usersPct, basePct, penetration, index) => {
    const row = table.rows.find((r) => r.segmentCode === code)!;
    expect(row.users).toBe(users);
    expect(row.base).toBe(base);
    expect(row.usersPct).toBe(usersPct);
    expect(row.basePct).toBe(basePct);
    expect(row.penetration).toBe(penetration);
    expect(row.index).toBe(index);
  });

  it('total row', () => {
    expect(table.total).toMatchObject({ users: 1324, usersPct: 100, base: 124505, basePct: 100, penetration: 1.06, index: 100 });
  });

  it('index comes from exact percentages, not the printed ones', () => {
    // Group C printed 0.08 / 0.31 would give 25.8 → 26, but the toolkit prints 24
    // (exact 0.0755% / 0.3108% = 24.30). Group J printed 12.24 / 16.00 = 76.5 → 77,
    // toolkit prints 76 (exact 76.47). Our index follows the toolkit.
    expect(Math.round((0.08 / 0.31) * 100)).toBe(26);
    expect(table.rows.find((r) => r.segmentCode === 'C')!.index).toBe(24);
    expect(table.rows.find((r) => r.segmentCode === 'J')!.index).toBe(76);
  });
});

describe('optional need columns', () => {
  it('need rank and expected users if uptake matched need (hand computed)', () => {
    // Two segments, base 100 and 300; prevalence 0.2 and 0.1 → expected cases 20 and 30.
    // 50 users in all, shared 20:30 → 20 and 30 expected users.
    const t = profileTable(
      [
        { segmentCode: 'X', segmentName: 'X', users: 10, base: 100 },
        { segmentCode: 'Y', segmentName: 'Y', users: 40, base: 300 },
      ],
      { needRates: { X: 0.2, Y: 0.1 } },
    );
    expect(t.rows.map((r) => [r.needRank, r.expectedUsers])).toEqual([[1, 20], [2, 30]]);
    // users% X = 20.00, base% = 25.00 → index 80; penetration 10/100×100 = 10.00
    expect(t.rows[0]).toMatchObject({ usersPct: 20, basePct: 25, index: 80, penetration: 10 });
    expect(t.total.expectedUsers).toBe(50);
  });

  it('tied rates share the best rank', () => {
    expect(needRanks({ a: 0.3, b: 0.1, c: 0.3 })).toEqual({ a: 1, b: 3, c: 1 });
  });

  it('a segment with no base has no penetration or index', () => {
    const t = profileTable([
      { segmentCode: 'X', segmentName: 'X', users: 0, base: 0 },
      { segmentCode: 'Y', segmentName: 'Y', users: 5, base: 50 },
    ]);
    expect(t.rows[0]).toMatchObject({ penetration: null, index: null, usersPct: 0, basePct: 0 });
  });
});

describe('rounding half away from zero on the exact value', () => {
  it('rational ties round up, near-ties are judged exactly', () => {
    expect(roundRatio(1, 8, 1, 2)).toBe(0.13); // 0.125 is a true tie → away from zero
    expect(roundRatio(-1, 8, 1, 2)).toBe(-0.13);
    expect(roundRatio(1, 3, 100, 2)).toBe(33.33);
    expect(roundRatio(2, 3, 100, 2)).toBe(66.67);
    expect(roundHalfAway(2.675, 2)).toBe(2.68); // float 2.67499999… typed as a tie
    expect(roundHalfAway(-0.5)).toBe(-1);
  });
});
