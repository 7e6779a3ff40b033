// Legend classes: duplicate quantiles merge, labels never read "9 to under 9",
// and the breaks are d3-scale's own.
import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { scaleQuantile, scaleQuantize } from 'd3-scale';
import { classOf, computeBreaks } from '../../renderer/src/classify/breaks';
import { classRangeLabels } from '../../renderer/src/classify/class-labels';
import { buildGraduated } from '../../renderer/src/layers/graduated';
import { legendFor } from '../../renderer/src/legend/legend-model';
import type { LayerDef } from '../../renderer/src/layers/types';

describe('class breaks', () => {
  it('merges quantiles that fall on one value, so no class is empty by construction', () => {
    // 10 values, 6 of them 9: the 20/40/60/80% quantiles are 2.8, 9, 9, 9 → breaks 2.8 and 9, three classes.
    const values = [1, 2, 3, 9, 9, 9, 9, 9, 9, 12];
    expect(computeBreaks(values, 'quantile', 5)).toEqual([2.8, 9]);
    // d3-scale's quantiles, before merging, are the same thresholds.
    expect(scaleQuantile<number>().domain(values).range([0, 1, 2, 3, 4]).quantiles()).toEqual([2.8, 9, 9, 9]);
  });

  it('takes equal intervals from scaleQuantize', () => {
    // 0..10 in 4 classes: 2.5, 5, 7.5.
    expect(computeBreaks([0, 3, 10], 'equal', 4)).toEqual([2.5, 5, 7.5]);
    expect(computeBreaks([0, 3, 10], 'equal', 4)).toEqual(scaleQuantize<number>().domain([0, 10]).range([0, 1, 2, 3]).thresholds());
  });

  it('reads a class as scaleThreshold does: below the first break is class 0, a value on a break is in the class above', () => {
    expect([0, 2.79, 2.8, 8.99, 9, 100].map((v) => classOf(v, [2.8, 9]))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('class labels', () => {
  it('adds digits until neighbouring bounds differ', () => {
    // At three significant figures 8.996 and 9.004 would both read "9".
    expect(classRangeLabels([1.5, 8.996, 9.004])).toEqual(['1.5 to under 8.996', '8.996 to under 9.004', '9.004 and over']);
    expect(classRangeLabels([0.12, 3.4, 250])).toEqual(['0.12 to under 3.4', '3.4 to under 250', '250 and over']);
    // Hundreds: whole numbers first (120, 120), then one decimal (120.4, 120.4), then two.
    expect(classRangeLabels([120.4, 120.42], 'users')).toEqual(['120.4 to under 120.42', '120.42 users and over']);
  });

  it('gives a quantile legend with no "x to under x" class, on values that made one before', () => {
    // Rates clustered at 9: the quantiles 8.998 and 9.002 printed as "9 to under 9" at three significant figures.
    const values = [5, 8.996, 8.998, 8.999, 9.001, 9.002, 9.003, 14, 20, 31];
    const features: Feature[] = values.map((v) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { v } }));
    const style = buildGraduated(features, { measure: 'v', measureLabel: 'Rate', unit: 'per 1,000' }, { method: 'quantile', classCount: 5, ramp: 'YlGnBu' });
    const def = { id: 'rate', title: 'Rate', subtitle: '', visible: true, opacity: 0.8, drawnBy: 'deck', style } as unknown as LayerDef;
    const labels = legendFor(def).entries.map((e) => e.label);
    expect(labels).toHaveLength(5);
    for (const l of labels) {
      const m = /^(.+) to under (.+)$/.exec(l);
      if (m) expect(m[1]).not.toBe(m[2]);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });
});
