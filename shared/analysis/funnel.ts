// Funnel-plot data for uptake ratios: the 95% and 99.8% control limits of the
// ratio plotted against the expected count.
//
// Built the way PHEindicatormethods builds ratio funnels (calculate_funnel_limits,
// statistic = "ratio"): for each observed count O, the expected count E at which
// O sits exactly on a limit is a Poisson confidence limit of O, and the limit
// line passes through (E, O/E). The lower control line uses the upper limit of
// O, the upper line the lower limit. PHE uses exact Poisson limits for every O
// here; 'fingertips' switches to Byar's at 10 events so the funnel agrees point
// for point with each area's own interval.

import { CONFIDENCE_95, CONFIDENCE_998, countInterval, intervalMethodFor, type IntervalMethod } from './intervals';
import type { Significance, UptakeResult } from './uptake';

export interface FunnelPoint {
  expected: number;
  ratio: number;
}

export interface FunnelLimits {
  lower95: FunnelPoint[];
  upper95: FunnelPoint[];
  lower998: FunnelPoint[];
  upper998: FunnelPoint[];
}

export interface FunnelOptions {
  /** 'exact' as the PHE funnel tool; 'fingertips' uses the same switch as the area intervals. */
  method?: 'exact' | 'fingertips';
  /** Largest observed count to trace the limits to. */
  maxObserved: number;
}

/** Observed counts to trace: every count to 30, then ~3% steps (enough for a smooth line). */
export function funnelObservedSteps(maxObserved: number): number[] {
  const steps: number[] = [];
  for (let o = 1; o <= Math.min(30, maxObserved); o++) steps.push(o);
  let o = 30;
  while (o < maxObserved) {
    o = Math.min(maxObserved, Math.max(o + 1, Math.round(o * 1.03)));
    steps.push(o);
  }
  return steps;
}

function methodFor(observed: number, option: FunnelOptions['method']): IntervalMethod {
  return option === 'fingertips' ? intervalMethodFor(observed) : 'exact';
}

/** Control limits at one observed count: E on each limit line. */
export function funnelLimitsAt(observed: number, method: FunnelOptions['method'] = 'exact') {
  const m = methodFor(observed, method);
  const c95 = countInterval(observed, CONFIDENCE_95, m);
  const c998 = countInterval(observed, CONFIDENCE_998, m);
  return {
    observed,
    lower95: { expected: c95.upper, ratio: observed / c95.upper },
    upper95: { expected: c95.lower, ratio: observed / c95.lower },
    lower998: { expected: c998.upper, ratio: observed / c998.upper },
    upper998: { expected: c998.lower, ratio: observed / c998.lower },
  };
}

export function funnelLimits(options: FunnelOptions): FunnelLimits {
  const limits: FunnelLimits = { lower95: [], upper95: [], lower998: [], upper998: [] };
  for (const o of funnelObservedSteps(options.maxObserved)) {
    const at = funnelLimitsAt(o, options.method);
    limits.lower95.push(at.lower95);
    limits.upper95.push(at.upper95);
    limits.lower998.push(at.lower998);
    limits.upper998.push(at.upper998);
  }
  return limits;
}

export interface FunnelPlotData {
  points: { areaCode: string; expected: number; ratio: number; significance95: Significance; significance998: Significance }[];
  limits: FunnelLimits;
  /** The target line: uptake in line with need. */
  reference: 1;
}

/** Area points and the limit lines that frame them. */
export function funnelPlotData(results: UptakeResult[], method: FunnelOptions['method'] = 'exact'): FunnelPlotData {
  const plotted = results.filter((r) => r.ratio !== null);
  // The upper line reaches expected E only at O a little above E, so trace past both.
  const maxObserved = Math.max(10, ...plotted.map((r) => Math.ceil(Math.max(r.observed, r.expected) * 1.5 + 10)));
  return {
    points: plotted.map((r) => ({
      areaCode: r.areaCode, expected: r.expected, ratio: r.ratio as number,
      significance95: r.significance95, significance998: r.significance998,
    })),
    limits: funnelLimits({ maxObserved, method }),
    reference: 1,
  };
}
