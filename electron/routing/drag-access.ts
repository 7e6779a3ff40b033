// Travel times while a what-if site is dragged: the real sites do not move,
// so their travel tree (with the graph and its snap index) is kept between
// calls, and only the dragged sites are routed, no further than the last band,
// then merged with it by whichever site is nearer. This is what lets the
// isochrones follow a site at pointer speed; the drop then recomputes
// everything the usual way (serviceAccess).
import type Database from 'better-sqlite3';
import type { TravelProfile } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { requireService } from '../analysis/inputs';
import type { Project } from '../store/project';
import { multiSourceDijkstra, type TravelTimes } from './dijkstra';
import type { RoadGraph } from './graph-build';
import { profileKey } from './graph-cache';
import { serviceSites } from './project-inputs';
import { projectGraph } from './roads-import';
import { buildSnapIndex, type SnapIndex } from './snap';

export interface DraggedSite {
  lon: number;
  lat: number;
}

interface Kept {
  key: string;
  graph: RoadGraph;
  snapper: SnapIndex;
  existing: TravelTimes;
  existingCount: number;
  existingOff: number;
}

// One entry per open database: a drag asks again and again for the same service and mode.
const kept = new WeakMap<Database.Database, Kept>();

function keptAccess(project: Project, service: string, profile: TravelProfile): Kept {
  const sites = serviceSites(project, service).filter((s) => !s.proposed);
  const builtAt = project.db.prepare('SELECT built_at FROM cgm_graph_cache WHERE profile_key = ?').pluck().get(profileKey(profile)) ?? 'uncached';
  // The graph's build time and the real sites themselves: a new road import or a moved real site starts afresh.
  const key = JSON.stringify([service, profileKey(profile), builtAt, sites.map((s) => [s.id, s.lon, s.lat])]);
  const hit = kept.get(project.db);
  if (hit?.key === key) return hit;
  const graph = projectGraph(project, profile);
  const snapper = buildSnapIndex(graph);
  const sources = sites.map((s) => snapper.snap(s.lon, s.lat)).filter((s) => s !== null).map((s) => ({ node: s.node, offsetSeconds: s.seconds }));
  const existing = multiSourceDijkstra(graph.csr, sources);
  const entry = { key, graph, snapper, existing, existingCount: sources.length, existingOff: sites.length - sources.length };
  kept.set(project.db, entry);
  return entry;
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
  const base = keptAccess(project, service, profile);
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
