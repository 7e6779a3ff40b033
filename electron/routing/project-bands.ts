// The band table of one project: the routing engine's times to each area fed
// into the shared bandTable. `cgm bands` and the Analysis dock both call this,
// so the CLI and the app print the same numbers for the same what-if state.
import type { BaseKind, TravelProfile } from '../../shared/domain';
import { bandTable, DEFAULT_BAND_LIMITS, liftRates, type BandTable } from '../../shared/travel/bands';
import { checkScope } from '../analysis/analysis-scope';
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

/**
 * The scheme and the rates a band table ranks by, checked at once (an unknown scheme, level or
 * base is refused before any routing starts); `read` then reads the scheme's bases at the level
 * asked, which nationally takes a second: the road table reads them while its tree is routed.
 */
export function bandBasis(project: Project, req: Omit<ProjectBandsRequest, 'profile'>) {
  const { db } = project;
  const asked = req.indicator ? indicatorRates(db, req.indicator) : null;
  // The scheme asked for (the app's picker) wins; the indicator's rates rank its segments only in their own scheme.
  const scheme = req.scheme ? pickScheme(db, req.scheme) : (asked?.scheme ?? pickScheme(db));
  const ind = asked?.scheme === scheme ? asked : null;
  const lift = req.segmentLevel ? segmentLifter(schemeSegments(db, scheme), req.segmentLevel) : null;
  checkScope(db, scheme, { base: req.base });
  return {
    scheme,
    read() {
      const seg = segmentBases(db, scheme, req.segmentLevel, req.base);
      // At a coarser level than the rates (supergroups over subgroup rates) the need is summed up the hierarchy.
      const rates = ind && lift ? liftRates(segmentBases(db, scheme, undefined, req.base).bases, ind.rates, lift) : ind?.rates;
      return { scheme, seg, rates };
    },
  };
}

export function projectBands(project: Project, req: ProjectBandsRequest): ProjectBands {
  const basis = bandBasis(project, req);
  let read: ReturnType<typeof basis.read> | undefined;
  const basisLevel = () => (read = basis.read()).seg.level ?? undefined;
  const access = req.transit
    ? transitAccess(project, { ...req.transit, service: req.service, level: basisLevel(), includeProposed: req.includeProposed })
    : roadAccess(project, req, basisLevel);
  const { scheme, seg, rates } = read!;
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

/** Over the roads: `level` (the bases' read) is called while the tree is routed. */
function roadAccess(project: Project, req: ProjectBandsRequest, level: () => string | undefined): TimedAreas {
  const access = serviceAccess(project, { service: req.service, profile: req.profile, level, existingOnly: !req.includeProposed, names: false });
  return { level: access.level, areas: access.areas, proposedSites: access.sites.filter((s) => s.proposed).length };
}

/** Public transport: each area's median journey over the departure window, walking included. */
function transitAccess(project: Project, req: TransitRequest): TimedAreas {
  return projectTransitTimes(project, req);
}
