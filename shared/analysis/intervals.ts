// Confidence limits for an observed count of events, as PHE Fingertips and the
// R package PHEindicatormethods compute them for indirectly standardised
// ratios (calculate_ISRatio): the exact Poisson (chi-square) method below 10
// events and Byar's approximation from 10 events up. The switch matches
// `if_else(observed < 10, qchisq(...), byars_...)` in PHEindicatormethods R/ISRatio.R.

import { chiSquareQuantile, normalQuantile } from './distributions';

export type IntervalMethod = 'exact' | 'byars';

/** Confidence levels Fingertips reports: 95% (about 2 s.d.) and 99.8% (about 3 s.d.). */
export const CONFIDENCE_95 = 0.95;
export const CONFIDENCE_998 = 0.998;

/** Events at or above which Byar's method replaces the exact method. */
export const BYARS_MIN_EVENTS = 10;

export interface CountInterval {
  lower: number;
  upper: number;
  method: IntervalMethod;
  confidence: number;
}

function checkInputs(observed: number, confidence: number): void {
  if (!(observed >= 0)) throw new RangeError(`observed events must be >= 0, got ${observed}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}

/** The two-sided z of each confidence level asked for, worked out once: a national table asks ~760,000 times for two levels. */
const zByConfidence = new Map<number, number>();
function twoSidedZ(confidence: number): number {
  let z = zByConfidence.get(confidence);
  if (z === undefined) zByConfidence.set(confidence, (z = normalQuantile(1 - (1 - confidence) / 2)));
  return z;
}

/** Byar's lower limit: O(1 − 1/(9O) − z/(3√O))³. */
export function byarsLower(observed: number, confidence = CONFIDENCE_95): number {
  checkInputs(observed, confidence);
  if (observed === 0) return 0;
  const z = twoSidedZ(confidence);
  return observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
}

/** Byar's upper limit: (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³. */
export function byarsUpper(observed: number, confidence = CONFIDENCE_95): number {
  checkInputs(observed, confidence);
  const o1 = observed + 1;
  const z = twoSidedZ(confidence);
  return o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
}

/** Exact Poisson lower limit: χ²⁻¹(α/2, 2O) / 2 (0 when O = 0). */
export function exactPoissonLower(observed: number, confidence = CONFIDENCE_95): number {
  checkInputs(observed, confidence);
  return chiSquareQuantile((1 - confidence) / 2, 2 * observed) / 2;
}

/** Exact Poisson upper limit: χ²⁻¹(1 − α/2, 2O + 2) / 2. */
export function exactPoissonUpper(observed: number, confidence = CONFIDENCE_95): number {
  checkInputs(observed, confidence);
  return chiSquareQuantile(1 - (1 - confidence) / 2, 2 * observed + 2) / 2;
}

/** The method Fingertips uses for this many events. */
export function intervalMethodFor(observed: number): IntervalMethod {
  return observed < BYARS_MIN_EVENTS ? 'exact' : 'byars';
}

/** Limits on the count itself; divide by expected to get limits on a ratio. */
export function countInterval(observed: number, confidence = CONFIDENCE_95, method = intervalMethodFor(observed)): CountInterval {
  if (method === 'exact') {
    const [lower, upper] = exactLimits(observed, confidence);
    return { lower, upper, method, confidence };
  }
  return { lower: byarsLower(observed, confidence), upper: byarsUpper(observed, confidence), method, confidence };
}

/**
 * Exact limits of whole counts, kept per confidence level: each is two
 * chi-square quantiles found by iteration, and a national table of small
 * areas asks for the same few counts (0–9 users) hundreds of thousands of times.
 * Fractional counts (users shared by proportion) are worked out each time.
 */
const exactByConfidence = new Map<number, ([number, number] | undefined)[]>();
const MEMO_COUNTS = 1024;
function exactLimits(observed: number, confidence: number): [number, number] {
  const memo = Number.isInteger(observed) && observed >= 0 && observed < MEMO_COUNTS;
  let known = memo ? exactByConfidence.get(confidence) : undefined;
  if (memo && !known) exactByConfidence.set(confidence, (known = []));
  const hit = known?.[observed];
  if (hit) return hit;
  const limits: [number, number] = [exactPoissonLower(observed, confidence), exactPoissonUpper(observed, confidence)];
  if (known) known[observed] = limits;
  return limits;
}
