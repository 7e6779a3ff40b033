// Puts each area's analysis figures on its map feature as plain numbers, so
// the graduated styles, the classification editor and the colour accessors
// all read them the same way as population density. Written in place: the
// features (and their tessellated polygons) stay the same objects.
import type { Feature, FeatureCollection } from 'geojson';
import type { MethodOutput } from '../../../shared/contract';

export type AreaAnalysis = MethodOutput<'getScenarioAnalysis'>;
export type AreaRow = AreaAnalysis['rows'][number];

/** Feature properties written here; the layer definitions name them. */
export const MEASURES = {
  needPct: 'need_pct',
  userRate: 'user_rate',
  uptake: 'uptake_ratio',
  significance: 'significance',
  gapType: 'gap_type',
} as const;

export const GAP_NONE = 'none';
/** Significantly low, but a rule lacked data (hours, a segment profile): shown apart from "no gap". */
export const GAP_UNCLASSIFIED = 'unclassified';

/** `accessibility+availability` for an area where both rules fired, `unclassified` where data were missing, `none` otherwise. */
export function gapKey(row: Pick<AreaRow, 'gapTypes' | 'gapState'>): string {
  if (row.gapTypes.length) return [...row.gapTypes].sort().join('+');
  return row.gapState ? GAP_UNCLASSIFIED : GAP_NONE;
}

export function applyAnalysis(areas: FeatureCollection, analysis: AreaAnalysis): Map<string, AreaRow> {
  const byCode = new Map(analysis.rows.map((r) => [r.code, r]));
  for (const f of areas.features as Feature[]) {
    const p = (f.properties ??= {});
    const row = byCode.get(String(p.code));
    const base = row && typeof row.base === 'number' && row.base > 0 ? row.base : null;
    p[MEASURES.needPct] = row && base ? (100 * row.need) / base : null;
    // A suppressed count ('*') has no rate: the area is drawn as "no value".
    p[MEASURES.userRate] = row && base && typeof row.users === 'number' ? (1000 * row.users) / base : null;
    p[MEASURES.uptake] = row && typeof row.ratio === 'number' ? row.ratio : null;
    p[MEASURES.significance] = row?.significance ?? null;
    p[MEASURES.gapType] = row ? gapKey(row) : null;
  }
  return byCode;
}
