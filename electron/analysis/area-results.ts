// Area analysis as it is shown: user counts and everything derived from them
// protected by the disclosure rule (exact only for the analyst's own view).
import { dominantSegments } from '../../shared/analysis/gaps';
import { protectBase, protectTable, roundToNearest5, suppressCount, SUPPRESSED, type Disclosed } from '../../shared/analysis/disclosure';
import { uptakeRatio } from '../../shared/analysis/uptake';
import type { AreaResult } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import type { AreaAnalysis } from './area-analysis';

const round = (n: number, dp: number) => Math.round(n * 10 ** dp) / 10 ** dp;

/**
 * Users per row as published. Expected users are the total × need share, so
 * anyone can recover the total from them: under a threshold rule a lone
 * suppressed row would then follow by subtraction, so rows get complementary
 * suppression as a table with a published total.
 */
function shownUsers(analysis: AreaAnalysis, rule: DisclosureRule): Disclosed[] {
  const exact = analysis.rows.map((r) => r.users);
  if (rule.kind !== 'threshold') return exact.map((u) => suppressCount(u, rule));
  const table = protectTable({ rowLabels: analysis.rows.map((r) => r.code), colLabels: ['users'], cells: exact.map((u) => [u]) }, rule, { rowTotals: false, colTotals: true });
  return table.cells.map((c) => c[0]);
}

export function areaResults(analysis: AreaAnalysis, rule: DisclosureRule): AreaResult[] {
  const shownUsersByRow = shownUsers(analysis, rule);
  // Under the NHS rule the total is a count too: expected users are scaled to
  // the rounded total, so the exact total cannot be read back from them.
  const scale = rule.kind === 'nhs' && analysis.totalUsers > 0 ? roundToNearest5(analysis.totalUsers) / analysis.totalUsers : 1;
  const results = analysis.rows.map((row, i): AreaResult => {
    const users: Disclosed = shownUsersByRow[i];
    const expected = row.uptake.expected * scale;
    // Rates from the protected count, as the NHS rule asks.
    const shown = users === SUPPRESSED ? null : uptakeRatio({ areaCode: row.code, observed: users, expected });
    const interval = (ci: { lower: number; upper: number } | null) => (ci ? { lower: round(ci.lower, 3), upper: round(ci.upper, 3) } : null);
    return {
      code: row.code,
      name: row.name,
      base: protectBase(row.base, rule),
      need: round(row.need, 2),
      needIndex: row.needIndex === null ? null : Math.round(row.needIndex),
      users,
      expectedUsers: round(expected, 2),
      ratio: shown ? (shown.ratio === null ? null : round(shown.ratio, 3)) : SUPPRESSED,
      ci95: shown ? interval(shown.ci95) : SUPPRESSED,
      ci998: shown ? interval(shown.ci998) : SUPPRESSED,
      // Significance is judged on the exact counts: rounding must not invent or hide a gap.
      significance: row.uptake.significance95,
      unmet: shown ? round(Math.max(0, expected - (users as number)), 2) : SUPPRESSED,
      unmetRank: null,
      nearestSite: row.nearestSite,
      accessMinutes: row.access?.measure === 'travel-time' ? round(row.access.minutes, 2) : null,
      accessKm: row.access?.measure === 'straight-line' ? round(row.access.km, 3) : null,
      accessUnreachable: row.access?.measure === 'unreachable',
      hoursOutsideOffice: row.hoursOutsideOffice === null ? null : round(row.hoursOutsideOffice, 2),
      gapTypes: row.gap.types,
      rules: row.gap.findings.map((f) => `${f.type}: ${f.rule}`),
      // Notes quote exact counts, so they stay on the analyst's screen.
      notes: rule.kind === 'none' ? row.gap.notes : [],
      dominantSegment: dominantSegments(row.segmentBases, 0)[0]?.segmentCode ?? null,
    };
  });
  // Ranked by the exact unmet need (an order is not a count), largest first.
  analysis.rows
    .map((r, i) => ({ i, unmet: r.unmet }))
    .filter((x) => x.unmet > 0)
    .sort((a, b) => b.unmet - a.unmet)
    .forEach((x, rank) => (results[x.i].unmetRank = rank + 1));
  return results;
}
