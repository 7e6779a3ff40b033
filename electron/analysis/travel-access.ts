// Travel minutes from each area to its nearest site, for the accessibility
// rule. Without a road network the analysis falls back to straight-line
// distance and says so.
import type { TravelMode } from '../../shared/domain';
import type { GapSettingsPatch } from '../../shared/analysis/gaps';
import { accessViewOf, viewTravel } from './access-view';
import { hasRoadNetwork } from './travel-profile';
import type { Project } from '../store/project';
import { runAreaAnalysis, type AreaAnalysisRequest } from './area-analysis';
import { finestLevel } from './inputs';

export { hasRoadNetwork, projectTravelProfile } from './travel-profile';

/** The times the accessibility rule judges: by `mode`, or as the gap setting accessView says (access-view.ts). */
export function travelForAnalysis(project: Project, service: string, mode: TravelMode, level: string, settings?: GapSettingsPatch): AreaAnalysisRequest['travel'] {
  if (!hasRoadNetwork(project)) return undefined;
  return viewTravel(project, service, mode, level, accessViewOf(project, settings), true).travel;
}

/** The area analysis with travel times where the project has a road network. */
export function analyseAreas(project: Project, request: Omit<AreaAnalysisRequest, 'travel'>) {
  const level = request.level ?? finestLevel(project.db);
  return runAreaAnalysis(project.db, { ...request, level, travel: travelForAnalysis(project, request.service, request.mode, level, request.settings) });
}
