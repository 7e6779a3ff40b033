// Feature → colour for every area fill style, lookups precomputed per style.
// `fillColour` gives one feature's colour; `featureColours` writes every
// feature's colour into one RGBA byte array, which the map uploads as a small
// texture (feature-colour-extension.ts), so a recolour costs O(features),
// never O(vertices).
import type { Feature } from 'geojson';
import { classOf } from '../classify/breaks';
import { measureColumn } from '../classify/measure-column';
import { hexToRgb } from './palettes';
import type { BivariateStyle, CategoricalFillStyle, DivergingStyle, GraduatedStyle, LayerStyle } from './types';

export type Rgba = [number, number, number, number];
export type AreaFillStyle = CategoricalFillStyle | GraduatedStyle | DivergingStyle | BivariateStyle;

export function rgba(hex: string, alpha = 255): Rgba {
  return [...hexToRgb(hex), alpha] as Rgba;
}

export const NO_VALUE: Rgba = rgba('#e6e4df', 160);

export function isAreaFillStyle(s: LayerStyle): s is AreaFillStyle {
  return s.type === 'categorical-fill' || s.type === 'graduated-fill' || s.type === 'diverging-fill' || s.type === 'bivariate-fill';
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function fillColour(style: AreaFillStyle): (f: Feature) => Rgba {
  switch (style.type) {
    case 'categorical-fill': {
      const lookup = new Map(style.categories.map((c) => [c.value, rgba(c.colour)]));
      const other = rgba(style.otherColour);
      return (f) => lookup.get(String(f.properties?.[style.field])) ?? other;
    }
    case 'graduated-fill': {
      const palette = style.colours.map((c) => rgba(c));
      return (f) => {
        const v = f.properties?.[style.measure];
        return num(v) ? palette[classOf(v, style.breaks)] : NO_VALUE;
      };
    }
    case 'diverging-fill': {
      const palette = style.classes.map((c) => rgba(c.colour));
      const none = rgba(style.noDataColour, 200);
      return (f) => {
        const v = f.properties?.[style.measure];
        return num(v) ? palette[classOf(v, style.breaks)] : none;
      };
    }
    case 'bivariate-fill': {
      const palette = style.colours.map((c) => rgba(c));
      const none = rgba(style.noDataColour, 200);
      return (f) => {
        const x = f.properties?.[style.xMeasure];
        const y = f.properties?.[style.yMeasure];
        return num(x) && num(y) ? palette[classOf(y, style.yBreaks) * 3 + classOf(x, style.xBreaks)] : none;
      };
    }
  }
}

/** A stable key of everything that changes an area fill's colours, for updateTriggers. */
export function fillKey(style: AreaFillStyle): string {
  switch (style.type) {
    case 'categorical-fill':
      return `${style.field}|${style.categories.map((c) => c.value + c.colour).join('|')}`;
    case 'graduated-fill':
      return `${style.measure}|${style.breaks.join(',')}|${style.colours.join(',')}`;
    case 'diverging-fill':
      return `${style.measure}|${style.breaks.join(',')}|${style.classes.map((c) => c.colour).join(',')}`;
    case 'bivariate-fill':
      return `${style.xBreaks.join(',')}|${style.yBreaks.join(',')}|${style.colours.join(',')}`;
  }
}

function put(out: Uint8Array, i: number, c: Rgba): void {
  out[4 * i] = c[0];
  out[4 * i + 1] = c[1];
  out[4 * i + 2] = c[2];
  out[4 * i + 3] = c[3];
}

/** Every feature's fill as RGBA bytes, in feature order: the same colours as `fillColour`. */
export function featureColours(style: AreaFillStyle, features: readonly Feature[]): Uint8Array {
  const out = new Uint8Array(features.length * 4);
  switch (style.type) {
    case 'categorical-fill': {
      const colour = fillColour(style);
      for (let i = 0; i < features.length; i++) put(out, i, colour(features[i]));
      return out;
    }
    case 'graduated-fill':
    case 'diverging-fill': {
      // Typed columns read each value once; classOf is a binary search over a handful of breaks.
      const palette = style.type === 'graduated-fill' ? style.colours.map((c) => rgba(c)) : style.classes.map((c) => rgba(c.colour));
      const none = style.type === 'graduated-fill' ? NO_VALUE : rgba(style.noDataColour, 200);
      const { values } = measureColumn(features, style.measure);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        put(out, i, v === v ? palette[classOf(v, style.breaks)] : none);
      }
      return out;
    }
    case 'bivariate-fill': {
      const palette = style.colours.map((c) => rgba(c));
      const none = rgba(style.noDataColour, 200);
      const xs = measureColumn(features, style.xMeasure).values;
      const ys = measureColumn(features, style.yMeasure).values;
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        const y = ys[i];
        put(out, i, x === x && y === y ? palette[classOf(y, style.yBreaks) * 3 + classOf(x, style.xBreaks)] : none);
      }
      return out;
    }
  }
}
