// One measure of every area as typed arrays: the values in feature order (for
// colouring) and the same values sorted (for class breaks and counts). Sorting
// 190k values is the dearest step of a reclassification, so the sorted copy is
// kept per measure and reused while the values stay the same.
import type { Feature } from 'geojson';

export interface MeasureColumn {
  /** Per feature, in feature order; NaN where the area has no finite value. */
  readonly values: Float64Array;
  /** The finite values, ascending; sorted on first use, since colouring alone never needs it. */
  readonly sorted: Float64Array;
}

class Column implements MeasureColumn {
  private sortedValues: Float64Array | null = null;
  constructor(readonly values: Float64Array) {}
  get sorted(): Float64Array {
    return (this.sortedValues ??= sortedFinite(this.values));
  }
}

// Analysis values are written onto the same feature objects in place, so the
// features array alone cannot tell a stale column: the values are re-read
// (a cheap O(n) pass) and compared with the cached ones before reuse.
const cache = new WeakMap<readonly Feature[], Map<string, MeasureColumn>>();

function valueOf(f: Feature, measure: string): number {
  const v = f.properties?.[measure];
  return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
}

function readValues(features: readonly Feature[], measure: string): Float64Array {
  const values = new Float64Array(features.length);
  for (let i = 0; i < features.length; i++) values[i] = valueOf(features[i], measure);
  return values;
}

/** Whether the features still hold `values`: one read, compared as it goes (no copy made, so no garbage a recolour). */
function stillHolds(features: readonly Feature[], measure: string, values: Float64Array): boolean {
  if (features.length !== values.length) return false;
  for (let i = 0; i < features.length; i++) {
    const v = valueOf(features[i], measure);
    // NaN marks a missing value on both sides, and NaN !== NaN.
    if (v !== values[i] && !(v !== v && values[i] !== values[i])) return false;
  }
  return true;
}

function sortedFinite(values: Float64Array): Float64Array {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) finite++;
  const out = new Float64Array(finite);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[j++] = values[i];
  // A typed array sorts numerically without a comparator: ~10× faster than Array#sort.
  return out.sort();
}

export function measureColumn(features: readonly Feature[], measure: string): MeasureColumn {
  let byMeasure = cache.get(features);
  if (!byMeasure) cache.set(features, (byMeasure = new Map()));
  const cached = byMeasure.get(measure);
  if (cached && stillHolds(features, measure, cached.values)) return cached;
  const column = new Column(readValues(features, measure));
  byMeasure.set(measure, column);
  return column;
}
