// Area analysis as it is shown: user counts and everything derived from them
// protected by the disclosure rule (exact only for the analyst's own view).
import { classifyGap, largestSegment, type GapResult } from '../../shared/analysis/gaps';
import { protectBase, protectTable, roundToNearest5, suppressCount, SUPPRESSED, type Disclosed } from '../../shared/analysis/disclosure';
import { printedInterval, publishedUptake, RATIO_DP, uptakeForRules, type PublishedUptake } from '../../shared/analysis/published-uptake';
import type { UptakeResult } from '../../shared/analysis/uptake';
import type { AreaResult } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { exactGap, gapInput, type AreaAnalysis, type AreaAnalysisRow } from './area-analysis';
import { usersLeftOut } from '../../shared/analysis/user-notes';

/** The base the analysis ran on and the users it left out (said once, beside the table). */
export function analysisUsersNotes(analysis: AreaAnalysis, rule: DisclosureRule) {
  return { base: analysis.baseKind, usersLeftOut: usersLeftOut(analysis.attributed, analysis.scheme, analysis.baseKind, rule) };
}

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

/** One row's count and uptake as published, for every view built on them (gap table, map, strata). */
export interface PublishedRow {
  users: Disclosed;
  /** Scaled to the published total under nhs; as printed (2 dp) under any sharing rule. */
  expected: number;
  published: PublishedUptake;
  /** What the gap and strata rules read: the published flags, never the exact ones. */
  uptake: UptakeResult;
}

export function publishedRows(analysis: AreaAnalysis, rule: DisclosureRule): PublishedRow[] {
  const publish = rowPublisher(analysis, rule);
  return analysis.rows.map(publish);
}

/**
 * The published figures of analysis row i, one row at a time: the area table
 * uses each at once and drops it, rather than holding 190,000 of them
 * (and their uptakes) until the last row is done, as a national table did.
 */
function rowPublisher(analysis: AreaAnalysis, rule: DisclosureRule): (row: AreaAnalysisRow, i: number) => PublishedRow {
  const shownUsersByRow = shownUsers(analysis, rule);
  // Under the NHS rule the total is a count too: expected users are scaled to
  // the rounded total, so the exact total cannot be read back from them.
  const scale = rule.kind === 'nhs' && analysis.totalUsers > 0 ? roundToNearest5(analysis.totalUsers) / analysis.totalUsers : 1;
  return (row, i) => {
    const users = shownUsersByRow[i];
    if (rule.kind === 'none') {
      const u = row.uptake;
      return { users, expected: u.expected, published: { shown: u, significance95: u.significance95, significance998: u.significance998 }, uptake: u };
    }
    // Shared views compute from the expected users as printed, so a reader's own ratio matches.
    const expected = round(row.uptake.expected * scale, 2);
    const published = publishedUptake(row.code, users, expected, rule);
    return { users, expected, published, uptake: uptakeForRules(row.code, users, expected, rule, published) };
  };
}

/**
 * Gap classes follow the published flag: a gap is shown where the published
 * uptake is significantly low, so a row never shows a gap type beside "not
 * significant", and a suppressed row's gap says no more than its flag.
 */
function publishedGap(analysis: AreaAnalysis, row: AreaAnalysisRow, p: PublishedRow, rule: DisclosureRule): GapResult {
  if (rule.kind === 'none') return exactGap(analysis, row);
  return classifyGap(gapInput(row, p.uptake), analysis.attributes, analysis.settings);
}

export function areaResults(analysis: AreaAnalysis, rule: DisclosureRule): AreaResult[] {
  const publish = rowPublisher(analysis, rule);
  const results = analysis.rows.map((row, i): AreaResult => {
    // Ratio, intervals, significance and unmet need all from the count and the
    // expected users as published, so they agree with each other in every view.
    const p = publish(row, i);
    const { users, expected, published } = p;
    const shown = published.shown;
    const gap = publishedGap(analysis, row, p, rule);
    return {
      code: row.code,
      name: row.name,
      base: protectBase(row.base, rule),
      need: round(row.need, 2),
      needIndex: row.needIndex === null ? null : Math.round(row.needIndex),
      users,
      expectedUsers: round(expected, 2),
      ratio: shown ? (shown.ratio === null ? null : round(shown.ratio, RATIO_DP)) : SUPPRESSED,
      ci95: shown ? printedInterval(shown.ci95) : SUPPRESSED,
      ci998: shown ? printedInterval(shown.ci998) : SUPPRESSED,
      significance: analysis.settings.significanceLevel === 0.998 ? published.significance998 : published.significance95,
      unmet: shown ? round(Math.max(0, expected - (users as number)), 2) : SUPPRESSED,
      unmetRank: null,
      nearestSite: row.nearestSite,
      nearestSiteId: row.nearestSiteId,
      // The realistic view's minutes are those of the households without a car (on foot).
      accessMinutes: row.access?.measure === 'travel-time' ? round(row.access.minutes, 2) : row.access?.measure === 'realistic' && row.access.walkMinutes !== null ? round(row.access.walkMinutes, 2) : null,
      accessKm: row.access?.measure === 'straight-line' ? round(row.access.km, 3) : null,
      accessUnreachable: row.access?.measure === 'unreachable',
      hoursOutsideOffice: row.hoursOutsideOffice === null ? null : round(row.hoursOutsideOffice, 2),
      gapTypes: gap.types,
      rules: gap.findings.map((f) => `${f.type}: ${f.rule}`),
      gapState: gap.state,
      // Notes quote exact counts, so they stay on the analyst's screen.
      notes: rule.kind === 'none' ? gap.notes : [],
      dominantSegment: largestSegment(row.segmentBases),
    };
  });
  // Ranked by unmet need as published, largest first: a suppressed row has no
  // rank, since its place between shown rows would bound its hidden count.
  results
    .map((r, i) => ({ i, unmet: r.unmet }))
    .filter((x): x is { i: number; unmet: number } => typeof x.unmet === 'number' && x.unmet > 0)
    .sort((a, b) => b.unmet - a.unmet || results[a.i].code.localeCompare(results[b.i].code))
    .forEach((x, rank) => (results[x.i].unmetRank = rank + 1));
  return results;
}
