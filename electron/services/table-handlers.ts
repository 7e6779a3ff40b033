// The analysis dock's tables that need the main process: the travel-time band
// table (from the routing engine's times and the shared bandTable) and the
// funnel plot's control limits. Exact counts only in the analyst's view.
import { disclosureNote } from '../../shared/analysis/disclosure';
import { funnelLimits } from '../../shared/analysis/funnel';
import { significanceOf } from '../../shared/analysis/uptake';
import type { Handlers } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { projectTravelProfile } from '../analysis/travel-access';
import { projectBands } from '../routing/project-bands';
import { projectRealisticBands, type RealisticBands } from '../routing/project-bands-realistic';
import { scenarioAreaRows } from '../analysis/scenario-rows';
import { InputError } from '../../shared/errors';
import { transitColumnGroup, type TransitColumnGroup } from '../transit/transit-bands';
import type { ProjectSession } from './project-session';

const EXACT: DisclosureRule = { kind: 'none' };

export function tableHandlers(session: ProjectSession): Pick<Handlers, 'getBandTable' | 'getFunnelPlot'> {
  return {
    async getBandTable({ service, indicator, mode, minutes, scheme, segmentLevel, base, includeProposed, realistic, transit }, ctx) {
      const project = session.project;
      ctx.progress(`Routing from the sites of ${service} to every area`, null);
      // The same speeds as the gap analysis; what-if sites only when the map's what-if view asks.
      const basis = { service, indicator, scheme, segmentLevel, base, limits: minutes, includeProposed };
      const bands = realistic
        ? projectRealisticBands(project, { ...basis, walk: projectTravelProfile(project, 'walk'), drive: projectTravelProfile(project, 'drive') })
        : projectBands(project, { ...basis, profile: projectTravelProfile(project, mode) });
      const names = new Map(
        (project.db.prepare('SELECT code, name FROM cgm_segments WHERE scheme = ?').all(bands.scheme) as { code: string; name: string }[]).map((s) => [s.code, s.name]),
      );
      return {
        service, mode, scheme: bands.scheme, indicator: indicator ?? null, level: bands.level,
        includeProposed, proposedSites: bands.proposedSites,
        // Public transport is a column group beside the road columns, over the same segments and ranks.
        ...(transit ? transitGroupOrProblem(() => transitColumnGroup(project, basis, transit)) : {}),
        labels: bands.table.labels, limits: bands.table.limits,
        rows: bands.table.rows.map((r) => ({ ...r, segmentName: r.segmentCode === null ? null : (names.get(r.segmentCode) ?? null) })),
        unreachableAreas: bands.unreachableAreas,
        ...('carAccess' in bands ? { carAccess: (bands as RealisticBands).carAccess } : {}),
      };
    },

    async getFunnelPlot({ service, indicator, mode, level, period, excludeCommunal, base, presentation, includeProposed }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      // The same rows as the gap table and the map, what-if sites included when the map's what-if view asks.
      const { rows, proposedSites } = scenarioAreaRows(project, { service, indicator, mode, level, rule, includeProposed, period, excludeCommunal, base });
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
      return { exactCounts: rule.kind === 'none', disclosureNote: disclosureNote(rule), points, limits, omitted: rows.length - points.length, proposedSites };
    },
  };
}

/**
 * The public-transport group, or why it cannot be made: a day the timetable does not
 * run must not take the walking or driving columns away with it (the CLI, asked for
 * transit alone, still refuses).
 */
function transitGroupOrProblem(make: () => TransitColumnGroup): { transit: TransitColumnGroup } | { transitProblem: string } {
  try {
    return { transit: make() };
  } catch (error) {
    if (error instanceof InputError) return { transitProblem: error.message };
    throw error;
  }
}
