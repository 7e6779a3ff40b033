// What journeys during opening hours need besides the stops: each site's own
// walk from every stop and from every area (one walk search from each site),
// and when it is open on the day. A site without recorded hours cannot say
// when it is open, so it is named rather than guessed at.
import type { ServiceSite } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import type { OpenSite } from '../../shared/transit/open-journeys';
import { openSpellsOn } from '../analysis/site-hours';
import { multiSourceDijkstra } from '../routing/dijkstra';
import type { RoadGraph } from '../routing/graph-build';
import type { Snap, SnapIndex } from '../routing/snap';

export function openSiteAccess(walk: RoadGraph, snapper: SnapIndex, sites: ServiceSite[], stopSnaps: (Snap | null)[], areaSnaps: (Snap | null)[], gtfsDate: string) {
  const unknown = sites.filter((s) => !s.openingHours).map((s) => s.name);
  if (unknown.length) {
    throw new InputError(`departures during opening hours need every site's hours: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} ${unknown.length === 1 ? 'has' : 'have'} none (edit the sites or import their hours), or choose a window such as 08:00-09:00`);
  }
  const open: OpenSite[] = [];
  const directWalk: number[][] = areaSnaps.map(() => []);
  for (const site of sites) {
    const snap = snapper.snap(site.lon, site.lat);
    const toSite = snap ? multiSourceDijkstra(walk.csr, [{ node: snap.node, offsetSeconds: snap.seconds }]).seconds : null;
    const walkFrom = (s: Snap | null) => (s && toSite ? toSite[s.node] + s.seconds : Infinity);
    open.push({ egress: Float64Array.from(stopSnaps, walkFrom), open: openSpellsOn(site.openingHours!, gtfsDate) });
    areaSnaps.forEach((s, i) => directWalk[i].push(walkFrom(s)));
  }
  if (open.every((s) => s.open.length === 0)) throw new InputError(`no site of the service is open on ${gtfsDate.slice(0, 4)}-${gtfsDate.slice(4, 6)}-${gtfsDate.slice(6, 8)} by its hours: choose another day`);
  return { sites: open, directWalk };
}
