// Where to add k sites: maximal covering location over the project's area
// points, weighted by need (Σ base × prevalence), choosing among candidate
// places (area points, thinned road nodes, or the analyst's own list).
import { expectedCases } from '../../shared/analysis/need';
import type { BaseKind, TravelProfile } from '../../shared/domain';
import { greedyMaxCover, type CoverCandidate, type CoverResult } from '../../shared/travel/max-cover';
import type { Project } from '../store/project';
import { reverseCsr, type Csr } from './csr';
import { multiSourceDijkstra } from './dijkstra';
import { indicatorRates, segmentBases } from './project-population';
import { serviceAccess } from './service-access';
import { buildSnapIndex, usableNodes, type Snap } from './snap';
import { areaCandidates, listCandidates, nodeCandidates, type Candidate, type CandidateSource } from './suggest-candidates';

export interface SuggestOptions {
  service: string;
  indicator: string;
  profile: TravelProfile;
  minutes: number;
  k: number;
  /** Default: the area points. */
  candidates?: CandidateSource;
  /** Persons or households; default the scheme's own base. */
  base?: BaseKind;
}

export interface SuggestedSite {
  rank: number;
  source: Candidate['source'];
  /** Area code, OSM node id, or the name in the analyst's list. */
  candidate: string;
  name: string | null;
  lon: number;
  lat: number;
  /** Need newly within `minutes` of a site thanks to this one. */
  addedNeed: number;
  /** Need within `minutes` once this site is added, the existing sites and earlier picks included. */
  coveredNeed: number;
  coveredPct: number;
}

export interface SuggestResult {
  service: string;
  indicator: string;
  minutes: number;
  level: string;
  candidateSource: CandidateSource['kind'];
  /** Candidates considered, and those left out because they are too far from any usable road. */
  candidates: number;
  candidatesOffNetwork: number;
  totalNeed: number;
  coveredByExisting: number;
  coveredByExistingPct: number;
  sites: SuggestedSite[];
  evaluations: number;
  guarantee: string;
}

/** Demand point i: a snapped node and its off-network walk; null when off the network. */
type Demand = Snap | null;

/** Where a suggestion run is: cover searches done of all it will run. */
export interface SuggestProgress {
  searches: number;
  total: number;
}

/**
 * Which demand points each candidate reaches within `limit` seconds, site → area
 * as the band table measures. Searches run from whichever side has fewer points:
 * forward from each candidate, or backward (on the reversed graph) from each
 * demand point. Both give the same sets; a county's thousands of road-node
 * candidates then cost one search per area instead of one per node. Yields
 * after each search, so a caller can report progress and stop between them.
 */
function* coverSearches(csr: Csr, candidates: Snap[], demand: Demand[], limit: number, covers: number[][]): Generator<SuggestProgress> {
  if (candidates.length <= demand.filter(Boolean).length) {
    for (let ci = 0; ci < candidates.length; ci++) {
      const c = candidates[ci];
      const { seconds } = multiSourceDijkstra(csr, [{ node: c.node, offsetSeconds: c.seconds }], { maxSeconds: limit });
      demand.forEach((d, di) => {
        if (d && seconds[d.node] + d.seconds <= limit) covers[ci].push(di);
      });
      yield { searches: ci + 1, total: candidates.length };
    }
    return;
  }
  const reversed = reverseCsr(csr);
  for (let di = 0; di < demand.length; di++) {
    const d = demand[di];
    if (d) {
      const { seconds } = multiSourceDijkstra(reversed, [{ node: d.node, offsetSeconds: d.seconds }], { maxSeconds: limit });
      candidates.forEach((c, ci) => {
        if (seconds[c.node] + c.seconds <= limit) covers[ci].push(di);
      });
    }
    yield { searches: di + 1, total: demand.length };
  }
}

export function coverSets(csr: Csr, candidates: Snap[], demand: Demand[], limit: number): number[][] {
  const covers: number[][] = candidates.map(() => []);
  for (const _step of coverSearches(csr, candidates, demand, limit, covers));
  return covers;
}

