// Class breaks for a numeric layer. Breaks are the n - 1 thresholds between n
// classes: a value below breaks[k] falls in class k, as d3's scaleThreshold reads them.
import { quantileSorted } from 'simple-statistics';
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

/** Breaks from values already sorted ascending and finite: O(k) except natural breaks (cached per column and count). */
export function breaksFromSorted(sorted: Float64Array, method: Exclude<ClassMethod, 'manual'>, classCount: number): number[] {
  if (sorted.length === 0 || classCount < 2) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [];
  if (method === 'equal') return Array.from({ length: classCount - 1 }, (_, k) => min + ((k + 1) * (max - min)) / classCount);
  if (method === 'quantile') {
    const raw = Array.from({ length: classCount - 1 }, (_, k) => quantileSorted(sorted as unknown as number[], (k + 1) / classCount));
    return unique(raw).filter((b) => b > min);
  }
  return cachedNaturalBreaks(sorted, classCount);
}

/** `values` need not be sorted; non-finite values are ignored. */
export function computeBreaks(values: ArrayLike<number>, method: Exclude<ClassMethod, 'manual'>, classCount: number): number[] {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  return breaksFromSorted(sorted, method, classCount);
}

/** Index of the class a value falls in, for `breaks` as above. */
export function classOf(value: number, breaks: number[]): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value < breaks[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Parses "100, 500, 2500" (commas, semicolons or spaces between values) into sorted breaks. */
export function parseManualBreaks(text: string): number[] | null {
  const parts = text.split(/[;,\s]+/).filter((p) => p !== '');
  const numbers = parts.map((p) => Number(p.replace(/_/g, '')));
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n))) return null;
  return unique([...numbers].sort((a, b) => a - b));
}
