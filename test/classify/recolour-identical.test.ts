// The recolour's fast path (issue 18) must draw and label exactly what the
// code before it did. The reference here is that code, kept verbatim: quantile
// breaks from d3's scaleQuantile over the values (it copies and sorts them),
// and each area's colour from fillColour, which classes a value through d3's
// scaleThreshold (classOf). Compared on Rutland's real census figures and on a
// synthetic national level of 190,000 areas (skewed values, ties, missing).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { scaleQuantile, scaleQuantize } from 'd3-scale';
import { rampColours } from '../../renderer/src/classify/ramps';
import { breaksFromSorted, classIndex, classOf } from '../../renderer/src/classify/breaks';
import { buildGraduated } from '../../renderer/src/layers/graduated';
import { featureColours, fillColour, type AreaFillStyle } from '../../renderer/src/layers/fill-colours';
import { legendFor } from '../../renderer/src/legend/legend-model';
import { addAreaMeasures } from '../../renderer/src/project/area-measure';
import type { BivariateStyle, ClassMethod, DivergingStyle, GraduatedStyle, LayerDef } from '../../renderer/src/layers/types';
import { requireSharedData } from '../support/requirements';

type Method = Exclude<ClassMethod, 'manual'>;
const METHODS: Method[] = ['quantile', 'equal', 'ckmeans'];
const CLASS_COUNTS = [3, 4, 5, 6, 7, 8, 9];

/** The quantile breaks as they were made before: d3's scaleQuantile over the sorted column, ties merged. */
function d3QuantileBreaks(sorted: Float64Array, classCount: number): number[] {
  const q = scaleQuantile<number>().domain(sorted).range(Array.from({ length: classCount }, (_, k) => k)).quantiles();
  return q.filter((v, i) => i === 0 || v !== q[i - 1]).filter((b) => b > sorted[0]);
}

/** Every area's colour as fillColour gives it (classOf, d3's scaleThreshold), as RGBA bytes. */
function referenceColours(style: AreaFillStyle, features: readonly Feature[]): Uint8Array {
  const colour = fillColour(style);
  const out = new Uint8Array(features.length * 4);
  features.forEach((f, i) => out.set(colour(f), 4 * i));
  return out;
}

/** Index of the first area whose colour differs, or -1: a readable failure instead of 760k bytes. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i >> 2;
  return -1;
}

const layer = (style: GraduatedStyle): LayerDef => ({ id: 'density', title: 'Population density', subtitle: 'OA', source: { method: 'getLayerFeatures', input: {} } as never, style, drawnBy: 'deck', visible: true, opacity: 0.8, interactive: true });

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The style the code before made: its finite values sorted by Array#sort, quantile and
 * equal-interval breaks straight from d3's scales, natural breaks (unchanged) as before,
 * counts by classOf, colours of the ramp.
 */
function referenceStyle(features: Feature[], measure: string, method: Method, classCount: number): GraduatedStyle {
  const values = features.flatMap((f) => (typeof f.properties?.[measure] === 'number' && Number.isFinite(f.properties[measure]) ? [f.properties[measure] as number] : []));
  const sorted = Float64Array.from(values.sort((a, b) => a - b));
  const [min, max] = [sorted[0], sorted[sorted.length - 1]];
  const classes = Array.from({ length: classCount }, (_, k) => k);
  const breaks =
    method === 'quantile' ? d3QuantileBreaks(sorted, classCount)
    : method === 'equal' ? scaleQuantize<number>().domain([min, max]).range(classes).thresholds()
    : breaksFromSorted(sorted, method, classCount);
  const counts = new Array<number>(breaks.length + 1).fill(0);
  for (const v of sorted) counts[classOf(v, breaks)]++;
  return { type: 'graduated-fill', measure, measureLabel: measure, unit: 'per km²', method, classCount, ramp: 'YlGnBu', breaks, colours: rampColours('YlGnBu', breaks.length + 1), counts, min, max };
}

/** Every classification of `measure`: the same breaks, counts, colours, legend and area colours as the code before. */
function expectSameAsBefore(features: Feature[], measure: string, classCounts = CLASS_COUNTS) {
  for (const classCount of classCounts) {
    for (const method of METHODS) {
      // Natural breaks over 190k values are this test's slow part (~0.2 s each, twice): five classes only there.
      if (method === 'ckmeans' && classCount !== 5 && features.length > 20_000) continue;
      const what = `${measure}, ${method}, ${classCount} classes`;
      const style = buildGraduated(features, { measure, measureLabel: measure, unit: 'per km²' }, { method, classCount, ramp: 'YlGnBu' });
      const before = referenceStyle(features, measure, method, classCount);
      expect(style, what).toEqual(before);
      expect(legendFor(layer(style)), what).toEqual(legendFor(layer(before)));
      expect(firstDifference(featureColours(style, features), referenceColours(before, features)), what).toBe(-1);
    }
  }
}

