// Uptake ratio per area: observed service users / users expected from need,
// an indirectly standardised ratio with Fingertips-style confidence limits.

import { CONFIDENCE_95, CONFIDENCE_998, countInterval, intervalMethodFor, type IntervalMethod } from './intervals';

export type Significance = 'low' | 'high' | 'not significant';

export interface RatioInterval {
  lower: number;
  upper: number;
}

export interface UptakeInput {
  areaCode: string;
  observed: number;
  expected: number;
}

export interface UptakeResult {
  areaCode: string;
  observed: number;
  expected: number;
  /** observed / expected; null when nothing is expected. */
  ratio: number | null;
  ci95: RatioInterval | null;
  ci998: RatioInterval | null;
  method: IntervalMethod;
  /** Against a ratio of 1 (uptake in line with need). */
  significance95: Significance;
  significance998: Significance;
}

/** Low when the whole interval sits below the reference, high when above it. */
export function significanceOf(interval: RatioInterval | null, reference = 1): Significance {
  if (!interval) return 'not significant';
  if (interval.upper < reference) return 'low';
  if (interval.lower > reference) return 'high';
  return 'not significant';
}

function ratioInterval(observed: number, expected: number, confidence: number): RatioInterval {
  const counts = countInterval(observed, confidence);
  return { lower: counts.lower / expected, upper: counts.upper / expected };
}

export function uptakeRatio(input: UptakeInput): UptakeResult {
  const { areaCode, observed, expected } = input;
  if (!(observed >= 0)) throw new RangeError(`${areaCode}: observed users must be >= 0, got ${observed}`);
  if (!(expected >= 0)) throw new RangeError(`${areaCode}: expected users must be >= 0, got ${expected}`);
  // The method alone, not a whole interval worked out to read it.
  const method = intervalMethodFor(observed);
  if (expected === 0) {
    return { areaCode, observed, expected, ratio: null, ci95: null, ci998: null, method,
      significance95: 'not significant', significance998: 'not significant' };
  }
  const ci95 = ratioInterval(observed, expected, CONFIDENCE_95);
  const ci998 = ratioInterval(observed, expected, CONFIDENCE_998);
  return {
    areaCode, observed, expected,
    ratio: observed / expected,
    ci95, ci998, method,
    significance95: significanceOf(ci95),
    significance998: significanceOf(ci998),
  };
}

export function uptakeRatios(inputs: UptakeInput[]): UptakeResult[] {
  return inputs.map(uptakeRatio);
}

/** Which interval decides "significantly low" for downstream rules. */
export type SignificanceLevel = 0.95 | 0.998;

export function isSignificantlyLow(result: UptakeResult, level: SignificanceLevel = 0.95): boolean {
  return (level === 0.95 ? result.significance95 : result.significance998) === 'low';
}
