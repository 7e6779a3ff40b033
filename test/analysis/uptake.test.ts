import { describe, expect, it } from 'vitest';
import {
  byarsLower, byarsUpper, countInterval, exactPoissonLower, exactPoissonUpper, intervalMethodFor,
} from '../../shared/analysis/intervals';
import { chiSquareQuantile, normalQuantile } from '../../shared/analysis/distributions';
import { isSignificantlyLow, uptakeRatio } from '../../shared/analysis/uptake';
import { funnelLimitsAt, funnelPlotData } from '../../shared/analysis/funnel';
import { expectSigFigs } from './sig-figs';

// Published reference: PHEindicatormethods (UKHSA/PHE R package behind Fingertips),
// tests/testthat/testdata_funnel_ratio_outputs.csv, repository
// ukhsa-collaboration/PHEindicatormethods, commit 8ac28e54249d9b01d586b19d1d1b39f5af3d49ac.
// Each row gives, for an observed count O, the expected counts at which O sits on
// the 95% ("2s") and 99.8% ("3s") funnel limits. Those are the exact Poisson
// confidence limits of O (R/Funnels.R poisson_funnel solves the Poisson tails):
//   lower_2s_exp_events = upper 95% limit,  upper_2s_exp_events = lower 95% limit,
//   lower_3s_exp_events = upper 99.8% limit, upper_3s_exp_events = lower 99.8% limit.
// Columns: O, upper95, lower95, upper998, lower998 (copied from the file).
const PHE_EXACT: [number, number, number, number, number][] = [
  [1, 5.571644585, 0.025317898, 9.233410143, 0.001000547],
  [2, 7.224687515, 0.242209467, 11.22886836, 0.04540199],
  [3, 8.767273828, 0.618671905, 13.06224507, 0.190533306],
  [5, 11.6683331, 1.623486324, 16.45474478, 0.739371928],
  [8, 15.76318696, 3.453831154, 21.15619716, 1.970813969],
  [9, 17.08479966, 4.11537405, 22.65737951, 2.452425215],
  [10, 18.39035799, 4.795387629, 24.13397235, 2.960519925],
  [11, 19.68203932, 5.491159964, 25.58929864, 3.491483541],
  [100, 121.6268111, 81.36400699, 134.9243187, 71.92139974],
  [716, 770.4222128, 664.5083011, 802.60414, 636.1521174],
];

describe('exact Poisson limits (chi-square method)', () => {
  it.each(PHE_EXACT)('O=%i matches PHEindicatormethods to 3 s.f. (and 1e-4 relative)', (o, u95, l95, u998, l998) => {
    const pairs: [number, number][] = [
      [exactPoissonUpper(o, 0.95), u95], [exactPoissonLower(o, 0.95), l95],
      [exactPoissonUpper(o, 0.998), u998], [exactPoissonLower(o, 0.998), l998],
    ];
    for (const [actual, reference] of pairs) {
      expectSigFigs(actual, reference, 3);
      // PHE's bisection stops at 1e-7 on a transformed scale, so its tiniest
      // limits (0.0010005 at O=1, 99.8%) carry ~5e-5 relative error; the true
      // value there is -ln(0.999) = 0.00100050.
      expect(Math.abs(actual - reference) / reference).toBeLessThan(1e-4);
    }
  });

  it('zero events: lower limit 0, upper limit -ln(0.025) at 95%', () => {
    expect(exactPoissonLower(0)).toBe(0);
    // chi-square with 2 df is exponential: qchisq(0.975, 2)/2 = -ln(0.025) = 3.6889
    expect(exactPoissonUpper(0)).toBeCloseTo(-Math.log(0.025), 8);
    expect(exactPoissonLower(1, 0.998)).toBeCloseTo(-Math.log(0.999), 10);
  });
});