describe('classIndex', () => {
  it('is classOf (d3 scaleThreshold) at, between and beyond the breaks', () => {
    const breaks = [-1, 0, 2.5, 2.5, 9, 1e6];
    const values = [-Infinity, -2, -1, -0.5, -0, 0, 1, 2.5, 3, 9, 9.000001, 1e6, 1e7, Infinity, Number.MIN_VALUE];
    for (const v of values) expect(classIndex(Float64Array.from(breaks), v), String(v)).toBe(classOf(v, breaks));
    for (const v of values) expect(classIndex(new Float64Array(0), v)).toBe(classOf(v, []));
  });
});

describe("Rutland's real census figures", () => {
  let features: Feature[] = [];
  const boundaries = requireSharedData('uk', 'rutland', 'oa11_boundaries.geojson');
  const population = requireSharedData('uk', 'rutland', 'population_census2021_ts001_by_oa.csv');
  const cars = requireSharedData('uk', 'rutland', 'car_availability_census2021_ts045_by_oa.csv');

  beforeAll(() => {
    if (!boundaries || !population || !cars) return;
    const rows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const residents = new Map(rows(population).map((r) => [r[0], Number(r[1])]));
    const noCar = new Map(rows(cars).map((r) => [r[0], (100 * Number(r[2])) / Number(r[1])]));
    const fc = JSON.parse(readFileSync(boundaries, 'utf8')) as FeatureCollection;
    fc.features = fc.features.map((f) => {
      const code = String(f.properties?.OA11CD);
      return { ...f, properties: { code, population: residents.get(code) ?? null, no_car_pct: noCar.get(code) ?? null } };
    });
    features = addAreaMeasures(fc).features as Feature[];
  });

  it.runIf(boundaries && population && cars)('classes density, population and car-less households as before', () => {
    // Rutland has 138 OAs in the 2011 boundaries, each with a 2021 population.
    expect(features.length).toBeGreaterThan(100);
    expect(features.filter((f) => typeof f.properties?.density === 'number').length).toBeGreaterThan(100);
    for (const measure of ['density', 'population', 'no_car_pct']) expectSameAsBefore(features, measure);
  });
});

describe('a synthetic national level of 190,000 areas', () => {
  const rand = prng(18);
  // Density spread over four orders of magnitude, 0.5% of areas with no value; a whole-number
  // count with many ties; a measure where most areas share one value (quantiles collapse).
  const features: Feature[] = Array.from({ length: 190_000 }, (_, i) => {
    const u = rand();
    return {
      type: 'Feature',
      geometry: null as never,
      properties: {
        // Some areas exactly on the bivariate fill's density breaks, where < and <= part.
        density: i % 199 === 0 ? null : i % 1000 === 1 ? 100 : i % 1000 === 2 ? 1000 : 10 ** (1 + 3 * u * u) * (0.5 + rand()),
        population: Math.round(100 + 400 * rand()),
        gap: rand() < 0.7 ? 0 : Math.round(rand() * 50) / 10,
        // In steps of 0.05, so many areas lie exactly on the diverging breaks (0.5, 0.8, 1, 1.25, 2).
        ratio: i % 97 === 0 ? null : Math.round((0.2 + 1.8 * rand()) * 20) / 20,
      },
    };
  });

  it('classes each measure as before, every method, four class counts', () => {
    for (const measure of ['density', 'population', 'gap']) expectSameAsBefore(features, measure, [3, 5, 6, 9]);
  }, 120_000);

  it('colours a diverging and a bivariate fill as before', () => {
    const diverging: DivergingStyle = {
      type: 'diverging-fill', measure: 'ratio', measureLabel: 'Uptake', breaks: [0.5, 0.8, 1, 1.25, 2],
      classes: ['#2166ac', '#67a9cf', '#d1e5f0', '#fddbc7', '#ef8a62', '#b2182b'].map((colour) => ({ label: colour, colour, count: 0 })),
      outlineField: 'significance', outlines: [], noDataColour: '#cccccc', noDataLabel: 'No value', noDataCount: 0,
    };
    const bivariate: BivariateStyle = {
      type: 'bivariate-fill', xMeasure: 'density', xLabel: 'Need', xBreaks: [100, 1000], yMeasure: 'ratio', yLabel: 'Uptake', yBreaks: [0.8, 1.25],
      colours: ['#e8e8e8', '#ace4e4', '#5ac8c8', '#dfb0d6', '#a5add3', '#5698b9', '#be64ac', '#8c62aa', '#3b4994'], counts: [], noDataColour: '#ffffff', noDataCount: 0,
    };
    for (const style of [diverging, bivariate]) expect(firstDifference(featureColours(style, features), referenceColours(style, features)), style.type).toBe(-1);
  });

  it('refuses a style with fewer colours than classes rather than drawing the last classes transparent', () => {
    const style = referenceStyle(features, 'density', 'quantile', 5);
    expect(() => featureColours({ ...style, colours: style.colours.slice(0, -1) }, features)).toThrow(/colours for \d+ classes/);
  });
});
