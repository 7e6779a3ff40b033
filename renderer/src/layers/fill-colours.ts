// Feature → colour for every area fill style. Built once per style (lookups
// precomputed), so a recolour is one cheap call per feature.
import type { Feature } from 'geojson';
import { classOf } from '../classify/breaks';
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
