// A day's public-transport accessibility on a county-size synthetic feed
// (issue 19): every area's median door-to-site journey over a departure
// window, as `cgm bands --mode transit` computes it (RAPTOR per departure
// minute, walks to, between and from stops). Seeded, so runs compare. Prints
// CPU seconds for each stage and the journeys per second, not pass/fail.
//   npx tsx bench/transit-day.ts [--stops 3000] [--routes 120] [--origins 1000] [--sites 40] [--window 08:00-09:00]
import { buildFeed, type GtfsTables } from '../shared/transit/feed-build';
import { formatGtfsTime, parseDepartureWindow } from '../shared/transit/gtfs-time';
import { medianJourneySeconds, type OriginAccess } from '../shared/transit/journey-times';
import { raptorScratch } from '../shared/transit/raptor';
import { buildTimetable, type Footpath } from '../shared/transit/timetable';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const STOPS = Number(arg('stops', '3000'));
const ROUTES = Number(arg('routes', '120'));
const ORIGINS = Number(arg('origins', '1000'));
const SITES = Number(arg('sites', '40'));
const WINDOW = parseDepartureWindow(arg('window', '08:00-09:00'));
/** A county about 40 km across (Leicestershire is ~45 km): stops, areas and sites scattered over it. */
const SIDE_M = 40_000;
/** On foot, 4.8 km/h with a detour of 1.3 over the straight line (the walk profile's speed). */
const WALK_M_PER_S = 4800 / 3600 / 1.3;
const BUS_M_PER_S = 25_000 / 3600;

let seed = 19;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const point = () => ({ x: rand() * SIDE_M, y: rand() * SIDE_M });
const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/** Points within `metres` of each point, by a coarse grid: a quadratic scan of 3,000 × 3,000 would dominate the run. */
function near<T extends { x: number; y: number }>(points: T[], metres: number) {
  const cell = new Map<string, number[]>();
  const key = (x: number, y: number) => `${Math.floor(x / metres)},${Math.floor(y / metres)}`;
  points.forEach((p, i) => {
    const k = key(p.x, p.y);
    cell.set(k, [...(cell.get(k) ?? []), i]);
  });
  return (q: { x: number; y: number }) => {
    const out: number[] = [];
    const cx = Math.floor(q.x / metres);
    const cy = Math.floor(q.y / metres);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) for (const i of cell.get(`${cx + dx},${cy + dy}`) ?? []) if (dist(points[i], q) <= metres) out.push(i);
    return out;
  };
}

function syntheticFeed() {
  const stops = Array.from({ length: STOPS }, (_, i) => ({ id: `s${i}`, ...point() }));
  const nearStops = near(stops, 2500);
  const t: GtfsTables = {
    'stops.txt': stops.map((s) => ({ stop_id: s.id, stop_lat: String(52 + s.y / 111_000), stop_lon: String(-1 + s.x / 68_000) })),
    'routes.txt': [], 'trips.txt': [], 'stop_times.txt': [],
    'calendar.txt': [{ service_id: 'wk', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '0', sunday: '0', start_date: '20260101', end_date: '20271231' }],
  };
  let stopTimes = 0;
  for (let r = 0; r < ROUTES; r++) {
    // A line: a walk from stop to a nearby unvisited stop, 20-50 stops long.
    const line = [Math.floor(rand() * STOPS)];
    const length = 20 + Math.floor(rand() * 31);
    while (line.length < length) {
      const options = nearStops(stops[line[line.length - 1]]).filter((i) => !line.includes(i));
      if (options.length === 0) break;
      line.push(options[Math.floor(rand() * options.length)]);
    }
    t['routes.txt']!.push({ route_id: `r${r}`, route_type: '3' });
    const headway = [10, 15, 20, 30, 60][Math.floor(rand() * 5)] * 60;
    for (const [dir, seq] of [line, [...line].reverse()].entries()) {
      for (let start = 6 * 3600 + Math.floor(rand() * headway); start < 22 * 3600; start += headway) {
        const id = `r${r}d${dir}t${start}`;
        t['trips.txt']!.push({ route_id: `r${r}`, service_id: 'wk', trip_id: id });
        let time = start;
        seq.forEach((s, i) => {
          if (i > 0) time += Math.max(60, Math.round(dist(stops[seq[i - 1]], stops[s]) / BUS_M_PER_S / 60) * 60);
          t['stop_times.txt']!.push({ trip_id: id, stop_id: stops[s].id, stop_sequence: String(i), arrival_time: formatGtfsTime(time), departure_time: formatGtfsTime(time) });
          stopTimes++;
        });
      }
    }
  }
  return { stops, tables: t, stopTimes };
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const stage = <T>(name: string, f: () => T): T => {
  const c0 = cpu();
  const w0 = performance.now();
  const out = f();
  console.log(`${name.padEnd(34)} ${(cpu() - c0).toFixed(2).padStart(8)} s CPU ${((performance.now() - w0) / 1000).toFixed(2).padStart(8)} s wall`);
  return out;
};

const { stops, tables, stopTimes } = stage('synthesise the feed', syntheticFeed);
const { feed, problems } = stage('read it (buildFeed)', () => buildFeed(tables));
const errors = problems.filter((p) => p.severity === 'error');
if (errors.length) throw new Error(`the synthetic feed has errors: ${errors[0].message}`);
const walkMetres = (seconds: number) => seconds * WALK_M_PER_S;
const footpaths = stage('footpaths between stops (≤ 5 min)', () => {
  const within = near(stops, walkMetres(300));
  const out: Footpath[] = [];
  stops.forEach((s) => within(s).forEach((j) => j !== Number(s.id.slice(1)) && out.push({ from: s.id, to: stops[j].id, seconds: Math.round(dist(s, stops[j]) / WALK_M_PER_S) })));
  return out;
});
const tt = stage('timetable for one weekday', () => buildTimetable(feed, '20261208', { minChangeSeconds: 60, footpaths }));
const { origins, egress } = stage('walks from areas and to sites', () => {
  const areas = Array.from({ length: ORIGINS }, point);
  const sites = Array.from({ length: SITES }, point);
  const toStops = near(stops, walkMetres(900));
  const egress = new Float64Array(tt.stopIds.length).fill(Infinity);
  for (const site of sites) for (const i of toStops(site)) egress[tt.stopIndex.get(stops[i].id)!] = Math.min(egress[tt.stopIndex.get(stops[i].id)!], dist(site, stops[i]) / WALK_M_PER_S);
  const origins: OriginAccess[] = areas.map((a) => ({
    access: toStops(a).map((i) => ({ stop: tt.stopIndex.get(stops[i].id)!, seconds: dist(a, stops[i]) / WALK_M_PER_S })),
    directWalkSeconds: Math.min(...sites.map((s) => dist(a, s) / WALK_M_PER_S)),
  }));
  return { origins, egress };
});
const scratch = raptorScratch(tt);
const minutes = Math.ceil((WINDOW.to - WINDOW.from) / 60);
const medians = stage(`median journeys, ${ORIGINS} areas × ${minutes} departures`, () => origins.map((o) => medianJourneySeconds(tt, o, egress, { ...WINDOW, maxRounds: 5 }, scratch)));
const reached = medians.filter((m) => m !== null);
const within30 = reached.filter((m) => m! <= 30 * 60).length;
console.log(
  `feed: ${STOPS} stops, ${ROUTES} lines, ${feed.trips.length} trips, ${stopTimes} stop times, ${footpaths.length} footpaths; ` +
  `${reached.length} of ${ORIGINS} areas reach a site at the median, ${within30} within 30 minutes`,
);
