// Travel time from the nearest site of a service to every node and every area
// point: the result the isochrone, band and suggest commands all start from.
import type { ServiceSite, TravelProfile } from '../../shared/domain';
import type { Project } from '../store/project';
import type { TravelTimes } from './dijkstra';
import type { RoadGraph } from './graph-build';
import { InputError } from '../../shared/errors';
import { requireService } from '../analysis/inputs';
import { areaPoints, serviceSites, type AreaPoint } from './project-inputs';
import type { Snap, SnapIndex } from './snap';
import { keptGraph, keptPointSnaps, keptSnapIndex, startKeptTravelTimes } from './travel-memo';

export interface SnappedSite extends ServiceSite {
  snap: Snap | null;
}

export interface AreaAccess extends AreaPoint {
  /** Seconds from the nearest site, including both off-network legs; null when unreachable. */
  seconds: number | null;
  /** fid of the nearest site; null when unreachable. */
  siteId: number | null;
  snapMeters: number | null;
}

export interface ServiceAccess {
  graph: RoadGraph;
  sites: SnappedSite[];
  times: TravelTimes;
  level: string;
  areas: AreaAccess[];
}

export interface AccessOptions {
  service: string;
  profile: TravelProfile;
  /**
   * The area level (default: the finest). A function is called while the tree is routed, so
   * work its caller needs to name the level (a band table's segment bases) is done meanwhile.
   */
  level?: string | (() => string | undefined);
  /** Leave out what-if sites. */
  existingOnly?: boolean;
  /** false: the areas' names are left null, for a caller that shows codes only (project-inputs.ts areaPoints). */
  names?: boolean;
}

/**
 * The sites snapped to `graph` and the tree from the nearest of them to every node, being routed
 * (`beside`: in a thread, nationally, while the caller reads and snaps the areas).
 */
function startRoute(graph: RoadGraph, snapper: SnapIndex, sites: ServiceSite[], maxSeconds?: number, beside = false) {
  const snapped: SnappedSite[] = sites.map((s) => ({ ...s, snap: snapper.snap(s.lon, s.lat) }));
  const usable = snapped.filter((s) => s.snap);
  const tree = startKeptTravelTimes(graph, usable.map((s) => ({ node: s.snap!.node, offsetSeconds: s.snap!.seconds })), maxSeconds, beside);
  return { sites: snapped, usable, tree };
}

/** Work done while the tree is routed; if it fails, the tree's thread is ended with it. */
function whileRouting<T>(route: ReturnType<typeof startRoute>, work: () => T): T {
  try {
    return work();
  } catch (error) {
    route.tree.cancel();
    throw error;
  }
}

/** Each area point's time: its snap to the network (made while the tree is routed) plus the tree's time there. */
function areaAccess(route: ReturnType<typeof startRoute>, snapper: SnapIndex, points: AreaPoint[], maxSeconds?: number) {
  const snaps = whileRouting(route, () => keptPointSnaps(snapper, points));
  const times = route.tree.wait();
  const areas: AreaAccess[] = points.map((p, i) => {
    const node = snaps.node[i];
    const t = node >= 0 ? times.seconds[node] + snaps.seconds[i] : Infinity;
    const reachable = Number.isFinite(t) && (maxSeconds === undefined || t <= maxSeconds);
    // Each field named, in the point's own order: a spread of 190,000 points was ~0.3 s nationally.
    return {
      code: p.code, name: p.name, lon: p.lon, lat: p.lat, source: p.source,
      seconds: reachable ? t : null,
      siteId: reachable ? route.usable[times.origin[node]].id : null,
      snapMeters: node >= 0 ? snaps.meters[i] : null,
    };
  });
  return { sites: route.sites, times, areas };
}

/**
 * Times from `sites` over `graph` to each area point; used directly by suggest for candidate sites.
 * The tree and the area snaps are kept (travel-memo.ts): asked again with the same sites, points
 * and graph, nothing is routed or snapped again.
 */
export function accessFromSites(graph: RoadGraph, snapper: SnapIndex, sites: ServiceSite[], points: AreaPoint[], maxSeconds?: number) {
  return areaAccess(startRoute(graph, snapper, sites, maxSeconds, true), snapper, points, maxSeconds);
}

/** The service's sites, checked, and the project's graph for the profile: what both views below start from. */
function routingInputs(project: Project, opts: Omit<AccessOptions, 'level' | 'names'>) {
  requireService(project.db, opts.service);
  let sites = serviceSites(project, opts.service);
  if (opts.existingOnly) sites = sites.filter((s) => !s.proposed);
  if (sites.length === 0) throw new InputError(`service "${opts.service}" has no ${opts.existingOnly ? 'open ' : ''}sites: import its sites first`);
  const graph = keptGraph(project, opts.profile);
  return { sites, graph, snapper: keptSnapIndex(graph) };
}

/**
 * Times to every node of the network, without the areas: what isochrones draw from. They draw
 * along the edges, which a kept graph reads on first use (graph-cache.ts): read while the tree is
 * routed (in a thread, nationally).
 */
export function serviceTimes(project: Project, opts: Omit<AccessOptions, 'level' | 'names'>): Pick<ServiceAccess, 'graph' | 'sites' | 'times'> {
  const { sites, graph, snapper } = routingInputs(project, opts);
  const route = startRoute(graph, snapper, sites, undefined, true);
  whileRouting(route, () => graph.edgeSource.length);
  return { graph, sites: route.sites, times: route.tree.wait() };
}

export function serviceAccess(project: Project, opts: AccessOptions): ServiceAccess {
  const { sites, graph, snapper } = routingInputs(project, opts);
  // The tree is routed (in a thread, nationally) while the area points are read and snapped.
  const route = startRoute(graph, snapper, sites, undefined, true);
  const area = whileRouting(route, () => areaPoints(project, typeof opts.level === 'function' ? opts.level() : opts.level, { names: opts.names }));
  return { graph, level: area.level, ...areaAccess(route, snapper, area.points) };
}
