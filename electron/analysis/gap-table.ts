// The ranked gap table for CSV/JSON: one flat row per area, largest unmet need first.
import type { AreaResult } from '../../shared/contract';

export const GAP_COLUMNS = [
  'area_code', 'area_name', 'base', 'need', 'need_index', 'users', 'expected_users', 'uptake_ratio',
  'ci95_lower', 'ci95_upper', 'ci998_lower', 'ci998_upper', 'significance', 'unmet_need', 'unmet_rank',
  'nearest_site', 'access', 'hours_outside_office', 'gap_type', 'rule', 'gap_state',
] as const;

export type GapTableRow = Record<(typeof GAP_COLUMNS)[number], string | number | null>;

type Ci = AreaResult['ci95'];
const lower = (ci: Ci) => (ci === '*' ? '*' : (ci?.lower ?? null));
const upper = (ci: Ci) => (ci === '*' ? '*' : (ci?.upper ?? null));

/** A suppressed flag hides whether there is a gap, so the gap type is hidden too rather than blank ("no gap"). */
export function gapTypeText(r: AreaResult): string | null {
  return r.significance === '*' ? '*' : r.gapTypes.join('+') || null;
}

export function gapTable(results: AreaResult[], mode: string): GapTableRow[] {
  return results
    .map((r) => ({
      area_code: r.code,
      area_name: r.name,
      base: r.base,
      need: r.need,
      need_index: r.needIndex,
      users: r.users,
      expected_users: r.expectedUsers,
      uptake_ratio: r.ratio,
      ci95_lower: lower(r.ci95),
      ci95_upper: upper(r.ci95),
      ci998_lower: lower(r.ci998),
      ci998_upper: upper(r.ci998),
      significance: r.significance,
      unmet_need: r.unmet,
      unmet_rank: r.unmetRank,
      nearest_site: r.nearestSite,
      access: r.accessMinutes !== null ? `${r.accessMinutes} min ${mode}` : r.accessKm !== null ? `${r.accessKm} km straight line` : r.accessUnreachable ? `unreachable by ${mode}` : null,
      hours_outside_office: r.hoursOutsideOffice,
      gap_type: gapTypeText(r),
      rule: r.rules.join(' | ') || null,
      gap_state: r.gapState,
    }))
    .sort((a, b) => (a.unmet_rank ?? Infinity) - (b.unmet_rank ?? Infinity) || String(a.area_code).localeCompare(String(b.area_code)));
}
