// Need, use, uptake and gaps per area for one service and one need indicator.
// This gathers the inputs; every figure is computed by shared/analysis.
import type Database from 'better-sqlite3';
import { classifyGap, mergeGapSettings, type AccessMeasure, type GapAreaInput, type GapResult, type GapSettings, type GapSettingsPatch, type SegmentAttributes } from '../../shared/analysis/gaps';
import { inheritedAttributes } from '../../shared/analysis/segment-profile';
import { expectedCases } from '../../shared/analysis/need';
import { uptakeRatio, type UptakeResult } from '../../shared/analysis/uptake';
import type { BaseKind, ServiceSite, TravelMode } from '../../shared/domain';
import { attributeUsers, type AttributedUsers } from '../../shared/analysis/attribution';
import { areaParents, finestLevel, indicatorInputs, levelAreas, parentsTowards, requireService, schemeSegments, serviceSites } from './inputs';
import { scopedInputs, type AnalysisScope, type ScopeRequest } from './analysis-scope';
import { areaLifter } from './segment-levels';
import { projectGapSettings } from './gap-settings';
import { siteWeeklyHours } from './site-hours';

export interface AreaAnalysisRequest extends ScopeRequest {
  service: string;
  indicator: string;
  mode: TravelMode;
  /** Geography level of the rows; default the finest. */
  level?: string;
  /** Per-run changes over the project's gap settings. */
  settings?: GapSettingsPatch;
  /** Travel minutes from each area's point to its nearest site (null: none reachable), when the network is available. */
  travel?: {
    minutes: Map<string, number | null>;
    nearestSiteId: Map<string, number | null>;
    /** The mode the times are by when the gap setting accessView names one other than `mode`. */
    judgedMode?: TravelMode;
    /** The realistic access view: each area's walking and driving minutes and its share of households without a car. */
    realistic?: Map<string, { walkMinutes: number | null; driveMinutes: number | null; noCarShare: number }>;
  };
}

export interface AreaAnalysisRow {
  code: string;
  name: string | null;
  base: number;
  /** Expected cases of the need (e.g. smokers): Σ base × prevalence. */
  need: number;
  /** need ÷ base against the study-area rate, × 100. */
  needIndex: number | null;
  users: number;
  uptake: UptakeResult;
  /** expected users − users, where positive. */
  unmet: number;
  nearestSite: string | null;
  nearestSiteId: number | null;
  access: AccessMeasure | null;
  hoursOutsideOffice: number | null;
  segmentBases: { segmentCode: string; base: number }[];
}

export interface AreaAnalysis {
  service: string;
  indicator: string;
  scheme: string;
  level: string;
  mode: TravelMode;
  accessMeasure: 'travel-time' | 'straight-line';
  totalUsers: number;
  totalNeed: number;
  /** Users geocoded to areas with no segment or population (e.g. 2011/2021 code mismatches). */
  usersOutsideBase: number;
  baseKind: BaseKind;
  /** How users' segments were found and who was left out (the same users at every level). */
  attributed: AttributedUsers;
  settings: GapSettings;
  /** Segment attributes the gap rules read, so disclosed views can classify again from published flags. */
  attributes: Record<string, SegmentAttributes>;
  /** The period, excluded areas and communal residents left out: for the notes every output carries. */
  scope: AnalysisScope;
  rows: AreaAnalysisRow[];
  /** Need and users by segment over the study area, for the who/what/where summary. */
  segments: { code: string; name: string; need: number; users: number }[];
}

const EARTH_RADIUS_KM = 6371.0088;

/**
 * The nearest site by great-circle distance (haversine), for every area of a
 * run: the sites' radians and cosines are worked out once, and sites are
 * compared by the haversine term, which grows with the distance, so only the
 * nearest one's distance is taken (190,000 areas × 300 sites nationally).
 * Sites are visited outwards in latitude from the point: the term is at least
 * its latitude part, sin²(Δφ/2), so a direction stops once that alone exceeds
 * the best so far. Ties keep the site listed first, as a plain scan would.
 */
