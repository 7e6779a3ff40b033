// Builds (and rebuilds) a graduated style from the measure's values: breaks,
// colours and per-class counts, so the legend shows exactly what is drawn.
import type { Feature } from 'geojson';
import { classOf, computeBreaks } from '../classify/breaks';
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
  base: Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit'>,
  choice: GraduatedChoice,
): GraduatedStyle {
  const values = measureValues(features, base.measure);
  // A loop, not Math.min(...values): spreading 190k national areas overflows the stack.
  let min = values.length ? Infinity : 0;
  let max = values.length ? -Infinity : 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const breaks =
    choice.method === 'manual' ? (choice.manualBreaks ?? []).filter((b) => b > min && b <= max) : computeBreaks(values, choice.method, choice.classCount);
  const classCount = breaks.length + 1;
  const counts = new Array<number>(classCount).fill(0);
  for (const v of values) counts[classOf(v, breaks)]++;
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
