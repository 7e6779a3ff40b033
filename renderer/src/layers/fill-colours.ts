// Feature → colour for every area fill style, lookups precomputed per style.
// `fillColour` gives one feature's colour; `featureColours` writes every
// feature's colour into one RGBA byte array, which the map uploads as a small
// texture (feature-colour-extension.ts), so a recolour costs O(features),
// never O(vertices).
import type { Feature } from 'geojson';
import { classIndex, classOf } from '../classify/breaks';
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

/**
 * Colours as 32-bit words laid out as their RGBA bytes are (whatever the
 * machine's byte order), so an area's colour is one store into a Uint32Array
 * view of the output.
 */
function words(colours: readonly Rgba[]): Uint32Array {
  const bytes = new Uint8Array(colours.length * 4);
  colours.forEach((c, k) => bytes.set(c, 4 * k));
  return new Uint32Array(bytes.buffer);
}

/** A class past the palette's end would be drawn transparent without a word. */
function enoughColours(palette: Uint32Array, classes: number): void {
  if (palette.length < classes) throw new Error(`the style has ${palette.length} colours for ${classes} classes`);
}

/** Every feature's fill as RGBA bytes, in feature order: the same colours as `fillColour`. */
export function featureColours(style: AreaFillStyle, features: readonly Feature[]): Uint8Array {
  const out = new Uint8Array(features.length * 4);
  const view = new Uint32Array(out.buffer);
  switch (style.type) {
    case 'categorical-fill': {
      const colour = fillColour(style);
      for (let i = 0; i < features.length; i++) out.set(colour(features[i]), 4 * i);
      return out;
    }
    case 'graduated-fill':
    case 'diverging-fill': {
      // One typed column read, a binary search over a handful of breaks and one store per area.
      const palette = words(style.type === 'graduated-fill' ? style.colours.map((c) => rgba(c)) : style.classes.map((c) => rgba(c.colour)));
      const [none] = words([style.type === 'graduated-fill' ? NO_VALUE : rgba(style.noDataColour, 200)]);
      const breaks = Float64Array.from(style.breaks);
      enoughColours(palette, breaks.length + 1);
      const { values } = measureColumn(features, style.measure);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        view[i] = v === v ? palette[classIndex(breaks, v)] : none;
      }
      return out;
    }
    case 'bivariate-fill': {
      const palette = words(style.colours.map((c) => rgba(c)));
      const [none] = words([rgba(style.noDataColour, 200)]);
      const xBreaks = Float64Array.from(style.xBreaks);
      const yBreaks = Float64Array.from(style.yBreaks);
      enoughColours(palette, (xBreaks.length + 1) * (yBreaks.length + 1));
      const xs = measureColumn(features, style.xMeasure).values;
      const ys = measureColumn(features, style.yMeasure).values;
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        const y = ys[i];
        view[i] = x === x && y === y ? palette[classIndex(yBreaks, y) * 3 + classIndex(xBreaks, x)] : none;
      }
      return out;
    }
  }
}
