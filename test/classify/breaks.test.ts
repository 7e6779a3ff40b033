// Class breaks on typed, cached columns: the same breaks and counts as a fresh
// computation, and natural breaks above the exact limit close to exact Ckmeans.
import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { ckmeans } from 'simple-statistics';
import { classOf, computeBreaks } from '../../renderer/src/classify/breaks';
import { measureColumn } from '../../renderer/src/classify/measure-column';
import { EXACT_LIMIT, naturalBreaks } from '../../renderer/src/classify/natural-breaks';
import { buildGraduated } from '../../renderer/src/layers/graduated';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Within-class sum of squares of `sorted` split at `breaks`, as classOf reads them. */
function withinSsq(sorted: Float64Array, breaks: number[]): number {
  const sums = new Map<number, { n: number; s: number; q: number }>();
  for (const v of sorted) {
    const k = classOf(v, breaks);
    const e = sums.get(k) ?? { n: 0, s: 0, q: 0 };
    e.n++; e.s += v; e.q += v * v;
    sums.set(k, e);
  }
  let total = 0;
  for (const e of sums.values()) total += e.q - (e.s * e.s) / e.n;
  return total;
}

const exactBreaks = (sorted: Float64Array, k: number) => ckmeans(Array.from(sorted), k).slice(1).map((c) => c[0]);

describe('natural breaks', () => {
  it('is simple-statistics Ckmeans up to the exact limit', () => {
    const rand = prng(1);
    const sorted = Float64Array.from({ length: 2000 }, () => rand() ** 2 * 100).sort();
    expect(naturalBreaks(sorted, 5)).toEqual(exactBreaks(sorted, 5));
  });

  it('is exact above the limit when there are few distinct values', () => {
    const rand = prng(2);
    const sorted = Float64Array.from({ length: EXACT_LIMIT + 5000 }, () => Math.round(rand() ** 3 * 800)).sort();
    expect(naturalBreaks(sorted, 6)).toEqual(exactBreaks(sorted, 6));
  });

  it('is within 0.1% of the exact fit for many distinct values', () => {
    const rand = prng(3);
    const sorted = Float64Array.from({ length: 60_000 }, () => 50 + 9000 * rand() ** 3).sort();
    for (const k of [5, 7]) {
      const approx = withinSsq(sorted, naturalBreaks(sorted, k));
      const exact = withinSsq(sorted, exactBreaks(sorted, k));
      expect(approx).toBeGreaterThanOrEqual(exact * (1 - 1e-9));
      expect(approx / exact - 1).toBeLessThan(1e-3);
    }
  });
});

describe('graduated styles from cached columns', () => {
  const rand = prng(4);
  const features: Feature[] = Array.from({ length: 3000 }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [0, 0] },
    properties: { v: i % 17 === 0 ? null : Math.round(rand() * 1000) / 10 },
  }));
  const values = features.flatMap((f) => (typeof f.properties?.v === 'number' ? [f.properties.v as number] : []));

  it('gives the breaks and counts of a fresh computation', () => {
    for (const method of ['quantile', 'equal', 'ckmeans'] as const) {
      const style = buildGraduated(features, { measure: 'v', measureLabel: 'V', unit: '' }, { method, classCount: 6, ramp: 'YlGnBu' });
      expect(style.breaks).toEqual(computeBreaks(values, method, 6));
      const counts = new Array<number>(style.breaks.length + 1).fill(0);
      for (const v of values) counts[classOf(v, style.breaks)]++;
      expect(style.counts).toEqual(counts);
    }
  });

  it('notices values written in place', () => {
    const before = measureColumn(features, 'v').sorted;
    features[1].properties!.v = 5000;
    const after = measureColumn(features, 'v');
    expect(after.sorted).not.toBe(before);
    expect(after.sorted[after.sorted.length - 1]).toBe(5000);
    expect(measureColumn(features, 'v').sorted).toBe(after.sorted);
  });
});
