// Class breaks for a numeric layer. Breaks are the n - 1 thresholds between n
// classes: a value below breaks[k] falls in class k, as d3's scaleThreshold reads them.
// Quantiles and equal intervals are d3-scale's (scaleQuantile's thresholds,
// read straight off the sorted column; scaleQuantize), and a value's class is
// scaleThreshold's, so one library defines the classes.
import { scaleQuantize, scaleThreshold, type ScaleThreshold } from 'd3-scale';
import { bisectRight } from '../../../shared/bisect';
import { naturalBreaks } from './natural-breaks';
import type { ClassMethod } from '../layers/types';

export const METHOD_LABELS: Record<ClassMethod, string> = {
  quantile: 'Quantiles (equal counts)',
  equal: 'Equal intervals',
  ckmeans: 'Natural breaks (Ckmeans)',
  manual: 'Manual breaks',
};

function unique(sorted: number[]): number[] {
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

// Natural breaks are the one costly method (tens of ms at 190k even grouped):
// kept per sorted column and class count. measureColumn hands back the same
// sorted column while a measure's values are unchanged, so going back to a
// classification already seen costs nothing; new values drop the entry.
const naturalCache = new WeakMap<Float64Array, Map<number, number[]>>();

function cachedNaturalBreaks(sorted: Float64Array, classCount: number): number[] {
  let byCount = naturalCache.get(sorted);
  if (!byCount) naturalCache.set(sorted, (byCount = new Map()));
  let breaks = byCount.get(classCount);
  if (!breaks) byCount.set(classCount, (breaks = naturalBreaks(sorted, classCount)));
  return [...breaks];
}

/**
 * d3's scaleQuantile().domain(sorted).range(k classes).quantiles(), read off
 * the sorted column: its thresholds are quantileSorted(domain, i / k), and
 * the domain it would copy and sort (190k numbers, a comparator call each)
 * is this column already (finite, ascending). test/classify/recolour-identical
 * checks the two agree.
 */
function quantileThresholds(sorted: Float64Array, classCount: number): number[] {
  const n = sorted.length;
  const out: number[] = [];
  for (let c = 1; c < classCount; c++) {
    const p = c / classCount;
    if (n < 2) out.push(sorted[0]);
    else {
      // d3-array's quantileSorted, interpolating between the two values either side of (n - 1) p.
      const i = (n - 1) * p;
      const i0 = Math.floor(i);
      const v0 = sorted[i0];
      out.push(v0 + (sorted[i0 + 1] - v0) * (i - i0));
    }
  }
  return out;
}

/** Breaks from values already sorted ascending and finite: O(k) except natural breaks (cached per column and count). */
export function breaksFromSorted(sorted: Float64Array, method: Exclude<ClassMethod, 'manual'>, classCount: number): number[] {
  if (sorted.length === 0 || classCount < 2) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [];
  const classes = Array.from({ length: classCount }, (_, k) => k);
  if (method === 'equal') return scaleQuantize<number>().domain([min, max]).range(classes).thresholds();
  if (method === 'quantile') {
    // Equal quantiles (many areas with one value) are merged: a class "9 to under 9" holds nothing.
    return unique(quantileThresholds(sorted, classCount)).filter((b) => b > min);
  }
  return cachedNaturalBreaks(sorted, classCount);
}

/** `values` need not be sorted; non-finite values are ignored. */
export function computeBreaks(values: ArrayLike<number>, method: Exclude<ClassMethod, 'manual'>, classCount: number): number[] {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  return breaksFromSorted(sorted, method, classCount);
}

// One threshold scale per breaks array: classOf runs once per area per redraw.
const thresholdScales = new WeakMap<readonly number[], ScaleThreshold<number, number>>();

/** Index of the class a value falls in, for `breaks` as above. */
export function classOf(value: number, breaks: readonly number[]): number {
  let scale = thresholdScales.get(breaks);
  if (!scale) thresholdScales.set(breaks, (scale = scaleThreshold<number, number>().domain([...breaks]).range(Array.from({ length: breaks.length + 1 }, (_, k) => k))));
  // NaN has no class; callers test for a value first, and the last class is the old answer.
  return scale(value) ?? breaks.length;
}

/**
 * classOf for a finite value against breaks held in a typed array: the same
 * search as scaleThreshold's (d3's bisectRight: how many breaks are <= value),
 * without a scale call per value, for colouring every area at once.
 */
export function classIndex(breaks: Float64Array, value: number): number {
  return bisectRight(breaks, value);
}

/** Parses "100, 500, 2500" (commas, semicolons or spaces between values) into sorted breaks. */
export function parseManualBreaks(text: string): number[] | null {
  const parts = text.split(/[;,\s]+/).filter((p) => p !== '');
  const numbers = parts.map((p) => Number(p.replace(/_/g, '')));
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n))) return null;
  return unique([...numbers].sort((a, b) => a - b));
}
