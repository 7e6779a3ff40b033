// Where to add k sites: maximal covering location over the project's area
// points, each a candidate site, weighted by need (Σ base × prevalence).
import { expectedCases } from '../../shared/analysis/need';
import type { TravelProfile } from '../../shared/domain';
import { greedyMaxCover, type CoverResult } from '../../shared/travel/max-cover';
import type { Project } from '../store/project';
import { multiSourceDijkstra } from './dijkstra';
import { indicatorRates, segmentBases } from './project-population';
import { serviceAccess } from './service-access';
import { buildSnapIndex } from './snap';

export interface SuggestOptions {
  service: string;
  indicator: string;
  profile: TravelProfile;
  minutes: number;
  k: number;
}

export interface SuggestedSite {
  rank: number;
  /** The candidate is the population-weighted point of this area. */
  areaCode: string;
  areaName: string | null;
  lon: number;
  lat: number;
  /** Need newly within `minutes` of a site thanks to this one. */
  addedNeed: number;
  coveredNeed: number;
  coveredPct: number;
}

export interface SuggestResult {
  service: string;
  indicator: string;
  minutes: number;
  level: string;
  totalNeed: number;
  coveredByExisting: number;
  coveredByExistingPct: number;
  sites: SuggestedSite[];
  evaluations: number;
  guarantee: string;
}

export function suggestSites(project: Project, opts: SuggestOptions): SuggestResult {
  const { scheme, rates } = indicatorRates(project.db, opts.indicator);
  const { bases, level: basesLevel } = segmentBases(project.db, scheme);
  const access = serviceAccess(project, { service: opts.service, profile: opts.profile, level: basesLevel ?? undefined });
  const needByArea = new Map(expectedCases(bases, rates).areas.map((a) => [a.areaCode, a.expected]));
  const areas = access.areas;
  const need = areas.map((a) => needByArea.get(a.code) ?? 0);
  const limit = opts.minutes * 60;
  const covered = areas.map((a) => a.seconds !== null && a.seconds <= limit);

  const snapper = buildSnapIndex(access.graph);
  const areaSnaps = areas.map((a) => snapper.snap(a.lon, a.lat));
  // Demand points grouped by their snapped node, so one bounded Dijkstra per candidate finds all it covers.
  const candidates = areas.flatMap((a, ci) => {
    const snap = areaSnaps[ci];
    if (!snap) return [];
    const { seconds } = multiSourceDijkstra(access.graph.csr, [{ node: snap.node, offsetSeconds: snap.seconds }], { maxSeconds: limit });
    const covers: number[] = [];
    areaSnaps.forEach((s, di) => {
      if (s && seconds[s.node] + s.seconds <= limit) covers.push(di);
    });
    return [{ id: String(ci), covers }];
  });
  const result: CoverResult = greedyMaxCover(need, candidates, opts.k, covered);
  const pct = (v: number) => (result.totalNeed > 0 ? (100 * v) / result.totalNeed : 0);
  return {
    service: opts.service,
    indicator: opts.indicator,
    minutes: opts.minutes,
    level: access.level,
    totalNeed: result.totalNeed,
    coveredByExisting: result.initiallyCovered,
    coveredByExistingPct: pct(result.initiallyCovered),
    sites: result.picks.map((p, i) => {
      const a = areas[Number(p.id)];
      return {
        rank: i + 1, areaCode: a.code, areaName: a.name, lon: a.lon, lat: a.lat,
        addedNeed: p.gain, coveredNeed: p.coveredNeed, coveredPct: pct(p.coveredNeed),
      };
    }),
    evaluations: result.evaluations,
    guarantee:
      'Greedy maximal covering: need covered is monotone submodular in the set of sites, so these k sites cover at least (1 - 1/e) ≈ 63.2% of the need the best possible k sites (from the same candidates) would add.',
  };
}