describe("Byar's method", () => {
  it('O=100 at 95% matches the PHE Python port test values', () => {
    // DataS-DHSC/PHStatsMethods, ph_statistical_methods/archive/tests_old.py:
    //   byars(100) == (81.36210549052788, 121.62458755509265)
    expectSigFigs(byarsLower(100), 81.36210549052788, 3);
    expectSigFigs(byarsUpper(100), 121.62458755509265, 3);
    // The lower value agrees to every printed digit.
    expect(byarsLower(100)).toBeCloseTo(81.36210549052788, 9);
  });

  it('O=100, E=90 ratio limits match the byar gem documentation (z = 1.96)', () => {
    // rubydoc.info/gems/byar/1.0.0/Byar: Byar.upper(100, 90) => 1.3514260807978444,
    // b.lower(90) => 0.9040199067337297, upper_bound(100) => 121.628347271806.
    const r = uptakeRatio({ areaCode: 'X', observed: 100, expected: 90 });
    expectSigFigs(r.ci95!.upper, 1.3514260807978444, 3);
    expectSigFigs(r.ci95!.lower, 0.9040199067337297, 3);
    expectSigFigs(byarsUpper(100), 121.628347271806, 3);
  });

  it('99.8% limits at O=100 and O=716 agree with the published exact limits to 3 s.f.', () => {
    // No published Byar 99.8% figure was found; Byar's is an approximation to the
    // exact limits (Fingertips Technical Guide: Confidence Intervals), and at these
    // counts the two agree to 3 s.f. against PHE_EXACT above.
    for (const [o, , , u998, l998] of PHE_EXACT.filter(([o]) => o >= 100)) {
      expectSigFigs(byarsUpper(o, 0.998), u998, 3);
      expectSigFigs(byarsLower(o, 0.998), l998, 3);
    }
  });
});

describe('the 10-event switch', () => {
  it('uses exact below 10 and Byar from 10', () => {
    expect(intervalMethodFor(9)).toBe('exact');
    expect(intervalMethodFor(10)).toBe('byars');
    expect(countInterval(9).method).toBe('exact');
    expect(countInterval(10).method).toBe('byars');
  });

  it('O=9 reproduces the published exact limits; O=10 visibly uses Byar', () => {
    const [, u95, l95, u998, l998] = PHE_EXACT.find(([o]) => o === 9)!;
    const r9 = uptakeRatio({ areaCode: 'A', observed: 9, expected: 1 });
    expectSigFigs(r9.ci95!.upper, u95);
    expectSigFigs(r9.ci95!.lower, l95);
    expectSigFigs(r9.ci998!.upper, u998);
    expectSigFigs(r9.ci998!.lower, l998);

    // At O=10 the 99.8% upper limit by Byar (24.19…) differs from the exact
    // 24.13… in the third figure, so this shows which side of the switch we are on.
    const [, , , exactU998] = PHE_EXACT.find(([o]) => o === 10)!;
    const r10 = uptakeRatio({ areaCode: 'B', observed: 10, expected: 1 });
    expect(r10.method).toBe('byars');
    expect(r10.ci998!.upper).toBeCloseTo(byarsUpper(10, 0.998), 12);
    expect(Number(r10.ci998!.upper.toPrecision(3))).not.toBe(Number(exactU998.toPrecision(3)));
    // Byar within 0.3% of exact at 10 events (Technical Guide: within 0.2% at 95%).
    const [, exactU95] = PHE_EXACT.find(([o]) => o === 10)!;
    expect(Math.abs(r10.ci95!.upper - exactU95) / exactU95).toBeLessThan(0.002);
  });
});

