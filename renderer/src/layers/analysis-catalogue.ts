// Layer definitions for the need / use / gap analysis, built from the
// analysis the services returned. Like catalogue.ts, each is plain data: the
// map, the legend and the layer panel all read the same definition.
import type { Feature } from 'geojson';
import { classOf, computeBreaks } from '../classify/breaks';
import { rampColours } from '../classify/ramps';
import { classRangeLabels } from '../classify/class-labels';
import type { MethodOutput } from '../../../shared/contract';
import { GAP_NONE, MEASURES, type AreaAnalysis } from './analysis-values';
import { buildGraduated } from './graduated';
import type { BivariateStyle, Category, CategoricalFillStyle, DivergingStyle, GraduatedStyle, HexbinStyle, IsochroneStyle, LayerDef } from './types';

export const EXACT_NOTICE = 'Exact counts — not for sharing';
export const ANALYSIS_LAYER_IDS = ['need', 'user-rate', 'uptake', 'need-uptake', 'gap-type', 'coverage', 'user-hexbins', 'isochrones', 'proposed-sites'] as const;

/** Gap colours: Okabe–Ito hues, so the three gap types stay apart for colour-blind readers. */
export const GAP_CATEGORIES: Omit<Category, 'count'>[] = [
  { value: 'accessibility', label: 'Accessibility (too far)', colour: '#D55E00' },
  { value: 'accessibility+availability', label: 'Accessibility and availability', colour: '#E69F00' },
  { value: 'availability', label: 'Availability (wrong hours)', colour: '#0072B2' },
  { value: 'awareness', label: 'Awareness (near and open)', colour: '#CC79A7' },
  // Not a gap type: low uptake whose cause a rule could not judge (the area panel says what is missing).
  { value: 'unclassified', label: 'Low uptake, not classified (data missing)', colour: '#8a8a8a' },
];
export const NO_GAP_COLOUR = '#ebe9e4';

/** Uptake classes either side of 1 (ColorBrewer BrBG): brown is fewer users than need predicts. */
const UPTAKE_BREAKS = [0.5, 0.8, 1, 1.25, 2];
const UPTAKE_COLOURS = ['#8c510a', '#d8b365', '#f6e8c3', '#c7eae5', '#5ab4ac', '#01665e'];

/** Stevens' 3×3 scheme: red is high need with low uptake, the corner a service looks for. */
export const BIVARIATE_COLOURS = ['#e8e8e8', '#e4acac', '#c85a5a', '#b0d5df', '#ad9ea5', '#985356', '#64acbe', '#627f8c', '#574249'];

/**
 * Travel-time bands, nearest first, darkest first. Chosen to stay apart from
 * every segment fill they are drawn over (the demo's Tol "muted" supergroups,
 * the Tableau 10 fallback) by CIEDE2000 ≥ 10 with normal vision and simulated
 * deuteranopia and protanopia, and from each other by the same (the old
 * "within 5 min" blue was 5.6 from a segment indigo): test/cartography/palettes.test.ts.
 */
export const ISOCHRONE_COLOURS = ['#334444', '#775566', '#9988ff', '#88ffee', '#ffeecc', '#cc1100', '#004422', '#4444ff'];

const fmt = (v: number) => new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 }).format(v);

