// Binary search of a sorted Float64Array, for the hot loops that ask it once
// per row or per area (a postcode's place in the directory, a value's class):
// no comparator call, and one array type so the engine keeps them inlined.
// The answers are d3-array's bisectLeft and bisectRight over [lo, hi).

/** The first position in [lo, hi) whose value is >= `value` (hi when none): how many lie below it, plus lo. */
export function bisectLeft(sorted: Float64Array, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in [lo, hi) whose value is > `value` (hi when none): how many lie at or below it, plus lo. */
export function bisectRight(sorted: Float64Array, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