describe('limits worked out once per count and confidence', () => {
  // countInterval keeps the exact limits of whole counts and the z of each
  // confidence (a national table asks for the same few counts ~760,000 times):
  // what it gives must be the same bits as working them out afresh, every time,
  // at either level, and a fractional count (users shared by proportion) is never
  // mistaken for a whole one it is near.
  it('gives the same bits as the chi-square quantiles and the Byar formula, asked once or again', () => {
    for (const confidence of [0.95, 0.998, 0.9]) {
      const z = normalQuantile(1 - (1 - confidence) / 2);
      for (let round = 0; round < 2; round++) {
        for (const o of [0, 1, 2, 5, 9, 2.5, 7.000001, 1023, 1024.5]) {
          const c = countInterval(o, confidence, 'exact');
          expect([c.lower, c.upper, c.method, c.confidence]).toEqual([
            chiSquareQuantile((1 - confidence) / 2, 2 * o) / 2, chiSquareQuantile(1 - (1 - confidence) / 2, 2 * o + 2) / 2, 'exact', confidence,
          ]);
        }
        for (const o of [10, 11, 37.5, 716]) {
          const c = countInterval(o, confidence);
          expect([c.lower, c.upper]).toEqual([
            o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3, (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3,
          ]);
        }
      }
    }
  });

  it('hands each caller an interval of its own', () => {
    const a = countInterval(3, 0.95);
    a.lower = -1;
    expect(countInterval(3, 0.95).lower).toBe(exactPoissonLower(3, 0.95));
  });
});

describe('uptakeRatio', () => {
  it('divides count limits by expected and flags significance', () => {
    // 8 users where 6.24 expected (first row of PHEindicatormethods testdata_funnel_ratio_inputs.csv)
    const r = uptakeRatio({ areaCode: 'E01', observed: 8, expected: 6.239860227 });
    expect(r.ratio).toBeCloseTo(8 / 6.239860227, 12);
    expect(r.ci95!.upper).toBeCloseTo(15.76318696 / 6.239860227, 6);
    expect(r.ci95!.lower).toBeCloseTo(3.453831154 / 6.239860227, 6);
    expect(r.significance95).toBe('not significant');

    // 159 observed vs 232.93 expected (same file): clearly low
    const low = uptakeRatio({ areaCode: 'E02', observed: 159, expected: 232.9329036 });
    expect(low.significance95).toBe('low');
    expect(low.significance998).toBe('low');
    expect(isSignificantlyLow(low)).toBe(true);

    // 507 vs 272.3: clearly high
    const high = uptakeRatio({ areaCode: 'E03', observed: 507, expected: 272.3024867 });
    expect(high.significance95).toBe('high');

    // zero users where 240.6 expected: low, exact method
    const none = uptakeRatio({ areaCode: 'E04', observed: 0, expected: 240.6273499 });
    expect(none.method).toBe('exact');
    expect(none.ci95!.lower).toBe(0);
    expect(none.significance95).toBe('low');
  });

  it('95% significant but not at 99.8%', () => {
    // O=20, E=31: 95% upper 30.89/31 < 1 (low); 99.8% upper 38.04/31 > 1.
    const r = uptakeRatio({ areaCode: 'X', observed: 20, expected: 31 });
    expect(r.significance95).toBe('low');
    expect(r.significance998).toBe('not significant');
    expect(isSignificantlyLow(r, 0.998)).toBe(false);
  });

  it('nothing expected gives no ratio', () => {
    const r = uptakeRatio({ areaCode: 'X', observed: 3, expected: 0 });
    expect(r.ratio).toBeNull();
    expect(r.significance95).toBe('not significant');
  });

  it('rejects negative counts', () => {
    expect(() => uptakeRatio({ areaCode: 'X', observed: -1, expected: 3 })).toThrow(RangeError);
  });
});

describe('funnel limits', () => {
  it('match the PHE funnel ratio outputs (lower_2s_isr etc., per 100)', () => {
    // Same CSV: O=1: lower_2s_isr 17.94802207, upper_2s_isr 3949.774946,
    // lower_3s_isr 10.83023482, upper_3s_isr 99945.32721;
    // O=100: 82.21871402, 122.9044681, 74.11562345, 139.0406755.
    const rows: [number, number, number, number, number][] = [
      [1, 17.94802207, 3949.774946, 10.83023482, 99945.32721],
      [100, 82.21871402, 122.9044681, 74.11562345, 139.0406755],
      [716, 92.93605352, 107.7488421, 89.20960712, 112.5516964],
    ];
    for (const [o, l95, u95, l998, u998] of rows) {
      const at = funnelLimitsAt(o, 'exact');
      expectSigFigs(at.lower95.ratio * 100, l95);
      expectSigFigs(at.upper95.ratio * 100, u95);
      expectSigFigs(at.lower998.ratio * 100, l998);
      expectSigFigs(at.upper998.ratio * 100, u998);
    }
  });

  it("'fingertips' method follows the area intervals' switch at 10 events", () => {
    expect(funnelLimitsAt(10, 'fingertips').lower95.expected).toBeCloseTo(byarsUpper(10), 12);
    expect(funnelLimitsAt(9, 'fingertips').lower95.expected).toBeCloseTo(exactPoissonUpper(9), 12);
    expect(funnelLimitsAt(10, 'exact').lower95.expected).toBeCloseTo(exactPoissonUpper(10), 12);
  });

  it('plot data covers every area and a point outside the 95% funnel is flagged', () => {
    const results = [
      uptakeRatio({ areaCode: 'low', observed: 159, expected: 232.9329036 }),
      uptakeRatio({ areaCode: 'mid', observed: 8, expected: 6.239860227 }),
    ];
    const data = funnelPlotData(results);
    expect(data.points.map((p) => p.areaCode)).toEqual(['low', 'mid']);
    const maxE = Math.max(...data.limits.upper95.map((p) => p.expected));
    expect(maxE).toBeGreaterThan(232.9329036);
    // The lower 95% line near E=233 lies above 159/233 = 0.68.
    const near = data.limits.lower95.reduce((a, b) => (Math.abs(b.expected - 233) < Math.abs(a.expected - 233) ? b : a));
    expect(near.ratio).toBeGreaterThan(159 / 232.9329036);
  });
});

describe('quantile functions', () => {
  it('normal and chi-square quantiles match standard tables', () => {
    // Standard tables: z(0.975) = 1.959964, z(0.999) = 3.090232; qchisq(0.95, 1) = 3.841459
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306, 8);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458821, 6);
    expect(chiSquareQuantile(0.05, 10)).toBeCloseTo(3.940299136, 6);
  });
});
