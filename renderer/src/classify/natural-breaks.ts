// Natural breaks (Ckmeans) for any number of areas without blocking the UI.
// simple-statistics' exact Ckmeans takes ~1–1.5 s over 190k national Output
// Areas, so above EXACT_LIMIT values the sorted values are first gathered into
// groups and the same dynamic programme runs over the groups, weighted by
// their counts:
// - each distinct value is one group while there are at most MAX_GROUPS of
//   them, and the result is then exact Ckmeans (ties never split a cluster);
// - otherwise each group is a run of consecutive sorted values of about equal
//   count (n / MAX_GROUPS, e.g. 12 of 190k). Within-group sums are exact, so
//   the only approximation is that a break can only fall between groups:
//   each threshold is at most one group (~0.006% of the areas) away from
//   where exact Ckmeans would put it.
import { ckmeans } from 'simple-statistics';

/** Up to this many values, simple-statistics' exact Ckmeans runs unchanged (every local-authority project). */
export const EXACT_LIMIT = 20_000;
export const MAX_GROUPS = 16_384;

interface Groups {
  /** Smallest value of each group: where a class starting there begins. */
  first: Float64Array;
  /** Prefix sums (length m + 1) of count, value and value² per group, values shifted for precision. */
  w: Float64Array;
  s: Float64Array;
  q: Float64Array;
}

function groupSorted(sorted: Float64Array): Groups {
  const n = sorted.length;
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const byValue = distinct <= MAX_GROUPS;
  const target = byValue ? 1 : n / MAX_GROUPS;
  const first: number[] = [];
  const w = [0];
  const s = [0];
  const q = [0];
  // Shifting by the median keeps the sums of squares well conditioned, as simple-statistics does.
  const shift = sorted[n >> 1];
  let start = 0;
  while (start < n) {
    let end = byValue ? start + 1 : Math.max(start + 1, Math.round((first.length + 1) * target));
    // Equal values stay together, so no class boundary falls inside a tie.
    while (end < n && sorted[end] === sorted[end - 1]) end++;
    let sum = 0;
    let sq = 0;
    for (let i = start; i < end; i++) {
      const d = sorted[i] - shift;
      sum += d;
      sq += d * d;
    }
    first.push(sorted[start]);
    w.push(w[w.length - 1] + (end - start));
    s.push(s[s.length - 1] + sum);
    q.push(q[q.length - 1] + sq);
    start = end;
  }
  return { first: Float64Array.from(first), w: Float64Array.from(w), s: Float64Array.from(s), q: Float64Array.from(q) };
}

/**
 * Ckmeans over weighted groups: cost[c][i] is the least within-class sum of
 * squares of groups 0..i in c + 1 classes. The best start of the last class
 * never moves left as i grows, so each row is filled by divide and conquer
 * in O(m log m) (as Wang & Song's Ckmeans.1d.dp does).
 */
function groupedCkmeansStarts(g: Groups, k: number): number[] {
  const m = g.first.length;
  const { w, s, q } = g;
  const ssq = (j: number, i: number) => {
    const cw = w[i + 1] - w[j];
    const cs = s[i + 1] - s[j];
    return Math.max(0, q[i + 1] - q[j] - (cs * cs) / cw);
  };
  const cost: Float64Array[] = [];
  const from: Int32Array[] = [];
  const row0 = new Float64Array(m);
  for (let i = 0; i < m; i++) row0[i] = ssq(0, i);
  cost.push(row0);
  from.push(new Int32Array(m));
  for (let c = 1; c < k; c++) {
    const prev = cost[c - 1];
    const row = new Float64Array(m).fill(Infinity);
    const arg = new Int32Array(m);
    const fill = (iLo: number, iHi: number, jLo: number, jHi: number) => {
      if (iLo > iHi) return;
      const i = (iLo + iHi) >> 1;
      let best = Infinity;
      let bestJ = Math.max(c, jLo);
      for (let j = Math.max(c, jLo); j <= Math.min(i, jHi); j++) {
        const v = prev[j - 1] + ssq(j, i);
        if (v < best) {
          best = v;
          bestJ = j;
        }
      }
      row[i] = best;
      arg[i] = bestJ;
      fill(iLo, i - 1, jLo, bestJ);
      fill(i + 1, iHi, bestJ, jHi);
    };
    fill(c, m - 1, c, m - 1);
    cost.push(row);
    from.push(arg);
  }
  // Walk back from the last group: each class's first group, last class first.
  const starts: number[] = [];
  let i = m - 1;
  for (let c = k - 1; c > 0; c--) {
    const j = from[c][i];
    starts.unshift(j);
    i = j - 1;
  }
  return starts;
}

/** Thresholds (n - 1) between natural-break classes of `sorted` (ascending, finite, not all equal). */
export function naturalBreaks(sorted: Float64Array, classCount: number): number[] {
  if (sorted.length <= EXACT_LIMIT) {
    const plain = Array.from(sorted);
    let distinct = 1;
    for (let i = 1; i < plain.length; i++) if (plain[i] !== plain[i - 1]) distinct++;
    // Ckmeans cannot make more clusters than there are distinct values.
    const clusters = ckmeans(plain, Math.min(classCount, distinct));
    // The threshold is where the next cluster starts, so every cluster keeps its own members.
    return clusters.slice(1).map((c) => c[0]);
  }
  const groups = groupSorted(sorted);
  const k = Math.min(classCount, groups.first.length);
  if (k < 2) return [];
  return groupedCkmeansStarts(groups, k).map((j) => groups.first[j]);
}