function nearestSiteFinder(sites: ServiceSite[]): (pointLon: number, pointLat: number) => { site: ServiceSite; km: number } | null {
  const rad = Math.PI / 180;
  const lat = sites.map((s) => s.lat * rad), lon = sites.map((s) => s.lon * rad), cos = lat.map(Math.cos);
  const order = sites.map((_, k) => k).sort((a, b) => lat[a] - lat[b] || a - b);
  const sortedLat = order.map((k) => lat[k]);
  // Slack for a sine that is not monotone to the last bit: never stop on a bound that only rounding put above the best.
  const SLACK = 1 + 1e-9;
  return (pointLon, pointLat) => {
    const lat1 = pointLat * rad, lon1 = pointLon * rad, cos1 = Math.cos(lat1);
    let best = -1, bestA = Infinity;
    const visit = (k: number): boolean => {
      const dLat = Math.sin((lat[k] - lat1) / 2) ** 2;
      if (dLat > bestA * SLACK) return false;
      const a = dLat + cos1 * cos[k] * Math.sin((lon[k] - lon1) / 2) ** 2;
      if (a < bestA || (a === bestA && k < best)) {
        bestA = a;
        best = k;
      }
      return true;
    };
    let lo = 0, hi = sortedLat.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedLat[mid] < lat1) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < order.length && visit(order[i]); i++);
    for (let i = lo - 1; i >= 0 && visit(order[i]); i--);
    return best < 0 ? null : { site: sites[best], km: 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(bestA)) };
  };
}

export function runAreaAnalysis(db: Database.Database, request: AreaAnalysisRequest): AreaAnalysis {
  requireService(db, request.service);
  const indicator = indicatorInputs(db, request.indicator);
  const settings = mergeGapSettings(projectGapSettings(db), request.settings);
  const level = request.level ?? finestLevel(db);
  // The parent chain is read once (190,000 rows nationally) for the area points, the lift and the users.
  const chain = areaParents(db);
  const towards = parentsTowards(db, chain, level);
  const geography = levelAreas(db, level, towards);
  const up = areaLifter(towards, new Set(geography.areas.map((a) => a.code)));

  const inputs = scopedInputs(db, request.service, indicator.scheme, request);
  const baseKind = inputs.baseKind;
  const bases: typeof inputs.bases = [];
  for (const b of inputs.bases) {
    const code = up(b.areaCode);
    // At the finest level each base is already the row's own: not copied.
    if (code) bases.push(code === b.areaCode ? b : { ...b, areaCode: code });
  }
  const needResult = expectedCases(bases, indicator.rates);
  const unrated = unratedSegments(bases, needResult.segmentsWithoutRate);
  if (unrated.length) throw noNeedError(request.indicator, indicator.scheme, unrated, indicator.rates);
  // Filled in a loop: no [code, area] pair per area (190,000 nationally) to build the map from.
  const need = new Map<string, (typeof needResult.areas)[number]>();
  for (const a of needResult.areas) need.set(a.areaCode, a);
  // Users are matched to the base where both are finest, then lifted: every
  // level counts the same users over the same base (attribution.ts).
  const attributed = attributeUsers(inputs.users, inputs.bases, chain);
  const observed = new Map<string, number>();
  const usersBySegment = new Map<string, number>();
  let usersOutsideBase = attributed.leftOut.users;
  for (const u of attributed.rows) {
    const code = up(u.areaCode);
    if (code && need.has(code)) {
      observed.set(code, (observed.get(code) ?? 0) + u.users);
      usersBySegment.set(u.segmentCode, (usersBySegment.get(u.segmentCode) ?? 0) + u.users);
    } else usersOutsideBase += u.users;
  }
  // Summed from 0 in the maps' order, as reduce over their values did, without copying them into arrays first.
  let totalUsers = 0, totalNeed = 0, totalBase = 0;
  for (const users of observed.values()) totalUsers += users;
  for (const n of need.values()) totalNeed += n.expected;
  for (const n of need.values()) totalBase += n.base;
  const overallRate = totalBase > 0 ? totalNeed / totalBase : 0;

  const sites = serviceSites(db, request.service);
  const nearestSite = nearestSiteFinder(sites);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const hours = new Map(sites.map((s) => [s.id, siteWeeklyHours(s.openingHours)]));
  const schemeSegmentList = schemeSegments(db, indicator.scheme);
  const attributes = inheritedAttributes(schemeSegmentList);

  const rows: AreaAnalysisRow[] = [];
  for (const area of geography.areas) {
    const n = need.get(area.code);
    if (!n) continue;
    const users = observed.get(area.code) ?? 0;
    // Indirect standardisation: users expected if every area took up the
    // service in proportion to its need, at the study area's overall rate.
    const expectedUsers = totalNeed > 0 ? (totalUsers * n.expected) / totalNeed : 0;
    const uptake = uptakeRatio({ areaCode: area.code, observed: users, expected: expectedUsers });

    let access: AccessMeasure | null = null;
    let nearest: ServiceSite | null = null;
    if (request.travel) {
      const minutes = request.travel.minutes.get(area.code);
      const siteId = request.travel.nearestSiteId.get(area.code);
      nearest = (siteId == null ? undefined : siteById.get(siteId)) ?? null;
      // null: the area's point was routed and reaches no site (an accessibility gap);
      // undefined: the area was not routed at all (no point), so access stays unassessed.
      const judged = request.travel.judgedMode ?? request.mode;
      const realistic = request.travel.realistic?.get(area.code);
      if (realistic) access = { measure: 'realistic', ...realistic };
      else if (minutes === null) access = { measure: 'unreachable', mode: judged };
      else if (minutes !== undefined) access = { measure: 'travel-time', mode: judged, minutes };
    } else {
      const found = nearestSite(area.lon, area.lat);
      if (found) {
        nearest = found.site;
        access = { measure: 'straight-line', mode: request.mode, km: found.km };
      }
    }
    const siteHours = nearest ? (hours.get(nearest.id) ?? null) : null;
    // In the order Object.entries gives (for…in walks own keys alike): no [key, value] pair per segment.
    const segmentBasesHere: AreaAnalysisRow['segmentBases'] = [];
    for (const segmentCode in n.bySegment) segmentBasesHere.push({ segmentCode, base: n.bySegment[segmentCode].base });
    rows.push({
      code: area.code,
      name: area.name,
      base: n.base,
      need: n.expected,
      needIndex: overallRate > 0 && n.base > 0 ? ((n.expected / n.base) / overallRate) * 100 : null,
      users,
      uptake,
      unmet: Math.max(0, expectedUsers - users),
      nearestSite: nearest?.name ?? null,
      nearestSiteId: nearest?.id ?? null,
      access,
      hoursOutsideOffice: siteHours?.hoursOutsideOffice ?? null,
      segmentBases: segmentBasesHere,
    });
  }
  return {
    service: request.service,
    indicator: request.indicator,
    scheme: indicator.scheme,
    level,
    mode: request.mode,
    accessMeasure: request.travel ? 'travel-time' : 'straight-line',
    totalUsers,
    totalNeed,
    usersOutsideBase,
    baseKind,
    attributed,
    settings,
    attributes,
    scope: inputs.scope,
    rows,
    segments: segmentTotals(need, usersBySegment, schemeSegmentList),
  };
}

