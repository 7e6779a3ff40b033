// The analysis dock's tables that need the main process: the travel-time band
// table (from the routing engine's times and the shared bandTable) and the
// funnel plot's control limits. Exact counts only in the analyst's view.
import { disclosureNote } from '../../shared/analysis/disclosure';
import { funnelLimits } from '../../shared/analysis/funnel';
import { significanceOf } from '../../shared/analysis/uptake';
import type { Handlers } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { bandTable, DEFAULT_BAND_LIMITS } from '../../shared/travel/bands';
import { areaResults } from '../analysis/area-results';
import { projectDisclosureRule } from '../analysis/disclosure-rule';
import { analyseAreas, projectTravelProfile } from '../analysis/travel-access';
import { indicatorRates, pickScheme, segmentBases } from '../routing/project-population';
import { serviceAccess } from '../routing/service-access';
import type { ProjectSession } from './project-session';

const EXACT: DisclosureRule = { kind: 'none' };

export function tableHandlers(session: ProjectSession): Pick<Handlers, 'getBandTable' | 'getFunnelPlot'> {
  return {
    async getBandTable({ service, indicator, mode, minutes, scheme, segmentLevel }) {
      const project = session.project;
      const ind = indicator ? indicatorRates(project.db, indicator) : null;
      const schemeName = ind?.scheme ?? pickScheme(project.db, scheme);
      const seg = segmentBases(project.db, schemeName, segmentLevel);
      // The same speeds and the same (existing) sites as the gap analysis, so the two agree.
      const access = serviceAccess(project, { service, profile: projectTravelProfile(project, mode), level: seg.level ?? undefined, existingOnly: true });
      const table = bandTable({
        areaTimes: access.areas.map((a) => ({ areaCode: a.code, minutes: a.seconds === null ? null : a.seconds / 60 })),
        bases: seg.bases,
        rates: ind?.rates,
        population: seg.population,
        limits: minutes ?? DEFAULT_BAND_LIMITS,
      });
      const names = new Map(
        (project.db.prepare('SELECT code, name FROM cgm_segments WHERE scheme = ?').all(schemeName) as { code: string; name: string }[]).map((s) => [s.code, s.name]),
      );
      return {
        service, mode, scheme: schemeName, indicator: indicator ?? null, level: access.level,
        labels: table.labels, limits: table.limits,
        rows: table.rows.map((r) => ({ ...r, segmentName: r.segmentCode === null ? null : (names.get(r.segmentCode) ?? null) })),
        unreachableAreas: access.areas.filter((a) => a.seconds === null).map((a) => a.code),
      };
    },

    async getFunnelPlot({ service, indicator, mode, level, presentation }) {
      const project = session.project;
      const rule = presentation ? projectDisclosureRule(project.db) : EXACT;
      const rows = areaResults(analyseAreas(project, { service, indicator, mode, level }), rule);
      const points = rows.flatMap((r) => {
        if (typeof r.ratio !== 'number' || !(r.expectedUsers > 0)) return [];
        const ci95 = r.ci95 === '*' ? null : r.ci95;
        const ci998 = r.ci998 === '*' ? null : r.ci998;
        return [{ code: r.code, name: r.name, expected: r.expectedUsers, ratio: r.ratio, significance95: significanceOf(ci95), significance998: significanceOf(ci998) }];
      });
      // The upper line reaches an expected count E only at observed counts above E: trace past both.
      const maxObserved = Math.max(10, ...points.map((p) => Math.ceil(Math.max(p.ratio * p.expected, p.expected) * 1.5 + 10)));
      // 'fingertips' switches from exact to Byar's limits at the same count as each area's own interval does.
      const limits = funnelLimits({ maxObserved, method: 'fingertips' });
      return { exactCounts: rule.kind === 'none', disclosureNote: disclosureNote(rule), points, limits, omitted: rows.length - points.length };
    },
  };
}
