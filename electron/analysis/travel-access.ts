// Travel minutes from each area to its nearest site, for the accessibility
// rule. Without a road network the analysis falls back to straight-line
// distance and says so.
import { defaultProfile, parseProfile } from '../../shared/travel/profiles';
import type { TravelMode, TravelProfile } from '../../shared/domain';
import { serviceAccess } from '../routing/service-access';
import { getSetting } from '../store/meta';
import type { Project } from '../store/project';
import { runAreaAnalysis, type AreaAnalysisRequest } from './area-analysis';
import { finestLevel } from './inputs';

/** The analyst's edited speeds for a mode, else the defaults. */
export function projectTravelProfile(project: Project, mode: TravelMode): TravelProfile {
  const stored = getSetting(project.db, `travel_profile_${mode}`);
  return stored === undefined ? defaultProfile(mode) : parseProfile(stored);
}

export function hasRoadNetwork(project: Project): boolean {
  return Boolean(project.db.prepare('SELECT 1 FROM cgm_osm_ways LIMIT 1').get());
}

export function travelForAnalysis(project: Project, service: string, mode: TravelMode, level: string): AreaAnalysisRequest['travel'] {
  if (!hasRoadNetwork(project)) return undefined;
  const access = serviceAccess(project, { service, profile: projectTravelProfile(project, mode), level, existingOnly: true });
  const minutes = new Map<string, number | null>();
  const nearestSiteId = new Map<string, number | null>();
  for (const a of access.areas) {
    minutes.set(a.code, a.seconds === null ? null : a.seconds / 60);
    nearestSiteId.set(a.code, a.siteId);
  }
  return { minutes, nearestSiteId };
}

/** The area analysis with travel times where the project has a road network. */
export function analyseAreas(project: Project, request: Omit<AreaAnalysisRequest, 'travel'>) {
  const level = request.level ?? finestLevel(project.db);
  return runAreaAnalysis(project.db, { ...request, level, travel: travelForAnalysis(project, request.service, request.mode, level) });
}