function numbers(features: Feature[], measure: string): number[] {
  const out: number[] = [];
  for (const f of features) {
    const v = f.properties?.[measure];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function uptakeStyle(features: Feature[]): DivergingStyle {
  const counts = new Array<number>(UPTAKE_COLOURS.length).fill(0);
  let noData = 0;
  let low = 0;
  let high = 0;
  for (const f of features) {
    const v = f.properties?.[MEASURES.uptake];
    if (typeof v === 'number') counts[classOf(v, UPTAKE_BREAKS)]++;
    else noData++;
    const s = f.properties?.[MEASURES.significance];
    if (s === 'low') low++;
    if (s === 'high') high++;
  }
  const bounds = [null, ...UPTAKE_BREAKS, null];
  return {
    type: 'diverging-fill',
    measure: MEASURES.uptake,
    measureLabel: 'Uptake ratio',
    breaks: UPTAKE_BREAKS,
    classes: UPTAKE_COLOURS.map((colour, k) => ({
      colour,
      count: counts[k],
      label: bounds[k] === null ? `Under ${fmt(bounds[k + 1]!)}` : bounds[k + 1] === null ? `${fmt(bounds[k]!)} and over` : `${fmt(bounds[k]!)} to under ${fmt(bounds[k + 1]!)}`,
    })),
    outlineField: MEASURES.significance,
    outlines: [
      { value: 'low', label: 'Significantly low (95% CI below 1)', colour: '#1b1b1b', width: 3, count: low },
      { value: 'high', label: 'Significantly high (95% CI above 1)', colour: '#00332c', width: 2, count: high },
    ],
    noDataColour: '#d9d9d6',
    noDataLabel: 'No value (suppressed or no need)',
    noDataCount: noData,
  };
}

function tertiles(values: number[]): [number, number] {
  const b = computeBreaks(values, 'quantile', 3);
  return [b[0] ?? 0, b[1] ?? b[0] ?? 0];
}

function bivariateStyle(features: Feature[]): BivariateStyle {
  const xBreaks = tertiles(numbers(features, MEASURES.needPct));
  const yBreaks: [number, number] = [0.8, 1.25];
  const counts = new Array<number>(9).fill(0);
  let noData = 0;
  for (const f of features) {
    const x = f.properties?.[MEASURES.needPct];
    const y = f.properties?.[MEASURES.uptake];
    if (typeof x !== 'number' || typeof y !== 'number') noData++;
    else counts[classOf(y, yBreaks) * 3 + classOf(x, xBreaks)]++;
  }
  return {
    type: 'bivariate-fill',
    xMeasure: MEASURES.needPct, xLabel: 'Need', xBreaks,
    yMeasure: MEASURES.uptake, yLabel: 'Uptake', yBreaks,
    colours: BIVARIATE_COLOURS, counts, noDataColour: '#d9d9d6', noDataCount: noData,
  };
}

/** The thresholds the gaps were classified with, so the legend states them beside the colours. */
function gapSubtitle(analysis: AreaAnalysis, mode: string): string {
  const s = analysis.settings;
  return (
    `Where uptake is significantly low (${s.significanceLevel * 100}%), ${mode}: too far over ${s.travelMinutes[analysis.mode]} min; ` +
    `wrong hours under ${s.minHoursOutsideOffice} h/week outside Mon–Fri 9–5`
  );
}

function gapStyle(features: Feature[]): CategoricalFillStyle {
  const counts = new Map<string, number>();
  for (const f of features) {
    const v = String(f.properties?.[MEASURES.gapType] ?? GAP_NONE);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return {
    type: 'categorical-fill',
    field: MEASURES.gapType,
    categories: GAP_CATEGORIES.map((c) => ({ ...c, count: counts.get(c.value) ?? 0 })).filter((c) => c.count > 0),
    otherColour: NO_GAP_COLOUR,
    otherCount: counts.get(GAP_NONE) ?? 0,
  };
}

export function hexbinStyle(hex: MethodOutput<'getUserHexbins'>): HexbinStyle {
  const shown = hex.cells.flatMap((c) => (c.users === null ? [] : [c.users]));
  const breaks = computeBreaks(shown, 'quantile', 5);
  const colours = rampColours('Purples', breaks.length + 1);
  const counts = new Array<number>(colours.length).fill(0);
  for (const v of shown) counts[classOf(v, breaks)]++;
  const labels = classRangeLabels([shown.reduce((m, v) => Math.min(m, v), shown[0] ?? 0), ...breaks], 'users');
  return {
    type: 'hexbin',
    hexMetres: hex.hexMetres,
    breaks,
    classes: colours.map((colour, k) => ({
      colour, count: counts[k],
      label: labels[k],
    })),
    suppressedColour: '#bdbdbd',
    suppressedCount: hex.suppressedCells,
  };
}

export function isochroneStyle(iso: MethodOutput<'getIsochrones'>): IsochroneStyle {
  return {
    type: 'isochrone-bands',
    mode: iso.mode,
    bands: iso.minutes.map((minutes, i) => ({ minutes, fromMinutes: i === 0 ? 0 : iso.minutes[i - 1], colour: ISOCHRONE_COLOURS[i % ISOCHRONE_COLOURS.length] })),
  };
}

export interface AnalysisInputs {
  features: Feature[];
  service: string;
  mode: 'walk' | 'drive';
  /** Need, use and gaps; null in an access-only project (no users or need indicator yet). */
  analysis: AreaAnalysis | null;
  level: string;
  hexbins: MethodOutput<'getUserHexbins'> | null;
  isochrones: MethodOutput<'getIsochrones'> | null;
  proposedCount: number;
}

/** Keep the analyst's classification choices when the values under them change. */
function regraduate(previous: LayerDef | undefined, features: Feature[], base: Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit'>, ramp: string): GraduatedStyle {
  const p = previous?.style.type === 'graduated-fill' ? previous.style : null;
  return buildGraduated(features, base, p ? { method: p.method, classCount: p.classCount, ramp: p.ramp, manualBreaks: p.breaks } : { method: 'quantile', classCount: 5, ramp });
}

/** Need, use, uptake and gap fills: only where there is an analysis of need and use to draw. */
function needLayers(features: Feature[], analysis: AreaAnalysis, level: string, previous: Map<string, LayerDef>): LayerDef[] {
  const input0 = { service: analysis.service, indicator: analysis.indicator, mode: analysis.mode, level };
  const source = { method: 'getScenarioAnalysis' as const, input: input0 };
  const notice = analysis.exactCounts ? EXACT_NOTICE : undefined;
  const mode = analysis.mode === 'walk' ? 'walking' : 'driving';
  const area = (id: string, title: string, subtitle: string, style: LayerDef['style'], counts: boolean): LayerDef => ({
    id, title, subtitle, source, style, drawnBy: 'deck', visible: previous.get(id)?.visible ?? false,
    opacity: previous.get(id)?.opacity ?? 0.82, interactive: true, ...(counts && notice ? { notice } : {}),
  });
  return [
    area('need', 'Need prevalence', `${analysis.indicator} by ${level}`, regraduate(previous.get('need'), features, { measure: MEASURES.needPct, measureLabel: 'Need prevalence', unit: '% of residents' }, 'OrRd'), false),
    area('user-rate', 'Service users per 1,000', `${analysis.service} by ${level}`, regraduate(previous.get('user-rate'), features, { measure: MEASURES.userRate, measureLabel: 'Service users', unit: 'users per 1,000 residents' }, 'PuBu'), true),
    area('uptake', 'Uptake ratio', 'Users ÷ users expected from need', uptakeStyle(features), true),
    area('need-uptake', 'Need × uptake', `Need tertiles × uptake (0.8, 1.25) by ${level}`, bivariateStyle(features), true),
    area('gap-type', 'Gap type', gapSubtitle(analysis, mode), gapStyle(features), true),
  ];
}

export function analysisLayers(input: AnalysisInputs, previous: Map<string, LayerDef>): LayerDef[] {
  const { features, analysis, level, service } = input;
  const mode = input.mode === 'walk' ? 'walking' : 'driving';
  const layers: LayerDef[] = analysis ? needLayers(features, analysis, level, previous) : [];
  if (input.isochrones) {
    layers.push({
      id: 'isochrones', title: 'Travel time to a site', subtitle: `Minutes ${mode}${input.isochrones.includeProposed && input.proposedCount ? ', with proposed sites' : ''}`,
      source: { method: 'getIsochrones', input: { service, mode: input.mode, includeProposed: true } },
      style: isochroneStyle(input.isochrones), drawnBy: 'deck', visible: previous.get('isochrones')?.visible ?? false,
      opacity: previous.get('isochrones')?.opacity ?? 0.5, interactive: false,
    });
  }
  if (input.hexbins) {
    layers.push({
      id: 'user-hexbins', title: 'Service-user density', subtitle: `Users per ${input.hexbins.hexMetres} m hexagon, disclosed`,
      source: { method: 'getUserHexbins', input: { service, hexMetres: input.hexbins.hexMetres } },
      style: hexbinStyle(input.hexbins), drawnBy: 'deck', visible: previous.get('user-hexbins')?.visible ?? false,
      opacity: previous.get('user-hexbins')?.opacity ?? 0.85, interactive: false, notice: input.hexbins.disclosureNote,
    });
  }
  layers.push({
    id: 'proposed-sites', title: 'Proposed sites (what-if)', subtitle: 'Not real until confirmed',
    source: { method: 'getSites', input: { service } },
    style: { type: 'proposed-sites', colour: '#7b2cbf', radius: 8, count: input.proposedCount },
    drawnBy: 'deck', visible: previous.get('proposed-sites')?.visible ?? true, opacity: 1, interactive: true,
  });
  return layers;
}