/** What the gap rules read of a row, with the uptake they judge (the exact one, or the published one under a disclosure rule). */
export function gapInput(row: AreaAnalysisRow, uptake: UptakeResult): GapAreaInput {
  return {
    areaCode: row.code, uptake, access: row.access, nearestSiteHoursOutsideOffice: row.hoursOutsideOffice,
    nearestSiteName: row.nearestSite, segmentBases: row.segmentBases,
  };
}

/**
 * A row's gap class from its exact figures: the analyst's own view (no
 * disclosure rule). Worked out where it is shown, not for every row of every
 * run: under a sharing rule rows are classified from their published uptake
 * (area-results.ts), and a national run classified every area twice.
 */
export function exactGap(analysis: Pick<AreaAnalysis, 'attributes' | 'settings'>, row: AreaAnalysisRow): GapResult {
  return classifyGap(gapInput(row, row.uptake), analysis.attributes, analysis.settings);
}

function segmentTotals(
  need: Map<string, { bySegment: Record<string, { expected: number }> }>,
  users: Map<string, number>,
  segments: { code: string; name: string }[],
): AreaAnalysis['segments'] {
  const needBySegment = new Map<string, number>();
  for (const area of need.values())
    for (const [code, v] of Object.entries(area.bySegment)) needBySegment.set(code, (needBySegment.get(code) ?? 0) + v.expected);
  const names = new Map(segments.map((s) => [s.code, s.name]));
  return [...needBySegment]
    .map(([code, n]) => ({ code, name: names.get(code) ?? code, need: n, users: users.get(code) ?? 0 }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Segments with people but no rate, directly or through a parent: their need would silently be 0. */
function unratedSegments(bases: readonly { segmentCode: string; base: number }[], withoutRate: readonly string[]): string[] {
  const missing = new Set(withoutRate);
  return [...new Set(bases.filter((b) => b.base > 0 && missing.has(b.segmentCode)).map((b) => b.segmentCode))].sort();
}

/** Refuse rather than show need 0 for people whose segment has no rate. */
function noNeedError(indicator: string, scheme: string, unrated: string[], rates: readonly { segmentCode: string }[]): Error {
  const list = (codes: string[]) => codes.slice(0, 8).join(', ') + (codes.length > 8 ? ` and ${codes.length - 8} more` : '');
  return new Error(
    `indicator "${indicator}" has no rate for ${scheme} segments ${list(unrated)}, directly or through a parent segment ` +
      `(it has rates for ${list(rates.map((r) => r.segmentCode)) || 'none'}); import rates covering them at their level or above`,
  );
}
