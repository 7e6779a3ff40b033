// Travel time from the nearest site of a service to every node and every area
// point: the result the isochrone, band and suggest commands all start from.
import type { ServiceSite, TravelProfile } from '../../shared/domain';
import type { Project } from '../store/project';
import { multiSourceDijkstra, type TravelTimes } from './dijkstra';
import type { RoadGraph } from './graph-build';
import { InputError } from '../../shared/errors';
import { requireService } from '../analysis/inputs';
import { areaPoints, serviceSites, type AreaPoint } from './project-inputs';
import { projectGraph } from './roads-import';
import { buildSnapIndex, type Snap, type SnapIndex } from './snap';

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
  level?: string;
  /** Leave out what-if sites. */
  existingOnly?: boolean;
}

/** Times from `sites` over `graph` to each area point; used directly by suggest for candidate sites. */
export function accessFromSites(graph: RoadGraph, snapper: SnapIndex, sites: ServiceSite[], points: AreaPoint[], maxSeconds?: number) {
  const snapped: SnappedSite[] = sites.map((s) => ({ ...s, snap: snapper.snap(s.lon, s.lat) }));
  const usable = snapped.filter((s) => s.snap);
  const times = multiSourceDijkstra(
    graph.csr,
    usable.map((s) => ({ node: s.snap!.node, offsetSeconds: s.snap!.seconds })),
    { maxSeconds },
  );
  const areas: AreaAccess[] = points.map((p) => {
    const snap = snapper.snap(p.lon, p.lat);
    const t = snap ? times.seconds[snap.node] + snap.seconds : Infinity;
    const reachable = Number.isFinite(t) && (maxSeconds === undefined || t <= maxSeconds);
    return {
      ...p,
      seconds: reachable ? t : null,
      siteId: reachable ? usable[times.origin[snap!.node]].id : null,
      snapMeters: snap ? snap.meters : null,
    };
  });
  return { sites: snapped, times, areas };
}

export function serviceAccess(project: Project, opts: AccessOptions): ServiceAccess {
  requireService(project.db, opts.service);
  let sites = serviceSites(project, opts.service);
  if (opts.existingOnly) sites = sites.filter((s) => !s.proposed);
  if (sites.length === 0) throw new InputError(`service "${opts.service}" has no ${opts.existingOnly ? 'open ' : ''}sites: import its sites first`);
  const graph = projectGraph(project, opts.profile);
  const { level, points } = areaPoints(project, opts.level);
  const result = accessFromSites(graph, buildSnapIndex(graph), sites, points);
  return { graph, level, ...result };
}
