// The demo town's buses as a GTFS feed, so the app shows public-transport
// times on `npm start`: two cross-town lines through the centre and a ring,
// each stop on a street of the town's own network. A weekday timetable every
// 12 minutes (ring: 20), a thinner Saturday one, none on Sunday, a late
// Friday bus that runs past midnight, and no weekday service on the two
// Christmas bank holidays, so the calendar has exceptions to honour.
import { bngToLonLat, round6 } from './bng';
import { formatGtfsTime as clock } from '../../shared/transit/gtfs-time';
import { toCsv } from './csv';
import { distance, type Pt } from './planar';
import type { RoadNetwork } from './road-network';
import { BUILT_UP_RADIUS, CENTRE_BNG } from './town-plan';

/** Bus speed between stops including the road's detours and the stop's dwell. */
const BUS_KMH = 18;
const STOP_SPACING_M = 450;

interface Line {
  id: string;
  name: string;
  /** Planned stop positions, metres from the centre, in calling order (outbound). */
  plan: Pt[];
  weekdayHeadway: number;
  saturdayHeadway: number;
}

function straight(angle: number): Pt[] {
  const reach = BUILT_UP_RADIUS * 0.95;
  const out: Pt[] = [];
  for (let d = -reach; d <= reach + 1; d += STOP_SPACING_M) out.push([d * Math.cos(angle), d * Math.sin(angle)]);
  return out;
}

function ring(radius: number, stops: number): Pt[] {
  return Array.from({ length: stops + 1 }, (_, i) => {
    const a = (2 * Math.PI * (i % stops)) / stops;
    return [radius * Math.cos(a), radius * Math.sin(a)];
  });
}

const LINES: Line[] = [
  { id: '1', name: 'West – Town Centre – East', plan: straight(0.12), weekdayHeadway: 12 * 60, saturdayHeadway: 30 * 60 },
  { id: '2', name: 'South – Town Centre – North', plan: straight(Math.PI / 2 + 0.2), weekdayHeadway: 12 * 60, saturdayHeadway: 30 * 60 },
  { id: 'R', name: 'Ring', plan: ring(1700, 12), weekdayHeadway: 20 * 60, saturdayHeadway: 40 * 60 },
];

const STREETS = ['residential', 'tertiary', 'secondary', 'primary', 'unclassified'];


/** The feed's text files by name (stops.txt, ...). */
export function buildBusFeed(net: RoadNetwork): Record<string, string> {
  const street = new Set<number>();
  for (const way of net.ways) if (STREETS.includes(way.tags.highway)) way.nodeIds.forEach((id) => street.add(id));
  const nodes = [...street].map((id) => net.nodes[id - 1]);
  // One stop per street node: lines crossing at the centre share its stop, which is where people change.
  const stopOfNode = new Map<number, { id: string; at: Pt }>();
  const lineStops = LINES.map((line) => {
    const ids: string[] = [];
    for (const p of line.plan) {
      const node = nodes.reduce((best, n) => (distance(n.at, p) < distance(best.at, p) ? n : best), nodes[0]);
      const stop = stopOfNode.get(node.id) ?? { id: `KF${String(stopOfNode.size + 1).padStart(3, '0')}`, at: node.at };
      stopOfNode.set(node.id, stop);
      if (ids[ids.length - 1] !== stop.id) ids.push(stop.id);
    }
    return ids;
  });
  const stops = [...stopOfNode.values()];
  const at = new Map(stops.map((s) => [s.id, s.at]));

  const trips: string[][] = [];
  const stopTimes: (string | number)[][] = [];
  const frequencies: (string | number)[][] = [];
  LINES.forEach((line, li) => {
    const directions = line.id === 'R' ? [lineStops[li]] : [lineStops[li], [...lineStops[li]].reverse()];
    directions.forEach((seq, dir) => {
      // Running times from the distance between stops; every run of a direction keeps them.
      const offsets = [0];
      for (let i = 1; i < seq.length; i++) offsets.push(offsets[i - 1] + Math.round((distance(at.get(seq[i - 1])!, at.get(seq[i])!) / (BUS_KMH / 3.6)) / 30) * 30 + 30);
      const runs: [string, string, number, number | null, number | null][] = [
        ['weekday', 'wk', 7 * 3600, 19 * 3600, line.weekdayHeadway],
        ['saturday', 'sa', 8 * 3600, 18 * 3600, line.saturdayHeadway],
        // Evening buses on the hour, without frequencies.txt.
        ...[19.5, 20.5, 21.5, 22.5].map((h): [string, string, number, null, null] => ['weekday', `wk${h * 10}`, h * 3600, null, null]),
        // Friday's last bus leaves at 23:50 and finishes after midnight (times past 24:00).
        ['friday-late', 'fri', 23 * 3600 + 50 * 60, null, null],
      ];
      for (const [service, tag, start, end, headway] of runs) {
        const trip = `${line.id}-${dir === 0 ? 'out' : 'in'}-${tag}`;
        trips.push([line.id, service, trip, dir === 0 ? 'Outbound' : 'Inbound']);
        seq.forEach((stop, i) => stopTimes.push([trip, clock(start + offsets[i]), clock(start + offsets[i]), stop, i + 1]));
        if (end !== null && headway !== null) frequencies.push([trip, clock(start), clock(end), headway]);
      }
    });
  });

  const lonLat = (p: Pt) => bngToLonLat([CENTRE_BNG[0] + p[0], CENTRE_BNG[1] + p[1]]);
  return {
    'agency.txt': toCsv(['agency_id', 'agency_name', 'agency_url', 'agency_timezone'], [['KB', 'Kestrelford Buses (synthetic)', 'https://example.invalid/', 'Europe/London']]),
    'stops.txt': toCsv(['stop_id', 'stop_name', 'stop_lat', 'stop_lon'], stops.map((s) => {
      const [lon, lat] = lonLat(s.at);
      return [s.id, `Stop ${s.id}`, round6(lat), round6(lon)];
    })),
    'routes.txt': toCsv(['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type'], LINES.map((l) => [l.id, 'KB', l.id, l.name, 3])),
    'trips.txt': toCsv(['route_id', 'service_id', 'trip_id', 'trip_headsign'], trips),
    'stop_times.txt': toCsv(['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'], stopTimes),
    'frequencies.txt': toCsv(['trip_id', 'start_time', 'end_time', 'headway_secs'], frequencies),
    'calendar.txt': toCsv(['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date'], [
      ['weekday', 1, 1, 1, 1, 1, 0, 0, '20240101', '20301231'],
      ['saturday', 0, 0, 0, 0, 0, 1, 0, '20240101', '20301231'],
      ['friday-late', 0, 0, 0, 0, 1, 0, 0, '20240101', '20301231'],
    ]),
    // Christmas and Boxing Day 2026 (a Friday and a Saturday) and the substitute bank holiday on Monday 28 December.
    'calendar_dates.txt': toCsv(['service_id', 'date', 'exception_type'], [
      ['weekday', '20261225', 2], ['friday-late', '20261225', 2], ['saturday', '20261226', 2], ['weekday', '20261228', 2],
    ]),
  };
}
