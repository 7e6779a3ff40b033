// The band table of one project: the routing engine's times to each area fed
// into the shared bandTable. `cgm bands` and the Analysis dock both call this,
// so the CLI and the app print the same numbers for the same what-if state.
import type { BaseKind, TravelProfile } from '../../shared/domain';
import { bandTable, DEFAULT_BAND_LIMITS, liftRates, type BandTable } from '../../shared/travel/bands';
import { schemeSegments } from '../analysis/inputs';
import { segmentLifter } from '../analysis/segment-levels';
import type { Project } from '../store/project';
import { indicatorRates, pickScheme, segmentBases } from './project-population';
import { serviceAccess } from './service-access';
import { projectTransitTimes, type TransitRequest } from '../transit/transit-access';

export interface ProjectBandsRequest {
  service: string;
  profile: TravelProfile;
  indicator?: string;
  scheme?: string;
  segmentLevel?: string;
  /** Persons or households; default the scheme's own base. */
  base?: BaseKind;
  limits?: number[];
  /** Count what-if sites as open. Off by default: the gap analysis counts real sites only. */
  includeProposed?: boolean;
  /** Times by public transport over a departure window instead of over the roads with `profile`. */
  transit?: Pick<TransitRequest, 'date' | 'window'>;
}

export interface ProjectBands {
  table: BandTable;
  scheme: string;
  baseKind: BaseKind;
  level: string;
  unreachableAreas: string[];
  /** What-if sites counted as open (0 unless includeProposed). */
  proposedSites: number;
}

/** The scheme, its bases at the level asked and the rates the band table ranks by. */
export function bandBasis(project: Project, req: Omit<ProjectBandsRequest, 'profile'>) {
  const asked = req.indicator ? indicatorRates(project.db, req.indicator) : null;
  // The scheme asked for (the app's picker) wins; the indicator's rates rank its segments only in their own scheme.
  const scheme = req.scheme ? pickScheme(project.db, req.scheme) : (asked?.scheme ?? pickScheme(project.db));
  const ind = asked?.scheme === scheme ? asked : null;
  const seg = segmentBases(project.db, scheme, req.segmentLevel, req.base);
  // At a coarser level than the rates (supergroups over subgroup rates) the need is summed up the hierarchy.
  const rates = ind && req.segmentLevel
    ? liftRates(segmentBases(project.db, scheme, undefined, req.base).bases, ind.rates, segmentLifter(schemeSegments(project.db, scheme), req.segmentLevel))
    : ind?.rates;
  return { scheme, seg, rates };
}

export function projectBands(project: Project, req: ProjectBandsRequest): ProjectBands {
  const { scheme, seg, rates } = bandBasis(project, req);
  const access = req.transit
    ? transitAccess(project, { ...req.transit, service: req.service, level: seg.level ?? undefined, includeProposed: req.includeProposed })
    : roadAccess(project, req, seg.level ?? undefined);
  const table = bandTable({
    areaTimes: access.areas.map((a) => ({ areaCode: a.code, minutes: a.seconds === null ? null : a.seconds / 60 })),
    bases: seg.bases,
    rates,
    population: seg.population,
    limits: req.limits ?? DEFAULT_BAND_LIMITS,
  });
  return {
    table, scheme, baseKind: seg.baseKind, level: access.level,
    unreachableAreas: access.areas.filter((a) => a.seconds === null).map((a) => a.code),
    proposedSites: access.proposedSites,
  };
}

interface TimedAreas {
  level: string;
  areas: { code: string; seconds: number | null }[];
  proposedSites: number;
}

function roadAccess(project: Project, req: ProjectBandsRequest, level: string | undefined): TimedAreas {
  const access = serviceAccess(project, { service: req.service, profile: req.profile, level, existingOnly: !req.includeProposed });
  return { level: access.level, areas: access.areas, proposedSites: access.sites.filter((s) => s.proposed).length };
}

/** Public transport: each area's median journey over the departure window, walking included. */
function transitAccess(project: Project, req: TransitRequest): TimedAreas {
  return projectTransitTimes(project, req);
}
