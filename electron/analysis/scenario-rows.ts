// The area analysis with what-if sites counted as open when asked: the one way
// the map, the dock's tables, the funnel plot and every export get their area
// figures, so a what-if never shows one number on screen and another in a file.
import type { BaseKind, DisclosureRule, TravelMode } from '../../shared/domain';
import type { GapSettingsPatch } from '../../shared/analysis/gaps';
import { hasRoadNetwork, travelForAnalysis } from './travel-access';
import { accessViewOf, viewTravel } from './access-view';
import { runAreaAnalysis, type AreaAnalysisRequest } from './area-analysis';
import { areaResults } from './area-results';
import { finestLevel } from './inputs';
import type { ScopeRequest } from './analysis-scope';
import type { Project } from '../store/project';

/** Travel to the nearest site with what-if sites counted as open. */
function scenarioTravel(project: Project, service: string, mode: TravelMode, level: string, settings?: GapSettingsPatch) {
  if (!hasRoadNetwork(project)) return { travel: undefined, names: new Map<number, string>() };
  const { access, travel } = viewTravel(project, service, mode, level, accessViewOf(project, settings), false);
  const names = new Map(access.sites.filter((s) => s.proposed).map((s) => [s.id, `${s.name} (proposed)`]));
  return { travel: travel as AreaAnalysisRequest['travel'], names };
}

export interface ScenarioRequest extends ScopeRequest {
  service: string;
  indicator: string;
  mode: TravelMode;
  level?: string;
  base?: BaseKind;
  rule: DisclosureRule;
  includeProposed: boolean;
  /** Per-run changes over the project's gap thresholds (the CLI's options). */
  settings?: GapSettingsPatch;
}

/** The area analysis and its disclosed rows, with what-if sites counted as open when asked. */
export function scenarioAreaRows(project: Project, { service, indicator, mode, level, rule, includeProposed, period, excludeCommunal, base, settings }: ScenarioRequest) {
  const rowsLevel = level ?? finestLevel(project.db);
  const scenario = includeProposed ? scenarioTravel(project, service, mode, rowsLevel, settings) : null;
  const travel = scenario ? scenario.travel : travelForAnalysis(project, service, mode, rowsLevel, settings);
  const analysis = runAreaAnalysis(project.db, { service, indicator, mode, level: rowsLevel, travel, period, excludeCommunal, base, settings });
  const rows = areaResults(analysis, rule);
  if (scenario && travel) {
    // The analysis names existing sites only; a proposed nearest site is named here.
    for (const row of rows) {
      const id = travel.nearestSiteId.get(row.code);
      if (row.nearestSite === null && id != null) row.nearestSite = scenario.names.get(id) ?? null;
    }
  }
  // Only sites that were routed count: without a road network none of them changes a figure.
  return { analysis, rows, proposedSites: scenario && travel ? scenario.names.size : 0 };
}
