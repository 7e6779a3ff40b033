// The per-vertex path as the app had it before the feature-colour texture:
// classes from a fresh sort (and exact Ckmeans over every area) on each
// change, and getFillColor evaluated per feature then copied to each of its
// vertices by deck.gl. Kept here only so the bench can time both side by side.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import { ckmeans, quantileSorted } from 'simple-statistics';
import { classOf } from '../../renderer/src/classify/breaks';
import { rampColours } from '../../renderer/src/classify/ramps';
import { fillColour, fillKey } from '../../renderer/src/layers/fill-colours';
import type { GraduatedChoice } from '../../renderer/src/layers/graduated';
import type { GraduatedStyle } from '../../renderer/src/layers/types';

const unique = (sorted: number[]) => sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);

function legacyBreaks(values: number[], method: GraduatedChoice['method'], classCount: number): number[] {
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort() as unknown as number[];
  if (sorted.length === 0 || classCount < 2) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [];
  if (method === 'equal') return Array.from({ length: classCount - 1 }, (_, k) => min + ((k + 1) * (max - min)) / classCount);
  if (method === 'quantile') return unique(Array.from({ length: classCount - 1 }, (_, k) => quantileSorted(sorted, (k + 1) / classCount))).filter((b) => b > min);
  const plain = Array.from(sorted);
  return ckmeans(plain, Math.min(classCount, unique(plain).length)).slice(1).map((c) => c[0]);
}

export function legacyBuildGraduated(features: Feature[], base: Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit'>, choice: GraduatedChoice): GraduatedStyle {
  const values: number[] = [];
  for (const f of features) {
    const v = f.properties?.[base.measure];
    if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
  }
  let min = values.length ? Infinity : 0;
  let max = values.length ? -Infinity : 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const breaks = legacyBreaks(values, choice.method, choice.classCount);
  const counts = new Array<number>(breaks.length + 1).fill(0);
  for (const v of values) counts[classOf(v, breaks)]++;
  const colours = rampColours(choice.ramp, breaks.length + 1);
  return { type: 'graduated-fill', ...base, method: choice.method, classCount: choice.classCount, ramp: choice.ramp, breaks, colours, counts, min, max };
}

export function legacyAreaLayer(id: string, style: GraduatedStyle, data: FeatureCollection): Layer {
  return new GeoJsonLayer({
    id,
    data,
    opacity: 0.85,
    filled: true,
    stroked: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    getFillColor: fillColour(style) as never,
    updateTriggers: { getFillColor: `${fillKey(style)}#0` },
  } as never);
}
