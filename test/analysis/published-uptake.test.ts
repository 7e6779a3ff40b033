// Uptake as published (shared/analysis/published-uptake), against limits
// worked by hand from the exact Poisson and Byar formulas.
import { describe, expect, it } from 'vitest';
import { byarsUpper, exactPoissonUpper } from '../../shared/analysis/intervals';
import { publishedUptake } from '../../shared/analysis/published-uptake';

const NHS = { kind: 'nhs' } as const;

describe('publishedUptake', () => {
  it('a shown count: flags from the interval as printed (3 dp)', () => {
    // Byar upper for 10: 11 × (1 − 1/99 + 1.96/(3√11))³ = 11 × 1.18689³ = 18.391; / 20.61 = 0.8924 < 1 → low.
    expect(byarsUpper(10)).toBeCloseTo(18.391, 3);
    const p = publishedUptake('A', 10, 20.61, NHS);
    expect(p.shown!.ci95!.upper).toBeCloseTo(0.8924, 4);
    expect(p.significance95).toBe('low');
    // Expected 18.3987 puts the upper limit at 18.391 / 18.3987 = 0.99957, printed 1.000: "low" would
    // contradict the printed interval, so the published flag is "not significant".
    const edge = publishedUptake('B', 10, 18.3987, NHS);
    expect(edge.shown!.ci95!.upper).toBeLessThan(1);
    expect(edge.significance95).toBe('not significant');
  });

  it('a suppressed count under NHS: a flag only where every count 1–7 gives it', () => {
    // 95%: upper for 7 = χ²(0.975, 16) / 2 = 14.423, / 16.7 = 0.864; for 1 = 5.572 / 16.7 = 0.334: all low.
    expect(exactPoissonUpper(7)).toBeCloseTo(14.423, 3);
    // 99.8%: upper for 7 = χ²(0.999, 16) / 2 = 19.63 → 1.175 (not low); for 1 = 9.23 → 0.553 (low): they differ.
    expect(exactPoissonUpper(7, 0.998) / 16.7).toBeGreaterThan(1);
    expect(exactPoissonUpper(1, 0.998) / 16.7).toBeLessThan(1);
    const p = publishedUptake('C', '*', 16.7, NHS);
    expect(p).toEqual({ shown: null, significance95: 'low', significance998: '*' });
    // Expected 3: upper for 1 is 5.572 / 3 > 1 and 7's lower limit 2.814 / 3 < 1: not significant for every hidden count.
    expect(publishedUptake('D', '*', 3, NHS).significance95).toBe('not significant');
  });

  it('a suppressed count under a threshold rule may hide any count, so its flag is hidden too', () => {
    expect(publishedUptake('E', '*', 40, { kind: 'threshold', k: 10 })).toEqual({ shown: null, significance95: '*', significance998: '*' });
  });
});
