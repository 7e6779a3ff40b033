// The analyst's travel speeds and whether there are roads to route on: read by
// every travel analysis, so it sits below them all (no import cycle).
import { defaultProfile, parseProfile } from '../../shared/travel/profiles';
import type { TravelMode, TravelProfile } from '../../shared/domain';
import { getSetting } from '../store/meta';
import type { Project } from '../store/project';

/** The analyst's edited speeds for a mode, else the defaults. */
export function projectTravelProfile(project: Project, mode: TravelMode): TravelProfile {
  const stored = getSetting(project.db, `travel_profile_${mode}`);
  return stored === undefined ? defaultProfile(mode) : parseProfile(stored);
}

export function hasRoadNetwork(project: Project): boolean {
  return Boolean(project.db.prepare('SELECT 1 FROM cgm_osm_ways LIMIT 1').get());
}
