// The ranked gap table as it leaves the screen: one flat row per area, with
// user counts and everything derived from them protected by the disclosure rule.
import { protectBase, suppressCount, SUPPRESSED, type Disclosed } from '../../shared/analysis/disclosure';
import { uptakeRatio } from '../../shared/analysis/uptake';
import type { DisclosureRule } from '../../shared/domain';
import type { AreaAnalysis } from './area-analysis';

export const GAP_COLUMNS = [
  'area_code', 'area_name', 'base', 'need', 'need_index', 'users', 'expected_users', 'uptake_ratio',
  'ci95_lower', 'ci95_upper', 'ci998_lower', 'ci998_upper', 'significance', 'unmet_need', 'unmet_rank',
  'nearest_site', 'access', 'hours_outside_office', 'gap_type', 'rule',
] as const;

export type GapTableRow = Record<(typeof GAP_COLUMNS)[number], string | number | null>;

const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

export function gapTable(analysis: AreaAnalysis, rule: DisclosureRule): GapTableRow[] {
  const rows = analysis.rows.map((row) => {
    const users: Disclosed = suppressCount(row.users, rule);
    const expected = row.uptake.expected;
    // Rates from the protected count, as the NHS rule asks.
    const shown = users === SUPPRESSED ? null : uptakeRatio({ areaCode: row.code, observed: users, expected });
    const access =
      row.access === null ? null : row.access.measure === 'travel-time' ? `${r2(row.access.minutes)} min ${row.access.mode}` : `${r2(row.access.km)} km straight line`;
    return {
      area_code: row.code,
      area_name: row.name,
      base: protectBase(row.base, rule),
      need: r2(row.need),
      need_index: row.needIndex === null ? null : Math.round(row.needIndex),
      users,
      expected_users: r2(expected),
      uptake_ratio: shown ? (shown.ratio === null ? null : r3(shown.ratio)) : SUPPRESSED,
      ci95_lower: shown ? (shown.ci95 ? r3(shown.ci95.lower) : null) : SUPPRESSED,
      ci95_upper: shown ? (shown.ci95 ? r3(shown.ci95.upper) : null) : SUPPRESSED,
      ci998_lower: shown ? (shown.ci998 ? r3(shown.ci998.lower) : null) : SUPPRESSED,
      ci998_upper: shown ? (shown.ci998 ? r3(shown.ci998.upper) : null) : SUPPRESSED,
      significance: row.uptake.significance95,
      unmet_need: shown ? r2(Math.max(0, expected - (users as number))) : SUPPRESSED,
      unmet_rank: null as number | null,
      nearest_site: row.nearestSite,
      access,
      hours_outside_office: row.hoursOutsideOffice === null ? null : r2(row.hoursOutsideOffice),
      gap_type: row.gap.types.join('+') || null,
      rule: row.gap.findings.map((f) => `${f.type}: ${f.rule}`).join(' | ') || null,
    };
  });
  // Rank by the exact unmet need (the order is not a count), largest first.
  const order = analysis.rows.map((r, i) => ({ i, unmet: r.unmet })).filter((x) => x.unmet > 0).sort((a, b) => b.unmet - a.unmet);
  order.forEach((x, rank) => (rows[x.i].unmet_rank = rank + 1));
  return rows.sort((a, b) => (a.unmet_rank ?? Infinity) - (b.unmet_rank ?? Infinity) || String(a.area_code).localeCompare(String(b.area_code)));
}
