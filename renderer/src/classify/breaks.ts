// Class breaks for a numeric layer. Breaks are the n - 1 thresholds between n
// classes: a value below breaks[k] falls in class k, as d3's scaleThreshold reads them.
import { ckmeans, quantileSorted } from 'simple-statistics';
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

/** `values` need not be sorted; non-finite values are ignored. */
export function computeBreaks(values: number[], method: Exclude<ClassMethod, 'manual'>, classCount: number): number[] {
  // A typed array sorts numerically without a comparator: ~10× faster on 190k national areas.
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort() as unknown as number[];
  if (sorted.length === 0 || classCount < 2) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [];
  if (method === 'equal') return Array.from({ length: classCount - 1 }, (_, k) => min + ((k + 1) * (max - min)) / classCount);
  if (method === 'quantile') {
    const raw = Array.from({ length: classCount - 1 }, (_, k) => quantileSorted(sorted, (k + 1) / classCount));
    return unique(raw).filter((b) => b > min);
  }
  // Ckmeans cannot make more clusters than there are distinct values.
  const plain = Array.from(sorted);
  const k = Math.min(classCount, unique(plain).length);
  const clusters = ckmeans(plain, k);
  // The threshold is where the next cluster starts, so every cluster keeps its own members.
  return clusters.slice(1).map((c) => c[0]);
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
