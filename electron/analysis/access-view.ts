// Which travel times the accessibility rule judges (the gap setting
// accessView): the analysis's own mode, walking or driving whatever the mode,
// or the realistic view, where an area's households without a car (Census
// TS045) are judged by their walking time and the rest by their driving time.
import { mergeGapSettings, type AccessView, type GapSettingsPatch } from '../../shared/analysis/gaps';
import { NO_CAR_SHARE } from '../../shared/analysis/area-indicators';
import type { TravelMode } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { serviceAccess } from '../routing/service-access';
import { listAreaIndicators } from '../store/area-indicators';
import type { Project } from '../store/project';
import type { AreaAnalysisRequest } from './area-analysis';
import { readIndicatorAtLevel } from './area-indicator-levels';
import { projectGapSettings } from './gap-settings';
import { projectTravelProfile } from './travel-profile';

export type AnalysisTravel = NonNullable<AreaAnalysisRequest['travel']>;

/** The view in force for one run: the project's setting under the run's own flags. */
export function accessViewOf(project: Project, patch?: GapSettingsPatch): AccessView {
  return mergeGapSettings(projectGapSettings(project.db), patch).accessView;
}

/** Minutes to the nearest site by one mode, what-if sites counted when asked. */
export function modeTravel(project: Project, service: string, mode: TravelMode, level: string, existingOnly: boolean) {
  const access = serviceAccess(project, { service, profile: projectTravelProfile(project, mode), level, existingOnly });
  const minutes = new Map<string, number | null>();
  const nearestSiteId = new Map<string, number | null>();
  for (const a of access.areas) {
    minutes.set(a.code, a.seconds === null ? null : a.seconds / 60);
    nearestSiteId.set(a.code, a.siteId);
  }
  return { access, travel: { minutes, nearestSiteId } as AnalysisTravel };
}

/** The travel the accessibility rule reads for `view` ('mode': the analysis's own mode, as before the setting). */
export function viewTravel(project: Project, service: string, mode: TravelMode, level: string, view: AccessView, existingOnly: boolean) {
  if (view !== 'realistic') {
    const judged = view === 'mode' ? mode : view;
    const { access, travel } = modeTravel(project, service, judged, level, existingOnly);
    return { access, travel: judged === mode ? travel : { ...travel, judgedMode: judged } };
  }
  if (!listAreaIndicators(project.db).some((i) => i.name === NO_CAR_SHARE)) {
    throw new InputError('the realistic access view needs car availability per area: import Census TS045 with cgm import indicators (columns households and no_car)');
  }
  const walk = modeTravel(project, service, 'walk', level, existingOnly);
  const drive = modeTravel(project, service, 'drive', level, existingOnly);
  const shares = readIndicatorAtLevel(project.db, NO_CAR_SHARE, level).values;
  // An area without a TS045 value (a 2011 OA with no 2021 counterpart) takes the mean of the areas that have one.
  const known = [...shares.values()];
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  const realistic = new Map<string, { walkMinutes: number | null; driveMinutes: number | null; noCarShare: number }>();
  for (const [code, walkMinutes] of walk.travel.minutes) {
    realistic.set(code, { walkMinutes, driveMinutes: drive.travel.minutes.get(code) ?? null, noCarShare: (shares.get(code) ?? fallback) / 100 });
  }
  // The nearest site named is the one on foot: the households that have no choice.
  return { access: walk.access, travel: { ...walk.travel, realistic } };
}
