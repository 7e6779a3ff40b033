// Travel times while a what-if site is dragged: the real sites do not move,
// so their travel tree (with the graph and its snap index) is kept between
// calls (travel-memo.ts), and only the dragged sites are routed, no further than the last band,
// then merged with it by whichever site is nearer. This is what lets the
// isochrones follow a site at pointer speed; the drop then recomputes
// everything the usual way (serviceAccess).
import type { TravelProfile } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { requireService } from '../analysis/inputs';
import type { Project } from '../store/project';
import { multiSourceDijkstra, type TravelTimes } from './dijkstra';
import type { RoadGraph } from './graph-build';
import { serviceSites } from './project-inputs';
import type { SnapIndex } from './snap';
import { keptGraph, keptSnapIndex, keptTravelTimes } from './travel-memo';

export interface DraggedSite {
  lon: number;
  lat: number;
}

interface Existing {
  graph: RoadGraph;
  snapper: SnapIndex;
  existing: TravelTimes;
  existingCount: number;
  existingOff: number;
}

/**
 * The real sites' travel tree: a drag asks again and again for the same service and mode, so the
 * graph, its snap index and the tree are the travel memo's (a new road import or a moved real
 * site misses there and starts afresh).
 */
function existingAccess(project: Project, service: string, profile: TravelProfile): Existing {
  const sites = serviceSites(project, service).filter((s) => !s.proposed);
  const graph = keptGraph(project, profile);
  const snapper = keptSnapIndex(graph);
  const sources = sites.map((s) => snapper.snap(s.lon, s.lat)).filter((s) => s !== null).map((s) => ({ node: s.node, offsetSeconds: s.seconds }));
  return { graph, snapper, existing: keptTravelTimes(graph, sources), existingCount: sources.length, existingOff: sites.length - sources.length };
}

export interface DragAccess {
  graph: RoadGraph;
  times: TravelTimes;
  sitesRouted: number;
  sitesOffNetwork: number;
}

/** Times from the real sites and `dragged` together, exact up to `maxSeconds` (what the bands need). */
export function dragAccess(project: Project, service: string, profile: TravelProfile, dragged: DraggedSite[], maxSeconds: number): DragAccess {
  requireService(project.db, service);
  const base = existingAccess(project, service, profile);
  const snaps = dragged.map((d) => base.snapper.snap(d.lon, d.lat));
  const sources = snaps.filter((s) => s !== null).map((s) => ({ node: s.node, offsetSeconds: s.seconds }));
  if (base.existingCount + sources.length === 0) throw new InputError(`service "${service}" has no sites on the road network`);
  const { seconds, origin } = base.existing;
  const merged: TravelTimes = { seconds: Float64Array.from(seconds), origin: Int32Array.from(origin) };
  if (sources.length) {
    const moved = multiSourceDijkstra(base.graph.csr, sources, { maxSeconds });
    for (let i = 0; i < seconds.length; i++) {
      if (moved.seconds[i] < merged.seconds[i]) {
        merged.seconds[i] = moved.seconds[i];
        merged.origin[i] = base.existingCount + moved.origin[i];
      }
    }
  }
  return { graph: base.graph, times: merged, sitesRouted: base.existingCount + sources.length, sitesOffNetwork: base.existingOff + snaps.length - sources.length };
}
