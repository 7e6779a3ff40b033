// The coverage layer (issue 16): each area coloured by minutes to the nearest
// site, by the chosen mode, in the band table's own bands (a time on a limit
// counts as within it). Needs sites and roads only, never users or need.
import type { Feature, FeatureCollection } from 'geojson';
import type { AreaCoverageRow, MethodOutput } from '../../../shared/contract';
import { DEFAULT_BAND_LIMITS } from '../../../shared/travel/bands';
import { ISOCHRONE_COLOURS } from './analysis-catalogue';
import type { CategoricalFillStyle, LayerDef } from './types';

export type AccessCoverage = MethodOutput<'getAccessCoverage'>;

export const COVERAGE_FIELDS = { band: 'coverage_band', minutes: 'coverage_minutes', site: 'coverage_site' } as const;
export const UNREACHABLE = 'unreachable';

const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const modeWord = (mode: 'walk' | 'drive') => (mode === 'walk' ? 'walking' : 'driving');

/** The band key of a time: `0-5`, `5-10`, … `over-25`, or `unreachable`. */
export function coverageBand(minutes: number | null, limits = DEFAULT_BAND_LIMITS): string {
  if (minutes === null) return UNREACHABLE;
  const i = limits.findIndex((l) => minutes <= l);
  return i < 0 ? `over-${limits[limits.length - 1]}` : `${i === 0 ? 0 : limits[i - 1]}-${limits[i]}`;
}

/** "12.3 min walking to OAKHAM MEDICAL PRACTICE", or that no site can be reached: the hover card and the area panel say it alike. */
export function coverageText(row: Pick<AreaCoverageRow, 'minutes' | 'nearestSite'>, mode: 'walk' | 'drive'): string {
  if (row.minutes === null) return `No site reachable by ${modeWord(mode)}`;
  return `${one.format(row.minutes)} min ${modeWord(mode)}${row.nearestSite ? ` to ${row.nearestSite}` : ''}`;
}

/** Writes each area's coverage on its feature, in place (as applyAnalysis does), and returns the rows by code. */
export function applyCoverage(areas: FeatureCollection, coverage: AccessCoverage): Map<string, AreaCoverageRow> {
  const byCode = new Map(coverage.rows.map((r) => [r.code, r]));
  for (const f of areas.features as Feature[]) {
    const p = (f.properties ??= {});
    const row = byCode.get(String(p.code));
    p[COVERAGE_FIELDS.band] = row ? coverageBand(row.minutes) : null;
    p[COVERAGE_FIELDS.minutes] = row?.minutes ?? null;
    p[COVERAGE_FIELDS.site] = row?.nearestSite ?? null;
  }
  return byCode;
}

function coverageStyle(features: Feature[], mode: 'walk' | 'drive'): CategoricalFillStyle {
  const limits = DEFAULT_BAND_LIMITS;
  const counts = new Map<string, number>();
  for (const f of features) {
    const v = f.properties?.[COVERAGE_FIELDS.band];
    if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const over = `over-${limits[limits.length - 1]}`;
  // The isochrone layer's colours band for band, so the two layers read alike.
  const categories = [
    ...limits.map((l, i) => ({ value: coverageBand(l), label: i === 0 ? `Within ${l} min` : `${limits[i - 1]}–${l} min`, colour: ISOCHRONE_COLOURS[i] })),
    { value: over, label: `Over ${limits[limits.length - 1]} min`, colour: ISOCHRONE_COLOURS[limits.length] },
    { value: UNREACHABLE, label: `No site reachable by ${modeWord(mode)}`, colour: '#4a4a4a' },
  ].map((c) => ({ ...c, count: counts.get(c.value) ?? 0 }));
  const routed = [...counts.values()].reduce((a, b) => a + b, 0);
  return { type: 'categorical-fill', field: COVERAGE_FIELDS.band, categories, otherColour: '#d9d9d6', otherCount: features.length - routed, otherLabel: 'Not routed' };
}

export function coverageLayer(features: Feature[], coverage: AccessCoverage, previous: LayerDef | undefined): LayerDef {
  const { service, mode, level } = coverage;
  return {
    id: 'coverage',
    title: 'Minutes to the nearest site',
    // Where the minutes are measured from changes what they mean: the legend says it.
    subtitle: `${service}, ${modeWord(mode)}, by ${level}: ${coverage.measuredFrom}`,
    source: { method: 'getAccessCoverage', input: { service, mode, level, includeProposed: coverage.includeProposed } },
    style: coverageStyle(features, mode),
    drawnBy: 'deck',
    visible: previous?.visible ?? false,
    opacity: previous?.opacity ?? 0.82,
    interactive: true,
  };
}
