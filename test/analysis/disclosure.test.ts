import { describe, expect, it } from 'vitest';
import { disclose, protectTable, roundToNearest5, suppressCount, SUPPRESSED, type Disclosed } from '../../shared/analysis/disclosure';
import { profileTable } from '../../shared/analysis/profile';

const NHS = { kind: 'nhs' } as const;

describe('NHS Digital rule', () => {
  it('1–7 shown as *, others rounded to the nearest 5, zero stays 0', () => {
    expect([0, 1, 5, 7].map((n) => suppressCount(n, NHS))).toEqual([0, '*', '*', '*']);
    // 8→10, 12→10, 13→15, 1324→1325, 387→385
    expect([8, 12, 13, 1324, 387].map((n) => suppressCount(n, NHS))).toEqual([10, 10, 15, 1325, 385]);
    expect(roundToNearest5(22.5)).toBe(25);
  });

  it('no count 1..7 and every shown count a multiple of 5, for all counts 0..500', () => {
    for (let n = 0; n <= 500; n++) {
      const v = suppressCount(n, NHS);
      if (v === SUPPRESSED) expect(n >= 1 && n <= 7).toBe(true);
      else {
        expect(v % 5).toBe(0);
        expect(v >= 1 && v <= 7).toBe(false);
        expect(Math.abs(v - n)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('profile: percentages, penetration and index from the rounded counts (hand computed)', () => {
    const p = profileTable([
      { segmentCode: 'A', segmentName: 'A', users: 4, base: 733 },
      { segmentCode: 'B', segmentName: 'B', users: 73, base: 12510 },
      { segmentCode: 'I', segmentName: 'I', users: 387, base: 23631 },
    ]);
    const d = disclose(p, NHS);
    // users: *, 75, 385; total 464 → 465. base: 735, 12510, 23630; total 36874 → 36875.
    expect(d.rows.map((r) => r.users)).toEqual(['*', 75, 385]);
    expect(d.rows.map((r) => r.base)).toEqual([735, 12510, 23630]);
    expect(d.total).toMatchObject({ users: 465, base: 36875 });
    // B: 75/465 = 16.129% → 16.13; base 12510/36875 = 33.925% → 33.93; penetration 75/12510 = 0.5995% → 0.60;
    // index = 75×36875×100/(12510×465) = 47.54 → 48 (exact counts: 73/464 ÷ 12510/36874 = 46.37 → 46).
    expect(d.rows[1]).toMatchObject({ usersPct: 16.13, basePct: 33.93, penetration: 0.6, index: 48 });
    expect(d.rows[0]).toMatchObject({ usersPct: '*', penetration: '*', index: '*' });
    expect(p.rows[1].index).toBe(46);
  });

  it('none passes exact counts', () => {
    const p = profileTable([{ segmentCode: 'A', segmentName: 'A', users: 4, base: 733 }]);
    expect(disclose(p, { kind: 'none' }).rows[0]).toMatchObject({ users: 4, base: 733, usersPct: 100, penetration: 0.55 });
  });
});

/** Every published total must leave 0 or ≥ 2 unknowns among its members. */
function unknownsPerConstraint(t: ReturnType<typeof protectTable>): number[] {
  const counts: number[] = [];
  const isS = (v: Disclosed) => v === SUPPRESSED;
  t.cells.forEach((row, i) => counts.push(row.filter(isS).length + (isS(t.rowTotals![i]) ? 1 : 0)));
  t.colLabels.forEach((_, j) => counts.push(t.cells.filter((r) => isS(r[j])).length + (isS(t.colTotals![j]) ? 1 : 0)));
  counts.push(t.colTotals!.filter(isS).length + (isS(t.grandTotal!) ? 1 : 0));
  counts.push(t.rowTotals!.filter(isS).length + (isS(t.grandTotal!) ? 1 : 0));
  return counts;
}

describe('threshold rule with secondary suppression', () => {
  const k5 = { kind: 'threshold', k: 5 } as const;

  it('suppresses 1..k−1 and the next smallest cells (hand-traced)', () => {
    const t = protectTable({ rowLabels: ['r1', 'r2', 'r3'], colLabels: ['c1', 'c2', 'c3'], cells: [[3, 10, 12], [8, 6, 20], [15, 9, 2]] }, k5);
    // Primary: 3 and 2. Row r1 → 10; row r3 → 9; column c1 → 8; column c3 → 12; then row r2 (only 8) → 6.
    expect(t.cells).toEqual([['*', '*', '*'], ['*', '*', 20], [15, '*', '*']]);
    expect(t.rowTotals).toEqual([25, 34, 26]);
    expect(t.colTotals).toEqual([26, 25, 34]);
    expect(t.grandTotal).toBe(85);
    for (const n of unknownsPerConstraint(t)) expect(n === 0 || n >= 2).toBe(true);
  });

  it('secondary suppression cannot be undone from the totals (brute force)', () => {
    const cells = [[2, 7], [6, 5]];
    const t = protectTable({ rowLabels: ['r1', 'r2'], colLabels: ['c1', 'c2'], cells }, k5);
    expect(t.cells).toEqual([['*', '*'], ['*', '*']]);
    // Every non-negative table with the published totals (row 9, 11; col 8, 12):
    const solutions: number[][] = [];
    for (let a = 0; a <= 9; a++) for (let b = 0; b <= 9; b++) for (let c = 0; c <= 11; c++) for (let d = 0; d <= 11; d++) {
      if (a + b === 9 && c + d === 11 && a + c === 8 && b + d === 12) solutions.push([a, b, c, d]);
    }
    // The primary cell (2) is consistent with 0..8: the totals cannot single it out.
    expect(new Set(solutions.map((s) => s[0])).size).toBe(9);
  });

  it('a small total is itself suppressed and protected', () => {
    const t = protectTable({ rowLabels: ['r1', 'r2'], colLabels: ['c1', 'c2'], cells: [[1, 2], [10, 20]] }, k5);
    expect(t.rowTotals![0]).toBe('*'); // 3
    for (const n of unknownsPerConstraint(t)) expect(n === 0 || n >= 2).toBe(true);
  });

  it('randomised tables always satisfy the invariant (seeded)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const cells = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => Math.floor(rand() * (rand() < 0.4 ? 6 : 40))));
      const t = protectTable({ rowLabels: ['a', 'b', 'c', 'd'], colLabels: ['1', '2', '3', '4', '5'], cells }, k5);
      for (const row of t.cells) for (const v of row) if (v !== SUPPRESSED) expect(v === 0 || v >= 5).toBe(true);
      for (const n of unknownsPerConstraint(t)) expect(n === 0 || n >= 2).toBe(true);
    }
  });

  it('profile column: one small group forces a second suppression', () => {
    const p = profileTable([
      { segmentCode: 'A', segmentName: 'A', users: 3, base: 100 },
      { segmentCode: 'B', segmentName: 'B', users: 12, base: 200 },
      { segmentCode: 'C', segmentName: 'C', users: 40, base: 300 },
    ]);
    const d = disclose(p, k5);
    expect(d.rows.map((r) => r.users)).toEqual(['*', '*', 40]);
    expect(d.total.users).toBe(55);
    // C's figures from exact counts: 40/55 = 72.73%; base 50.00%; index round(72.727/50×100) = 145
    expect(d.rows[2]).toMatchObject({ usersPct: 72.73, basePct: 50, index: 145, penetration: 13.33 });
    expect(d.rows[1]).toMatchObject({ usersPct: '*', index: '*' });
  });
});