/** The whole run, yielding after each cover search; `suggestSites` and `suggestSitesStepwise` drive it. */
function* suggestion(project: Project, opts: SuggestOptions): Generator<SuggestProgress, SuggestResult> {
  const { scheme, rates } = indicatorRates(project.db, opts.indicator);
  const { bases, level: basesLevel } = segmentBases(project.db, scheme, undefined, opts.base);
  // Existing cover counts real sites only: what-if sites are not open yet.
  const access = serviceAccess(project, { service: opts.service, profile: opts.profile, level: basesLevel ?? undefined, existingOnly: true });
  const needByArea = new Map(expectedCases(bases, rates).areas.map((a) => [a.areaCode, a.expected]));
  const areas = access.areas;
  const need = areas.map((a) => needByArea.get(a.code) ?? 0);
  const limit = opts.minutes * 60;
  const covered = areas.map((a) => a.seconds !== null && a.seconds <= limit);

  const usable = usableNodes(access.graph);
  const snapper = buildSnapIndex(access.graph, usable);
  const demand = areas.map((a) => snapper.snap(a.lon, a.lat));
  const source = opts.candidates ?? { kind: 'areas' };
  const all =
    source.kind === 'areas' ? areaCandidates(areas)
    : source.kind === 'nodes' ? nodeCandidates(access.graph, usable, source.spacingMeters)
    : listCandidates(source.sites);
  const placed = all.flatMap((c) => {
    const snap = c.node !== undefined ? { node: c.node, meters: 0, seconds: 0 } : snapper.snap(c.lon, c.lat);
    return snap ? [{ c, snap }] : [];
  });
  const sets: number[][] = placed.map(() => []);
  yield* coverSearches(access.graph.csr, placed.map((p) => p.snap), demand, limit, sets);
  const coverCandidates: CoverCandidate[] = sets.map((covers, i) => ({ id: String(i), covers }));
  const result: CoverResult = greedyMaxCover(need, coverCandidates, opts.k, covered);
  const pct = (v: number) => (result.totalNeed > 0 ? (100 * v) / result.totalNeed : 0);
  return {
    service: opts.service,
    indicator: opts.indicator,
    minutes: opts.minutes,
    level: access.level,
    candidateSource: source.kind,
    candidates: placed.length,
    candidatesOffNetwork: all.length - placed.length,
    totalNeed: result.totalNeed,
    coveredByExisting: result.initiallyCovered,
    coveredByExistingPct: pct(result.initiallyCovered),
    sites: result.picks.map((p, i) => {
      const { c } = placed[Number(p.id)];
      return {
        rank: i + 1, source: c.source, candidate: c.ref, name: c.name, lon: c.lon, lat: c.lat,
        addedNeed: p.gain, coveredNeed: p.coveredNeed, coveredPct: pct(p.coveredNeed),
      };
    }),
    evaluations: result.evaluations,
    guarantee:
      'Greedy maximal covering: need covered is monotone submodular in the set of sites, so these k sites cover at least (1 - 1/e) ≈ 63.2% of the need the best possible k sites (from the same candidates) would add.',
  };
}

/** The suggestion in one go (the CLI, tests). */
export function suggestSites(project: Project, opts: SuggestOptions): SuggestResult {
  const run = suggestion(project, opts);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

export class SuggestCancelled extends Error {
  constructor() {
    super('the suggestion was cancelled');
    this.name = 'SuggestCancelled';
  }
}

/**
 * The same run for the app: between searches it hands the event loop back
 * every few tens of milliseconds (so progress reaches the window and a cancel
 * is heard), reports searches done, and stops when `signal` aborts.
 */
export async function suggestSitesStepwise(
  project: Project, opts: SuggestOptions, watch: { progress?: (p: SuggestProgress) => void; signal?: AbortSignal } = {},
): Promise<SuggestResult> {
  const run = suggestion(project, opts);
  // The first search is reported at once: the window shows the count from the start, and a run that
  // would finish inside one interval can still be cancelled.
  let paused = 0;
  for (;;) {
    if (watch.signal?.aborted) throw new SuggestCancelled();
    const step = run.next();
    if (step.done) return step.value;
    if (Date.now() - paused > 40) {
      watch.progress?.(step.value);
      await new Promise((resolve) => setImmediate(resolve));
      paused = Date.now();
    }
  }
}
