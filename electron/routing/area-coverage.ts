// Coverage: minutes from each area to the nearest site of a service, from the
// same serviceAccess the gap analysis (accessMinutes), `cgm bands` and the
// isochrones start from, so the coverage layer, the band table and the gap
// table never disagree about how far an area is.
import type { TravelProfile } from '../../shared/domain';
import type { AreaCoverageRow } from '../../shared/contract/access';
import type { Project } from '../store/project';
import { serviceAccess } from './service-access';

export interface AreaCoverageRequest {
  service: string;
  profile: TravelProfile;
  level?: string;
  includeProposed: boolean;
}

export const MEASURED_FROM =
  'each area’s time is measured from the mean of its postcodes (where its people live), or a point inside the area where it has none';

export function areaCoverage(project: Project, req: AreaCoverageRequest) {
  const access = serviceAccess(project, { service: req.service, profile: req.profile, level: req.level, existingOnly: !req.includeProposed });
  const siteName = new Map(access.sites.map((s) => [s.id, s.proposed ? `${s.name} (proposed)` : s.name]));
  const rows: AreaCoverageRow[] = access.areas.map((a) => ({
    code: a.code,
    name: a.name,
    minutes: a.seconds === null ? null : a.seconds / 60,
    unreachable: a.seconds === null,
    nearestSite: a.siteId === null ? null : (siteName.get(a.siteId) ?? null),
    nearestSiteId: a.siteId,
    point: a.source,
  }));
  return { level: access.level, rows, proposedSites: access.sites.filter((s) => s.proposed).length };
}
