// bisectLeft and bisectRight against the plainest reference, a count over the
// range: on seeded random arrays full of repeats, on every edge of a range
// (empty, one value, below and above everything, -0 and 0, infinities, NaN).
import { describe, expect, it } from 'vitest';
import { bisectLeft, bisectRight } from '../../shared/bisect';
import { mulberry32 } from '../support/random';

/** lo plus how many of sorted[lo, hi) are below `value` (or at or below it). */
function counted(sorted: Float64Array, value: number, lo: number, hi: number, orEqual: boolean): number {
  let n = lo;
  for (let i = lo; i < hi; i++) if (sorted[i] < value || (orEqual && sorted[i] === value)) n++;
  return n;
}

/** Every disagreement with the count, as text (none: []). */
function disagreements(sorted: Float64Array, values: number[], lo = 0, hi = sorted.length): string[] {
  const out: string[] = [];
  for (const v of values) {
    const left = [bisectLeft(sorted, v, lo, hi), counted(sorted, v, lo, hi, false)];
    const right = [bisectRight(sorted, v, lo, hi), counted(sorted, v, lo, hi, true)];
    if (left[0] !== left[1] || right[0] !== right[1]) out.push(`${v} in [${lo}, ${hi}) of [${sorted.join()}]: left ${left}, right ${right}`);
  }
  return out;
}

describe('bisectLeft and bisectRight', () => {
  const edges = [-Infinity, -1e300, -1, -0, 0, Number.MIN_VALUE, 0.5, 1, 2, 3, 1e300, Infinity, NaN];

  it('answer as a count over the range on edge cases', () => {
    for (const sorted of [new Float64Array(0), Float64Array.of(1), Float64Array.of(0, 0, 0), Float64Array.of(-0, 0), Float64Array.of(-Infinity, 1, 1, 2, Infinity)]) {
      expect(disagreements(sorted, edges)).toEqual([]);
      expect(disagreements(sorted, edges, 1, sorted.length)).toEqual([]);
    }
    // Whole-array defaults, spelled out: all below, all above, on the first and last.
    const a = Float64Array.of(1, 2, 2, 3);
    expect([bisectLeft(a, 0), bisectRight(a, 0), bisectLeft(a, 4), bisectRight(a, 4)]).toEqual([0, 0, 4, 4]);
    expect([bisectLeft(a, 2), bisectRight(a, 2), bisectLeft(a, 1), bisectRight(a, 3)]).toEqual([1, 3, 0, 4]);
    // NaN compares false with everything: it lands at lo, as the count says.
    expect([bisectLeft(a, NaN, 1, 3), bisectRight(a, NaN, 1, 3)]).toEqual([1, 1]);
  });

  it('answer as a count over the range on random arrays with repeats, whole and in sub-ranges', () => {
    const next = mulberry32(18);
    const wrong: string[] = [];
    for (let round = 0; round < 300; round++) {
      const n = Math.floor(next() * 70);
      const spread = 1 + Math.floor(next() * 20); // few distinct values: long runs of repeats
      const sorted = Float64Array.from({ length: n }, () => Math.floor(next() * spread) - spread / 2).sort();
      const values = [...edges, ...Array.from({ length: 10 }, () => Math.floor(next() * (spread + 4)) - spread / 2 - 2), ...Array.from(sorted.slice(0, 5))];
      const lo = Math.floor(next() * (n + 1));
      const hi = lo + Math.floor(next() * (n - lo + 1));
      wrong.push(...disagreements(sorted, values), ...disagreements(sorted, values, lo, hi));
    }
    expect(wrong).toEqual([]);
  });
});
