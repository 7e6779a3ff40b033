// Area indicators (IMD scores and deciles, TS045's share without a car...) as
// map layers: each one's values at the map's level, written on the area
// features like density and the analysis figures, and drawn as a graduated
// fill, so the classification editor, the legend, the hover card and the PNG
// export treat it as they treat every other layer. The method that took the
// values to this level (apportioned down, aggregated up) is the legend's note.
import type { Feature, FeatureCollection } from 'geojson';
import type { MethodOutput } from '../../../shared/contract';
import { buildGraduated, type GraduatedChoice } from './graduated';
import type { GraduatedStyle, LayerDef } from './types';

export type IndicatorLayerData = MethodOutput<'getAreaIndicatorLayer'>;

export const INDICATOR_LAYER_PREFIX = 'indicator:';

/** The layer id, and the feature property its values are written to: `indicator:<name>`. */
export const indicatorLayerId = (name: string) => `${INDICATOR_LAYER_PREFIX}${name}`;

/** Writes the values on the features in place (as applyAnalysis does); an area without one gets null ("no value"). */
export function applyIndicator(areas: FeatureCollection, data: IndicatorLayerData): void {
  const byCode = new Map(data.values.map((v) => [v.code, v.value]));
  const key = indicatorLayerId(data.indicator.name);
  for (const f of areas.features as Feature[]) {
    const p = (f.properties ??= {});
    p[key] = byCode.get(String(p.code)) ?? null;
  }
}

/** What a value of this kind is, for the legend and the hover card: "6.07 %", "7 decile". */
function unitOf(data: IndicatorLayerData): string {
  const { kind, name } = data.indicator;
  return kind === 'rate' && /pct|percent|%/i.test(name) ? '%' : kind;
}

/**
 * Deciles in five classes of two (1–2 … 9–10), as IMD maps usually show them;
 * everything else in quintiles of the areas, like density.
 */
function defaultChoice(data: IndicatorLayerData): GraduatedChoice {
  return data.indicator.kind === 'decile' ? { method: 'manual', classCount: 5, ramp: 'PuBu', manualBreaks: [3, 5, 7, 9] } : { method: 'quantile', classCount: 5, ramp: 'YlOrRd' };
}

/** Listed before its values are read (they are read when it is first switched on): a national level holds ~190k areas per indicator, and File 7 ~50 indicators. */
export function indicatorStubLayer(features: Feature[], indicator: IndicatorLayerData['indicator'], level: string): LayerDef {
  const data: IndicatorLayerData = { indicator, level, method: '', problem: null, values: [] };
  return { ...indicatorLayer(features, data, undefined), notice: 'Reading the values…' };
}

/** The layer, keeping the analyst's classification of the same layer when the values are read again. */
export function indicatorLayer(features: Feature[], data: IndicatorLayerData, previous: LayerDef | undefined): LayerDef {
  const id = indicatorLayerId(data.indicator.name);
  // Classes drawn over no values (the listed layer, before its values were read) are no choice of the analyst's.
  const p = previous?.style.type === 'graduated-fill' && previous.style.counts.some((c) => c > 0) ? previous.style : null;
  const choice: GraduatedChoice = p ? { method: p.method, classCount: p.classCount, ramp: p.ramp, manualBreaks: p.breaks } : defaultChoice(data);
  const whole = data.indicator.kind === 'decile' || data.indicator.kind === 'rank' || data.indicator.kind === 'count';
  const base: Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit' | 'decimals'> = { measure: id, measureLabel: data.indicator.name, unit: unitOf(data), decimals: whole ? 1 : 2 };
  return {
    id,
    title: data.indicator.name,
    subtitle: `Area indicator by ${data.level}`,
    source: { method: 'getAreaIndicatorLayer', input: { indicator: data.indicator.name, level: data.level } },
    style: buildGraduated(features, base, choice),
    drawnBy: 'deck',
    visible: previous?.visible ?? false,
    opacity: previous?.opacity ?? 0.8,
    interactive: true,
    // Where the method gives no value at this level, the note says why instead.
    notice: data.problem ? `No values: ${data.problem}` : data.method,
  };
}
