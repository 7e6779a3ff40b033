// The last travel trees, kept between requests. A national band table or set
// of isochrones routes 300 sites over 5M nodes (seconds of CPU) and snaps
// ~190,000 area points; the next request for the same service usually asks the
// same question again (isochrones, then the band table; a second band table at
// another segment level). Each kept answer is keyed by everything it is
// computed from, so a changed input can only miss, never return a stale answer:
// - the graph by the project file, the profile (its speeds included:
//   profileKey) and the build time of its cached copy (a road import clears
//   that cache, so the next graph has a new build time);
// - the times to every node by that graph object and the sources exactly as
//   routed (each site's snapped node and walking offset, in order, what-if
//   sites included) and the cut-off;
// - the area snaps by the snap index object and the points' coordinates.
// Callers read kept arrays and never write to them.
// A national graph is ~0.8 GB and each thread that routes keeps its own memo,
// so kept answers go when the memo has been idle a while, and a graph of
// another project file goes as soon as one of this project is asked for.
import { createHash } from 'node:crypto';
import type { TravelProfile } from '../../shared/domain';
import type { Project } from '../store/project';
import type { DijkstraSource, TravelTimes } from './dijkstra';
import { routeHere, startTree, type PendingTree } from './dijkstra-thread';
import type { RoadGraph } from './graph-build';
import { profileKey } from './graph-cache';
import { projectGraph } from './roads-import';
import { buildSnapIndex, type SnapIndex } from './snap';

/** Graphs kept: a walk and a drive graph (the realistic access view uses both). */
const GRAPHS = 2;
/** Trees kept per graph: existing sites and with what-ifs, for a couple of services. */
const TREES = 4;

/** How long kept answers outlive their last use: a meeting's next question, not the rest of the day. */
export const TRAVEL_MEMO_IDLE_MS = 120_000;

const graphs: { path: string; key: string; graph: RoadGraph }[] = [];
let snapIndexes = new WeakMap<RoadGraph, SnapIndex>();
let trees = new WeakMap<RoadGraph, { key: string; times: TravelTimes }[]>();
let pointSnaps = new WeakMap<SnapIndex, { key: string; snaps: PointSnaps }>();

/** What was computed afresh, for tests that a kept answer was (or was not) used. */
export const travelMemoCounts = { graphsLoaded: 0, treesRouted: 0, pointsSnapped: 0 };

/** Forgets every kept answer (when idle; tests compare a kept answer with a fresh one). */
export function clearTravelMemo(): void {
  graphs.length = 0;
  snapIndexes = new WeakMap();
  trees = new WeakMap();
  pointSnaps = new WeakMap();
}

let idle: ReturnType<typeof setTimeout> | undefined;
/** Each use puts the idle release off again; the timer never keeps a process or thread alive. */
function touch(): void {
  if (idle) clearTimeout(idle);
  idle = setTimeout(clearTravelMemo, TRAVEL_MEMO_IDLE_MS);
  idle.unref?.();
}

function keep<T extends { key: string }>(list: T[], entry: T, limit: number): void {
  list.unshift(entry);
  list.length = Math.min(list.length, limit);
}

function graphKey(project: Project, profile: TravelProfile): string {
  const key = profileKey(profile);
  const builtAt = project.db.prepare('SELECT built_at FROM cgm_graph_cache WHERE profile_key = ?').pluck().get(key) as string | undefined;
  // A read-only project does not cache its graph, so it has no build time; nor can this app change
  // its roads meanwhile. Kept all the same: a drag on it would otherwise load the graph every move.
  return JSON.stringify([project.path, key, builtAt ?? 'uncached']);
}

/** The project's graph for `profile`, the kept one while its roads and profile are unchanged. */
export function keptGraph(project: Project, profile: TravelProfile): RoadGraph {
  touch();
  for (let i = graphs.length - 1; i >= 0; i--) if (graphs[i].path !== project.path) graphs.splice(i, 1);
  const hit = graphs.findIndex((g) => g.key === graphKey(project, profile));
  if (hit >= 0) {
    const [entry] = graphs.splice(hit, 1);
    graphs.unshift(entry);
    return entry.graph;
  }
  const graph = projectGraph(project, profile);
  travelMemoCounts.graphsLoaded++;
  // Keyed after loading: building the graph of a writable project stores its build time.
  keep(graphs, { path: project.path, key: graphKey(project, profile), graph }, GRAPHS);
  return graph;
}

/** The snap index of a graph, built once per graph object. */
export function keptSnapIndex(graph: RoadGraph): SnapIndex {
  let index = snapIndexes.get(graph);
  if (!index) snapIndexes.set(graph, (index = buildSnapIndex(graph)));
  return index;
}

/**
 * Multi-source Dijkstra over `graph`, or the kept tree of the same sources and cut-off, started now and
 * kept once waited for. `beside`: the caller has work to do meanwhile, so a national tree goes to a
 * thread of its own (dijkstra-thread.ts); otherwise a thread would only add its start.
 */
export function startKeptTravelTimes(graph: RoadGraph, sources: DijkstraSource[], maxSeconds?: number, beside = false): PendingTree {
  touch();
  const key = `${maxSeconds ?? ''}|${sources.map((s) => `${s.node}:${s.offsetSeconds ?? 0}`).join(',')}`;
  const list = trees.get(graph) ?? [];
  trees.set(graph, list);
  const hit = list.findIndex((t) => t.key === key);
  if (hit >= 0) {
    const [entry] = list.splice(hit, 1);
    list.unshift(entry);
    return { wait: () => entry.times, cancel: () => {} };
  }
  const pending = beside ? startTree(graph.csr, sources, maxSeconds) : routeHere(graph.csr, sources, maxSeconds);
  travelMemoCounts.treesRouted++;
  let times: TravelTimes | null = null;
  return {
    wait() {
      if (!times) keep(list, { key, times: (times = pending.wait()) }, TREES);
      return times;
    },
    cancel: () => pending.cancel(),
  };
}

/** As startKeptTravelTimes, waited for at once. */
export function keptTravelTimes(graph: RoadGraph, sources: DijkstraSource[], maxSeconds?: number): TravelTimes {
  return startKeptTravelTimes(graph, sources, maxSeconds).wait();
}

/** Each point's nearest usable node (-1: none), its distance and walking time, as snapper.snap gives them. */
export interface PointSnaps {
  node: Int32Array;
  meters: Float64Array;
  seconds: Float64Array;
}

/** The points snapped by `snapper`, or the kept snaps of the same coordinates. */
export function keptPointSnaps(snapper: SnapIndex, points: readonly { lon: number; lat: number }[]): PointSnaps {
  touch();
  const coordinates = new Float64Array(points.length * 2);
  points.forEach((p, i) => {
    coordinates[2 * i] = p.lon;
    coordinates[2 * i + 1] = p.lat;
  });
  const key = createHash('sha256').update(new Uint8Array(coordinates.buffer)).digest('hex');
  const hit = pointSnaps.get(snapper);
  if (hit?.key === key) return hit.snaps;
  const snaps: PointSnaps = { node: new Int32Array(points.length).fill(-1), meters: new Float64Array(points.length), seconds: new Float64Array(points.length) };
  points.forEach((p, i) => {
    const s = snapper.snap(p.lon, p.lat);
    if (!s) return;
    snaps.node[i] = s.node;
    snaps.meters[i] = s.meters;
    snaps.seconds[i] = s.seconds;
  });
  travelMemoCounts.pointsSnapped++;
  pointSnaps.set(snapper, { key, snaps });
  return snaps;
}
