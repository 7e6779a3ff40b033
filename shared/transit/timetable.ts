// The feed as RAPTOR wants it for one date: trips running that day (and the
// evening before's trips that run past midnight, and the next day's early ones)
// grouped into patterns, each a fixed stop sequence whose trips never overtake.
// Times here are seconds after the query date's midnight.
import type { StopTransfer, TransitFeed, TransitTrip } from './feed';
import { SECONDS_PER_DAY } from './feed';
import { addDays } from './gtfs-time';
import { servicesOn } from './service-days';

export interface Pattern {
  /** Stop indices in calling order. */
  stops: Int32Array;
  tripCount: number;
  /** Trip-major: trip t's time at position i is at [t * stops.length + i]; trips sorted by departure. */
  arrivals: Float64Array;
  departures: Float64Array;
  /** Per position, shared by every trip of the pattern (trips with other rules get their own pattern). */
  boarding: Uint8Array;
  alighting: Uint8Array;
  tripIds: string[];
}

export interface Footpath {
  from: string;
  to: string;
  seconds: number;
}

export interface Timetable {
  date: string;
  stopIds: string[];
  stopIndex: Map<string, number>;
  patterns: Pattern[];
  /** For each stop, the (pattern, position) pairs that call there. */
  stopPatterns: { pattern: number; position: number }[][];
  /** Per stop: walks to other stops after alighting. */
  footpaths: { to: number; seconds: number }[][];
  /** Per stop: seconds needed to change vehicles there; Infinity where changing is not allowed. */
  changeSeconds: Float64Array;
}

export interface TimetableOptions {
  /** Seconds between alighting and boarding at the same stop, unless transfers.txt says otherwise. Default 60. */
  minChangeSeconds?: number;
  /** Walks between different stops (e.g. over the walk network); transfers.txt entries override these. */
  footpaths?: Footpath[];
}

interface Run {
  trip: TransitTrip;
  /** Seconds added to the trip's own times: -1 day for yesterday's service, +1 day for tomorrow's. */
  shift: number;
  id: string;
}

/** Every departure of the trips running on the three service days around `date`, frequencies expanded. */
function runs(feed: TransitFeed, date: string): Run[] {
  const byTrip = new Map<string, { start: number; end: number; headway: number }[]>();
  for (const f of feed.frequencies) byTrip.set(f.tripId, [...(byTrip.get(f.tripId) ?? []), f]);
  const out: Run[] = [];
  for (const [offsetDays, shift] of [[-1, -SECONDS_PER_DAY], [0, 0], [1, SECONDS_PER_DAY]] as const) {
    const running = servicesOn(feed.weeks, feed.exceptions, addDays(date, offsetDays));
    for (const trip of feed.trips) {
      if (!running.has(trip.serviceId)) continue;
      const freqs = byTrip.get(trip.id);
      if (!freqs) {
        out.push({ trip, shift, id: offsetDays === 0 ? trip.id : `${trip.id}@${addDays(date, offsetDays)}` });
        continue;
      }
      // A frequency-based trip's own times only give the pattern's running times.
      const first = trip.departures[0];
      for (const f of freqs) {
        for (let t = f.start; t < f.end; t += f.headway) {
          out.push({ trip, shift: shift + t - first, id: `${trip.id}+${t}@${addDays(date, offsetDays)}` });
        }
      }
    }
  }
  // Yesterday's runs that have finished by midnight cannot carry anyone today.
  return out.filter((r) => r.trip.arrivals[r.trip.arrivals.length - 1] + r.shift >= 0);
}

const overtakes = (p: { arr: number[]; dep: number[] }, q: { arr: number[]; dep: number[] }) =>
  q.dep.some((d, i) => d < p.dep[i] || q.arr[i] < p.arr[i]);

