// Layer definitions are plain data: the layer panel, the legend, the map and
// (later) the PNG export all read the same description, so they cannot drift.
import type { MethodInput } from '../../../shared/contract';

/** Where a layer's features come from: one contract call. */
export type LayerSource =
  | { method: 'getAreaLayer'; input: MethodInput<'getAreaLayer'> }
  | { method: 'getSites'; input: MethodInput<'getSites'> }
  | { method: 'getLayerFeatures'; input: MethodInput<'getLayerFeatures'> };

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

export type LayerStyle = CategoricalFillStyle | GraduatedStyle | SiteStyle | RoadStyle | OutlineStyle;

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
}
