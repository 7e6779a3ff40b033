// The realistic band view: households without a car (the area indicator
// TS045 gives, households_without_car_pct) counted at their walking time to
// the nearest site, the rest at their driving time. Same table, same ranks and
// same bases as the walk-only and drive-only views (project-bands.ts).
import type { TravelProfile } from '../../shared/domain';
import { bandTable, DEFAULT_BAND_LIMITS } from '../../shared/travel/bands';
import { carAccessModes, mixTravelModes } from '../../shared/travel/mode-mix';
import { InputError } from '../../shared/errors';
import { readIndicatorAtLevel } from '../analysis/area-indicator-levels';
import { NO_CAR_SHARE } from '../../shared/analysis/area-indicators';
import { listAreaIndicators } from '../store/area-indicators';
import type { Project } from '../store/project';
import { bandBasis, type ProjectBands, type ProjectBandsRequest } from './project-bands';
import { serviceAccess } from './service-access';
import { projectTransitTimes, type TransitRequest } from '../transit/transit-access';

export interface RealisticBandsRequest extends Omit<ProjectBandsRequest, 'profile'> {
  walk: TravelProfile;
  drive: TravelProfile;
  /** With a timetable day and window, households without a car go by public transport (walking all the way when quicker). */
  transit?: Pick<TransitRequest, 'date' | 'window'>;
}

export interface RealisticBands extends ProjectBands {
  /** How the car access was read, and the areas without a TS045 value that took the study area's share. */
  carAccess: { method: string; fallbackPct: number; areasWithoutValue: string[] };
}

export function projectRealisticBands(project: Project, req: RealisticBandsRequest): RealisticBands {
  if (!listAreaIndicators(project.db).some((i) => i.name === NO_CAR_SHARE)) {
    throw new InputError('the realistic view needs car availability per area: import Census TS045 with cgm import indicators (columns households and no_car)');
  }
  const { scheme, seg, rates } = bandBasis(project, req).read();
  const common = { service: req.service, level: seg.level ?? undefined, existingOnly: !req.includeProposed };
  const walk = serviceAccess(project, { ...common, profile: req.walk });
  const drive = serviceAccess(project, { ...common, profile: req.drive });
  const shares = readIndicatorAtLevel(project.db, NO_CAR_SHARE, walk.level);
  // Areas without a TS045 row (a 2011 OA with no 2021 counterpart) take the study area's population-weighted share.
  const population = seg.population ?? [];
  let weighted = 0;
  let weight = 0;
  for (const p of population) {
    const v = shares.values.get(p.areaCode);
    if (v !== undefined && p.base > 0) (weighted += v * p.base), (weight += p.base);
  }
  const fallbackPct = weight > 0 ? weighted / weight : 0;
  const noCar = (area: string) => (shares.values.get(area) ?? fallbackPct) / 100;
  const minutes = (a: { code: string; seconds: number | null }) => ({ areaCode: a.code, minutes: a.seconds === null ? null : a.seconds / 60 });
  // Without a car: on foot, or by bus where a timetable is given (its journeys already include walking all the way).
  const carless = req.transit
    ? projectTransitTimes(project, { ...req.transit, service: req.service, level: walk.level, includeProposed: req.includeProposed }).areas
    : walk.areas;
  const mixed = mixTravelModes({ modes: carAccessModes(carless.map(minutes), drive.areas.map(minutes), noCar), bases: seg.bases, population: seg.population });
  const table = bandTable({ ...mixed, rates, limits: req.limits ?? DEFAULT_BAND_LIMITS });
  const unreachable = new Set([
    ...carless.filter((a) => a.seconds === null && noCar(a.code) > 0).map((a) => a.code),
    ...drive.areas.filter((a) => a.seconds === null && noCar(a.code) < 1).map((a) => a.code),
  ]);
  const areasWithoutValue = [...new Set(seg.bases.map((b) => b.areaCode))].filter((a) => !shares.values.has(a)).sort();
  return {
    table, scheme, baseKind: seg.baseKind, level: walk.level, unreachableAreas: [...unreachable].sort(),
    proposedSites: walk.sites.filter((s) => s.proposed).length,
    carAccess: { method: req.transit ? `${shares.method}; without a car by public transport or on foot` : shares.method, fallbackPct, areasWithoutValue },
  };
}
