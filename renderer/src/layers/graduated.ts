// Builds (and rebuilds) a graduated style from the measure's values: breaks,
// colours and per-class counts, so the legend shows exactly what is drawn.
import type { Feature } from 'geojson';
import { breaksFromSorted } from '../classify/breaks';
import { measureColumn } from '../classify/measure-column';
import { bisectLeft } from '../../../shared/bisect';
import { rampColours } from '../classify/ramps';
import type { ClassMethod, GraduatedStyle } from './types';

export function measureValues(features: Feature[], measure: string): number[] {
  const out: number[] = [];
  for (const f of features) {
    const v = f.properties?.[measure];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

export interface GraduatedChoice {
  method: ClassMethod;
  classCount: number;
  ramp: string;
  /** Only read when method is manual. */
  manualBreaks?: number[];
}

export function buildGraduated(
  features: Feature[],
  base: Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit' | 'decimals'>,
  choice: GraduatedChoice,
): GraduatedStyle {
  // The sorted column is cached per measure, so a reclassification costs a
  // re-read of the values plus O(k) breaks, not a sort of every area.
  const { sorted } = measureColumn(features, base.measure);
  const min = sorted.length ? sorted[0] : 0;
  const max = sorted.length ? sorted[sorted.length - 1] : 0;
  const breaks =
    choice.method === 'manual' ? (choice.manualBreaks ?? []).filter((b) => b > min && b <= max) : breaksFromSorted(sorted, choice.method, choice.classCount);
  const classCount = breaks.length + 1;
  // Class k holds the values in [breaks[k - 1], breaks[k]): how many lie below each break, by binary search.
  const below = [0, ...breaks.map((b) => bisectLeft(sorted, b)), sorted.length];
  const counts = Array.from({ length: classCount }, (_, k) => below[k + 1] - below[k]);
  return {
    type: 'graduated-fill',
    ...base,
    method: choice.method,
    classCount: choice.method === 'manual' ? classCount : choice.classCount,
    ramp: choice.ramp,
    breaks,
    colours: rampColours(choice.ramp, classCount),
    counts,
    min,
    max,
  };
}
