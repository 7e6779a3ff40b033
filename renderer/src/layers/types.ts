// Layer definitions are plain data: the layer panel, the legend, the map and
// (later) the PNG export all read the same description, so they cannot drift.
import type { MethodInput } from '../../../shared/contract';

/** Where a layer's features come from: one contract call. */
export type LayerSource =
  | { method: 'getAreaLayer'; input: MethodInput<'getAreaLayer'> }
  | { method: 'getSites'; input: MethodInput<'getSites'> }
  | { method: 'getLayerFeatures'; input: MethodInput<'getLayerFeatures'> }
  | { method: 'getScenarioAnalysis'; input: MethodInput<'getScenarioAnalysis'> }
  | { method: 'getIsochrones'; input: MethodInput<'getIsochrones'> }
  | { method: 'getAccessCoverage'; input: MethodInput<'getAccessCoverage'> }
  | { method: 'getUserHexbins'; input: MethodInput<'getUserHexbins'> }
  | { method: 'getAreaIndicatorLayer'; input: MethodInput<'getAreaIndicatorLayer'> }
  | { method: 'getTransitIsochrones'; input: MethodInput<'getTransitIsochrones'> };

/** One class of a categorical style; `value` is what the feature carries. */
export interface Category {
  value: string;
  label: string;
  colour: string;
  /** Features drawn in this class, so the legend can say how many. */
  count: number;
}

export type ClassMethod = 'quantile' | 'equal' | 'ckmeans' | 'manual';

export interface GraduatedStyle {
  type: 'graduated-fill';
  /** A numeric measure of each area, e.g. `density` (people per km²). */
  measure: string;
  measureLabel: string;
  unit: string;
  /** Decimal places the hover card shows (default 0: people per km² need none; an IMD score does). */
  decimals?: number;
  method: ClassMethod;
  classCount: number;
  /** ColorBrewer / d3-scale-chromatic scheme name, e.g. YlGnBu. */
  ramp: string;
  /** Upper bounds of all classes but the last (n - 1 values), derived or manual. */
  breaks: number[];
  colours: string[];
  /** Per class: how many areas fall in it. */
  counts: number[];
  min: number;
  max: number;
}

export interface CategoricalFillStyle {
  type: 'categorical-fill';
  field: string;
  categories: Category[];
  /** Colour for features whose value is missing or unknown. */
  otherColour: string;
  otherCount: number;
  /** What the legend calls those features, where the field's own default does not fit. */
  otherLabel?: string;
}

export interface SiteStyle {
  type: 'site-symbols';
  field: 'type';
  categories: Category[];
  radius: number;
  labels: boolean;
}

export interface RoadClass {
  id: string;
  label: string;
  highways: string[];
  colour: string;
  casing: string;
  /** Line width in pixels at zoom 12 and 16. */
  widths: [number, number];
  count: number;
}

export interface RoadStyle {
  type: 'road-lines';
  classes: RoadClass[];
}

export interface OutlineStyle {
  type: 'outline';
  colour: string;
  width: number;
  label: string;
}

/** One class of a fixed-break style: values from `from` up to (not including) `to`. */
export interface FixedClass {
  label: string;
  colour: string;
  count: number;
}

/** An outline drawn over some areas (e.g. significantly low uptake), with its own legend line. */
export interface AreaOutline {
  value: string;
  label: string;
  colour: string;
  width: number;
  count: number;
}

/** A ratio around 1: classes either side of 1, and outlines where the difference is significant. */
export interface DivergingStyle {
  type: 'diverging-fill';
  measure: string;
  measureLabel: string;
  /** n - 1 thresholds; one of them is 1. */
  breaks: number[];
  classes: FixedClass[];
  /** Feature property holding 'low' | 'high' | 'not significant'. */
  outlineField: string;
  outlines: AreaOutline[];
  noDataColour: string;
  noDataLabel: string;
  noDataCount: number;
}

/** 3×3 need × uptake: colours[row * 3 + col], row = uptake class (0 low), col = need class (0 low). */
export interface BivariateStyle {
  type: 'bivariate-fill';
  xMeasure: string;
  xLabel: string;
  xBreaks: [number, number];
  yMeasure: string;
  yLabel: string;
  yBreaks: [number, number];
  colours: string[];
  counts: number[];
  noDataColour: string;
  noDataCount: number;
}

export interface HexbinStyle {
  type: 'hexbin';
  hexMetres: number;
  breaks: number[];
  classes: FixedClass[];
  suppressedColour: string;
  suppressedCount: number;
}

export interface IsochroneStyle {
  type: 'isochrone-bands';
  mode: 'walk' | 'drive' | 'transit';
  bands: { minutes: number; fromMinutes: number; colour: string }[];
}

export interface ProposedSiteStyle {
  type: 'proposed-sites';
  colour: string;
  radius: number;
  count: number;
}

export type LayerStyle =
  | CategoricalFillStyle
  | GraduatedStyle
  | SiteStyle
  | RoadStyle
  | OutlineStyle
  | DivergingStyle
  | BivariateStyle
  | HexbinStyle
  | IsochroneStyle
  | ProposedSiteStyle;

/** Area fill styles: one of them at a time makes sense on the map. */
export const AREA_FILL_TYPES: readonly LayerStyle['type'][] = ['categorical-fill', 'graduated-fill', 'diverging-fill', 'bivariate-fill'];

export interface LayerDef {
  id: string;
  title: string;
  /** A line under the title: level, scheme, service. */
  subtitle: string;
  source: LayerSource;
  style: LayerStyle;
  /** Base-map layers are drawn by maplibre; thematic ones by deck.gl. */
  drawnBy: 'basemap' | 'deck';
  visible: boolean;
  opacity: number;
  /** Areas can be clicked for details; sites can be hovered. */
  interactive: boolean;
  /** Shown with the legend, e.g. that the layer holds exact counts not for sharing. */
  notice?: string;
}