function buildPatterns(feed: TransitFeed, date: string, stopIndex: Map<string, number>): Pattern[] {
  const groups = new Map<string, { arr: number[]; dep: number[]; id: string }[][]>();
  const keys = new Map<string, { stops: number[]; boarding: boolean[]; alighting: boolean[] }>();
  const sorted = runs(feed, date).sort((a, b) => a.trip.departures[0] + a.shift - (b.trip.departures[0] + b.shift));
  for (const r of sorted) {
    const stops = r.trip.stops.map((s) => stopIndex.get(s)!);
    const key = `${stops.join(',')}|${r.trip.boarding.map(Number).join('')}|${r.trip.alighting.map(Number).join('')}`;
    if (!keys.has(key)) keys.set(key, { stops, boarding: r.trip.boarding, alighting: r.trip.alighting });
    const run = { arr: r.trip.arrivals.map((t) => t + r.shift), dep: r.trip.departures.map((t) => t + r.shift), id: r.id };
    const lanes = groups.get(key) ?? [];
    // Runs arrive in departure order, so a run joins the first lane whose last run it does not overtake.
    const lane = lanes.find((l) => !overtakes(l[l.length - 1], run));
    if (lane) lane.push(run);
    else lanes.push([run]);
    groups.set(key, lanes);
  }
  const patterns: Pattern[] = [];
  for (const [key, lanes] of groups) {
    const k = keys.get(key)!;
    for (const lane of lanes) {
      const len = k.stops.length;
      const arrivals = new Float64Array(lane.length * len);
      const departures = new Float64Array(lane.length * len);
      lane.forEach((run, t) => {
        arrivals.set(run.arr, t * len);
        departures.set(run.dep, t * len);
      });
      patterns.push({
        stops: Int32Array.from(k.stops), tripCount: lane.length, arrivals, departures,
        boarding: Uint8Array.from(k.boarding.map(Number)), alighting: Uint8Array.from(k.alighting.map(Number)),
        tripIds: lane.map((r) => r.id),
      });
    }
  }
  return patterns;
}

function footpathsOf(n: number, stopIndex: Map<string, number>, walks: Footpath[], transfers: StopTransfer[], minChange: number) {
  const changeSeconds = new Float64Array(n).fill(minChange);
  const pairs = new Map<string, number>();
  for (const w of walks) {
    if (w.from === w.to || !stopIndex.has(w.from) || !stopIndex.has(w.to)) continue;
    const key = `${stopIndex.get(w.from)}>${stopIndex.get(w.to)}`;
    pairs.set(key, Math.min(pairs.get(key) ?? Infinity, w.seconds));
  }
  // transfers.txt knows the station better than a walk over the street network does.
  for (const t of transfers) {
    const from = stopIndex.get(t.from)!;
    const to = stopIndex.get(t.to)!;
    if (from === to) changeSeconds[from] = t.seconds ?? Infinity;
    else if (t.seconds === null) pairs.delete(`${from}>${to}`);
    else pairs.set(`${from}>${to}`, t.seconds);
  }
  const footpaths: { to: number; seconds: number }[][] = Array.from({ length: n }, () => []);
  for (const [key, seconds] of pairs) {
    const [from, to] = key.split('>').map(Number);
    footpaths[from].push({ to, seconds });
  }
  return { footpaths, changeSeconds };
}

export function buildTimetable(feed: TransitFeed, date: string, options: TimetableOptions = {}): Timetable {
  const stopIds = feed.stops.map((s) => s.id);
  const stopIndex = new Map(stopIds.map((id, i) => [id, i]));
  const patterns = buildPatterns(feed, date, stopIndex);
  const stopPatterns: Timetable['stopPatterns'] = stopIds.map(() => []);
  patterns.forEach((p, pattern) => p.stops.forEach((s, position) => stopPatterns[s].push({ pattern, position })));
  const { footpaths, changeSeconds } = footpathsOf(stopIds.length, stopIndex, options.footpaths ?? [], feed.transfers, options.minChangeSeconds ?? 60);
  return { date, stopIds, stopIndex, patterns, stopPatterns, footpaths, changeSeconds };
}
