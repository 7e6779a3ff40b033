// Public-transport journey times from every area to the nearest site of a
// service: the project's walk network gives the walks (to stops, between
// stops when changing, from the last stop to the site), the stored GTFS feed
// the rides, and RAPTOR the earliest arrival for each departure minute in the
// window. The time reported is the median over the window's minutes, the
// figure the toolkit's "public transport journey times" asks for.
import { defaultProfile } from '../../shared/travel/profiles';
import { InputError } from '../../shared/errors';
import { formatClock, toGtfsDate, type DepartureWindow } from '../../shared/transit/gtfs-time';
import { medianJourneySeconds, type OriginAccess } from '../../shared/transit/journey-times';
import { raptorScratch } from '../../shared/transit/raptor';
import { servicesOn } from '../../shared/transit/service-days';
import { buildTimetable, type Footpath } from '../../shared/transit/timetable';
import { requireService } from '../analysis/inputs';
import { openSiteAccess } from './open-site-access';
import { medianOpenJourneySeconds } from '../../shared/transit/open-journeys';
import { multiSourceDijkstra } from '../routing/dijkstra';
import { areaPoints, serviceSites, type AreaPoint } from '../routing/project-inputs';
import { projectGraph } from '../routing/roads-import';
import { buildSnapIndex } from '../routing/snap';
import type { Project } from '../store/project';
import { readTransitFeed } from '../store/transit';

export interface TransitRequest {
  service: string;
  /** YYYY-MM-DD or YYYYMMDD: the day whose timetable is used. */
  date: string;
  /** A window of departure minutes, or 'opening-hours': each minute a site is open, to a site open on arrival. */
  window: DepartureWindow | 'opening-hours';
  level?: string;
  includeProposed?: boolean;
}

/** How the journeys are modelled; printed with every transit result so the figures can be reproduced. */
export const TRANSIT_ASSUMPTIONS = {
  /** Longest walk to the first stop. */
  maxAccessSeconds: 15 * 60,
  /** Longest walk between stops when changing. */
  maxFootpathSeconds: 5 * 60,
  /** Time to change vehicles at one stop, unless the feed's transfers.txt says otherwise. */
  minChangeSeconds: 60,
  /** At most four changes. */
  maxRounds: 5,
};

/** The assumptions in words, for the app's table note and exports. */
export function transitAssumptionsText(): string {
  const a = TRANSIT_ASSUMPTIONS;
  return `median door-to-site time over each departure minute in the window; walks up to ${a.maxAccessSeconds / 60} min to the first stop and ${a.maxFootpathSeconds / 60} min between stops, ` +
    `${a.minChangeSeconds / 60} min to change at a stop, at most ${a.maxRounds - 1} changes; walking all the way counts when quicker`;
}

export interface AreaTransitTime extends AreaPoint {
  /** Median door-to-site seconds over the window; null when most departures never arrive. */
  seconds: number | null;
  /** Walking all the way, for comparison; null when the walk network does not connect them. */
  walkSeconds: number | null;
}

export interface ProjectTransitTimes {
  level: string;
  date: string;
  window: string;
  areas: AreaTransitTime[];
  /** Trips running on the date (a feed that does not cover the date has none). */
  servicesRunning: number;
  proposedSites: number;
}

export function projectTransitTimes(project: Project, req: TransitRequest): ProjectTransitTimes {
  const date = toGtfsDate(req.date);
  if (!date) throw new InputError(`--date "${req.date}" is not a date; write YYYY-MM-DD, e.g. 2026-12-07`);
  const feed = readTransitFeed(project.db);
  if (!feed) throw new InputError('public-transport times need a timetable: import a GTFS feed first (cgm import gtfs)');
  requireService(project.db, req.service);
  const sites = serviceSites(project, req.service).filter((s) => req.includeProposed || !s.proposed);
  if (sites.length === 0) throw new InputError(`service "${req.service}" has no sites: import its sites first`);
  const running = servicesOn(feed.weeks, feed.exceptions, date);
  if (running.size === 0) {
    throw new InputError(`the timetable has no service on ${req.date}; choose a date its calendar covers (cgm info lists the feed's dates)`);
  }

  const walk = projectGraph(project, defaultProfile('walk'));
  const snapper = buildSnapIndex(walk);
  const { level, points } = areaPoints(project, req.level);
  const a = TRANSIT_ASSUMPTIONS;

  // From the sites outward: the walk network is two-way, so this is each node's walk to its nearest site.
  const siteSnaps = sites.map((s) => snapper.snap(s.lon, s.lat)).filter((s) => s !== null);
  const toSite = multiSourceDijkstra(walk.csr, siteSnaps.map((s) => ({ node: s.node, offsetSeconds: s.seconds }))).seconds;

  const stopSnaps = feed.stops.map((s) => snapper.snap(s.lon, s.lat));
  const areaSnaps = points.map((p) => snapper.snap(p.lon, p.lat));
  const egress = new Float64Array(feed.stops.length).fill(Infinity);
  const origins: OriginAccess[] = points.map((_, i) => {
    const snap = areaSnaps[i];
    return { access: [], directWalkSeconds: snap ? toSite[snap.node] + snap.seconds : Infinity };
  });
  const footpaths: Footpath[] = [];
  const reach = Math.max(a.maxAccessSeconds, a.maxFootpathSeconds);
  stopSnaps.forEach((snap, stop) => {
    if (!snap) return;
    egress[stop] = toSite[snap.node] + snap.seconds;
    const around = multiSourceDijkstra(walk.csr, [{ node: snap.node, offsetSeconds: snap.seconds }], { maxSeconds: reach }).seconds;
    areaSnaps.forEach((areaSnap, i) => {
      if (!areaSnap) return;
      const seconds = around[areaSnap.node] + areaSnap.seconds;
      if (seconds <= a.maxAccessSeconds) origins[i].access.push({ stop, seconds });
    });
    stopSnaps.forEach((other, j) => {
      if (!other || j === stop) return;
      const seconds = around[other.node] + other.seconds;
      if (seconds <= a.maxFootpathSeconds) footpaths.push({ from: feed.stops[stop].id, to: feed.stops[j].id, seconds });
    });
  });

  const tt = buildTimetable(feed, date, { minChangeSeconds: a.minChangeSeconds, footpaths });
  const scratch = raptorScratch(tt);
  const window = req.window;
  const open = window === 'opening-hours' ? openSiteAccess(walk, snapper, sites, stopSnaps, areaSnaps, date) : null;
  const areas = points.map((p, i) => {
    const seconds = open
      ? medianOpenJourneySeconds(tt, { access: origins[i].access, directWalk: open.directWalk[i] }, open.sites, { maxRounds: a.maxRounds }, scratch)
      : medianJourneySeconds(tt, origins[i], egress, { ...(window as DepartureWindow), maxRounds: a.maxRounds }, scratch);
    const walkSeconds = Number.isFinite(origins[i].directWalkSeconds) ? origins[i].directWalkSeconds : null;
    return { ...p, seconds, walkSeconds };
  });
  return {
    level, date: req.date, window: window === 'opening-hours' ? 'opening-hours' : `${formatClock(window.from)}-${formatClock(window.to)}`, areas,
    servicesRunning: feed.trips.filter((t) => running.has(t.serviceId)).length,
    proposedSites: sites.filter((s) => s.proposed).length,
  };
}
