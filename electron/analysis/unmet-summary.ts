// The who/what/where summary of unmet need (toolkit §7). Who and where list
// the figures as they are shown (under a disclosure rule, from protected
// counts); the total is taken over every area from the exact figures and then
// disclosed as a whole, so suppressed areas do not silently drop out of it.
import { protectDerivedTotal, suppressCount, SUPPRESSED } from '../../shared/analysis/disclosure';
import { unmetNeedSummary, type UnmetSummary } from '../../shared/analysis/unmet-need';
import type { AreaResult } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import type { AreaAnalysis } from './area-analysis';

export function unmetSummary(analysis: AreaAnalysis, results: AreaResult[], rule: DisclosureRule): UnmetSummary {
  const byArea = results
    .filter((r) => typeof r.users === 'number')
    .map((r) => ({ code: r.code, name: r.name, expected: r.expectedUsers, observed: r.users as number }));
  // Expected users as shown (already scaled to a rounded total where the rule asks).
  const shownExpected = results.reduce((sum, r) => sum + r.expectedUsers, 0);
  const bySegment = analysis.segments.flatMap((s) => {
    const users = suppressCount(s.users, rule);
    if (users === SUPPRESSED || analysis.totalNeed <= 0) return [];
    return [{ code: s.code, name: s.name, expected: (shownExpected * s.need) / analysis.totalNeed, observed: users }];
  });
  const exactTotal = analysis.rows.reduce((sum, r) => sum + r.unmet, 0);
  return unmetNeedSummary(analysis.service, bySegment, byArea, 3, protectDerivedTotal(exactTotal, rule));
}
