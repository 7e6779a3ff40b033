// GTFS tables (as read from the feed's text files) to a TransitFeed, keeping
// every row that can be used and naming each one that cannot. A broken
// reference or an unreadable time loses that row (or the trip it belongs to),
// never the rest of the feed: one bad trip should not hide a town's buses.
import type {
  FeedProblem, ServiceException, ServiceWeek, StopTransfer, TransitFeed, TransitRoute, TransitStop, TransitTrip,
  TripFrequency,
} from './feed';
import { SECONDS_PER_DAY } from './feed';
import { isGtfsDate, parseGtfsTime } from './gtfs-time';

/** One GTFS file's rows, each a record of column name to text; row i is spreadsheet row i + 2. */
export type GtfsTables = Partial<Record<string, Record<string, string>[]>>;

export const REQUIRED_FILES = ['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'] as const;

const DAY_FIELDS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export interface BuiltFeed {
  feed: TransitFeed;
  problems: FeedProblem[];
}

class Problems {
  readonly list: FeedProblem[] = [];
  error(file: string, index: number | null, field: string | null, message: string): void {
    this.list.push({ file, row: index === null ? null : index + 2, field, message, severity: 'error' });
  }
  warning(file: string, index: number | null, field: string | null, message: string): void {
    this.list.push({ file, row: index === null ? null : index + 2, field, message, severity: 'warning' });
  }
}

const text = (row: Record<string, string>, field: string) => (row[field] ?? '').trim();

/** Stations (location_type 1): GTFS wants vehicles to call at their platforms, not at them. */
function stationIds(rows: Record<string, string>[]): Set<string> {
  return new Set(rows.filter((r) => text(r, 'location_type') === '1').map((r) => text(r, 'stop_id')));
}

function readStops(rows: Record<string, string>[], p: Problems): TransitStop[] {
  const stops: TransitStop[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const id = text(r, 'stop_id');
    const type = Number(text(r, 'location_type') || '0');
    // Entrances, generic nodes and boarding areas (2, 3, 4) are inside stations: no vehicle calls there.
    if (type >= 2) return;
    if (!id) return p.error('stops.txt', i, 'stop_id', 'stop has no stop_id');
    if (seen.has(id)) return p.error('stops.txt', i, 'stop_id', `stop_id "${id}" appears twice; the first is kept`);
    const lat = Number(text(r, 'stop_lat'));
    const lon = Number(text(r, 'stop_lon'));
    if (!text(r, 'stop_lat') || !text(r, 'stop_lon') || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
      return p.error('stops.txt', i, 'stop_lat', `stop "${id}" has no usable position (stop_lat "${text(r, 'stop_lat')}", stop_lon "${text(r, 'stop_lon')}")`);
    }
    seen.add(id);
    stops.push({ id, name: text(r, 'stop_name') || id, lat, lon, parent: text(r, 'parent_station') || null });
  });
  return stops;
}

function readRoutes(rows: Record<string, string>[], p: Problems): TransitRoute[] {
  const routes: TransitRoute[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const id = text(r, 'route_id');
    if (!id) return p.error('routes.txt', i, 'route_id', 'route has no route_id');
    if (seen.has(id)) return p.error('routes.txt', i, 'route_id', `route_id "${id}" appears twice; the first is kept`);
    seen.add(id);
    routes.push({ id, name: text(r, 'route_short_name') || text(r, 'route_long_name') || id, type: Number(text(r, 'route_type') || '3') });
  });
  return routes;
}

function readCalendars(tables: GtfsTables, p: Problems): { weeks: ServiceWeek[]; exceptions: ServiceException[] } {
  const weeks: ServiceWeek[] = [];
  (tables['calendar.txt'] ?? []).forEach((r, i) => {
    const serviceId = text(r, 'service_id');
    const start = text(r, 'start_date');
    const end = text(r, 'end_date');
    if (!serviceId) return p.error('calendar.txt', i, 'service_id', 'calendar row has no service_id');
    if (!isGtfsDate(start)) return p.error('calendar.txt', i, 'start_date', `start_date "${start}" is not a YYYYMMDD date`);
    if (!isGtfsDate(end)) return p.error('calendar.txt', i, 'end_date', `end_date "${end}" is not a YYYYMMDD date`);
    const days = DAY_FIELDS.map((d) => text(r, d) === '1') as ServiceWeek['days'];
    weeks.push({ serviceId, days, start, end });
  });
  const exceptions: ServiceException[] = [];
  (tables['calendar_dates.txt'] ?? []).forEach((r, i) => {
    const serviceId = text(r, 'service_id');
    const date = text(r, 'date');
    const type = Number(text(r, 'exception_type'));
    if (!serviceId) return p.error('calendar_dates.txt', i, 'service_id', 'calendar_dates row has no service_id');
    if (!isGtfsDate(date)) return p.error('calendar_dates.txt', i, 'date', `date "${date}" is not a YYYYMMDD date`);
    if (type !== 1 && type !== 2) return p.error('calendar_dates.txt', i, 'exception_type', `exception_type "${text(r, 'exception_type')}" is not 1 (added) or 2 (removed)`);
    exceptions.push({ serviceId, date, type });
  });
  return { weeks, exceptions };
}

interface StopTimeRow {
  index: number;
  sequence: number;
  stop: string;
  arrival: number | null;
  departure: number | null;
  boarding: boolean;
  alighting: boolean;
}

/**
 * A trip's calls in stop_sequence order. Stops without times (GTFS allows them
 * between timepoints) get times interpolated evenly between their neighbours.
 * Returns an error message when the trip cannot be used.
 */
function tripCalls(calls: StopTimeRow[]): { times: { arrivals: number[]; departures: number[] } } | { error: string; index: number } {
  calls.sort((a, b) => a.sequence - b.sequence);
  for (let k = 1; k < calls.length; k++) {
    if (calls[k].sequence === calls[k - 1].sequence) return { error: `stop_sequence ${calls[k].sequence} appears twice`, index: calls[k].index };
  }
  const arr = calls.map((c) => c.arrival ?? c.departure);
  const dep = calls.map((c) => c.departure ?? c.arrival);
  if (arr[0] === null || arr[arr.length - 1] === null) {
    return { error: 'the first and last stops of a trip must have times', index: calls[arr[0] === null ? 0 : calls.length - 1].index };
  }
  for (let k = 1; k < calls.length; k++) {
    if (arr[k] !== null) continue;
    let next = k + 1;
    while (arr[next] === null) next++;
    const before = dep[k - 1]!;
    const step = (arr[next]! - before) / (next - k + 1);
    for (let j = k; j < next; j++) arr[j] = dep[j] = Math.round(before + step * (j - k + 1));
  }
  for (let k = 0; k < calls.length; k++) {
    if (dep[k]! < arr[k]!) return { error: `departure_time is before arrival_time at stop_sequence ${calls[k].sequence}`, index: calls[k].index };
    if (k > 0 && arr[k]! < dep[k - 1]!) return { error: `time goes backwards at stop_sequence ${calls[k].sequence}`, index: calls[k].index };
  }
  return { times: { arrivals: arr as number[], departures: dep as number[] } };
}

function readTrips(tables: GtfsTables, stops: Set<string>, stations: Set<string>, routes: Set<string>, services: Set<string>, p: Problems): TransitTrip[] {
  const header = new Map<string, { routeId: string; serviceId: string }>();
  (tables['trips.txt'] ?? []).forEach((r, i) => {
    const id = text(r, 'trip_id');
    const routeId = text(r, 'route_id');
    const serviceId = text(r, 'service_id');
    if (!id) return p.error('trips.txt', i, 'trip_id', 'trip has no trip_id');
    if (header.has(id)) return p.error('trips.txt', i, 'trip_id', `trip_id "${id}" appears twice; the first is kept`);
    if (!routes.has(routeId)) return p.error('trips.txt', i, 'route_id', `trip "${id}" names route_id "${routeId}", which routes.txt does not have`);
    if (!services.has(serviceId)) {
      return p.error('trips.txt', i, 'service_id', `trip "${id}" names service_id "${serviceId}", which neither calendar.txt nor calendar_dates.txt has`);
    }
    header.set(id, { routeId, serviceId });
  });

  const calls = new Map<string, StopTimeRow[]>();
  const broken = new Set<string>();
  let atStations = 0;
  let firstAtStation: { index: number; trip: string; stop: string } | null = null;
  let pastMidnight = 0;
  let firstPastMidnight: { index: number; trip: string } | null = null;
  (tables['stop_times.txt'] ?? []).forEach((r, i) => {
    const trip = text(r, 'trip_id');
    if (!header.has(trip)) {
      if (!broken.has(trip)) p.error('stop_times.txt', i, 'trip_id', `stop time names trip_id "${trip}", which trips.txt does not have (or left out)`);
      broken.add(trip);
      return;
    }
    const stop = text(r, 'stop_id');
    if (!stops.has(stop)) {
      p.error('stop_times.txt', i, 'stop_id', `trip "${trip}" calls at stop_id "${stop}", which stops.txt does not have; the trip is left out`);
      broken.add(trip);
      return;
    }
    if (stations.has(stop)) {
      atStations++;
      firstAtStation ??= { index: i, trip, stop };
    }
    const sequence = Number(text(r, 'stop_sequence'));
    if (!Number.isInteger(sequence) || sequence < 0) {
      p.error('stop_times.txt', i, 'stop_sequence', `stop_sequence "${text(r, 'stop_sequence')}" is not a whole number; trip "${trip}" is left out`);
      broken.add(trip);
      return;
    }
    const times: (number | null)[] = [];
    for (const field of ['arrival_time', 'departure_time']) {
      const raw = text(r, field);
      const t = raw ? parseGtfsTime(raw) : null;
      if (raw && t === null) {
        p.error('stop_times.txt', i, field, `${field} "${raw}" is not H:MM:SS; trip "${trip}" is left out`);
        broken.add(trip);
      }
      times.push(t);
    }
    const latest = Math.max(times[0] ?? 0, times[1] ?? 0);
    if (latest >= SECONDS_PER_DAY) {
      pastMidnight++;
      firstPastMidnight ??= { index: i, trip };
    }
    const list = calls.get(trip) ?? [];
    list.push({
      index: i, sequence, stop, arrival: times[0], departure: times[1],
      boarding: text(r, 'pickup_type') !== '1', alighting: text(r, 'drop_off_type') !== '1',
    });
    calls.set(trip, list);
  });
  if (firstAtStation) {
    const f = firstAtStation as { index: number; trip: string; stop: string };
    p.warning('stop_times.txt', f.index, 'stop_id',
      `${atStations} stop time${atStations === 1 ? ' names a station' : 's name stations'} (location_type 1), not platforms (first: trip "${f.trip}" at "${f.stop}"): kept, with the station's position`);
  }
  if (firstPastMidnight) {
    const f = firstPastMidnight as { index: number; trip: string };
    p.warning('stop_times.txt', f.index, 'arrival_time',
      `${pastMidnight} stop time${pastMidnight === 1 ? ' is' : 's are'} past 24:00 (first in trip "${f.trip}"): counted as running after midnight into the next day`);
  }

  const trips: TransitTrip[] = [];
  for (const [id, h] of header) {
    if (broken.has(id)) continue;
    const list = calls.get(id);
    if (!list || list.length < 2) {
      p.error('trips.txt', null, 'trip_id', `trip "${id}" has ${list?.length ?? 0} stop time${list?.length === 1 ? '' : 's'}; a trip needs at least two`);
      continue;
    }
    const built = tripCalls(list);
    if ('error' in built) {
      p.error('stop_times.txt', built.index, 'stop_sequence', `trip "${id}": ${built.error}; the trip is left out`);
      continue;
    }
    trips.push({
      id, routeId: h.routeId, serviceId: h.serviceId, stops: list.map((c) => c.stop), ...built.times,
      boarding: list.map((c) => c.boarding), alighting: list.map((c) => c.alighting),
    });
  }
  return trips;
}

function readFrequencies(rows: Record<string, string>[], trips: Set<string>, p: Problems): TripFrequency[] {
  const out: TripFrequency[] = [];
  rows.forEach((r, i) => {
    const tripId = text(r, 'trip_id');
    if (!trips.has(tripId)) return p.error('frequencies.txt', i, 'trip_id', `frequency names trip_id "${tripId}", which is not a usable trip`);
    const start = parseGtfsTime(text(r, 'start_time'));
    const end = parseGtfsTime(text(r, 'end_time'));
    const headway = Number(text(r, 'headway_secs'));
    if (start === null) return p.error('frequencies.txt', i, 'start_time', `start_time "${text(r, 'start_time')}" is not H:MM:SS`);
    if (end === null || end <= start) return p.error('frequencies.txt', i, 'end_time', `end_time "${text(r, 'end_time')}" is not H:MM:SS after start_time`);
    if (!(headway > 0)) return p.error('frequencies.txt', i, 'headway_secs', `headway_secs "${text(r, 'headway_secs')}" is not a positive number`);
    out.push({ tripId, start, end, headway });
  });
  return out;
}

function readTransfers(rows: Record<string, string>[], stops: Set<string>, p: Problems): StopTransfer[] {
  const out: StopTransfer[] = [];
  rows.forEach((r, i) => {
    const from = text(r, 'from_stop_id');
    const to = text(r, 'to_stop_id');
    // Trip- and route-to-route transfers need more than a stop pair; the walk network covers the rest.
    if (!from || !to) return;
    if (!stops.has(from)) return p.error('transfers.txt', i, 'from_stop_id', `from_stop_id "${from}" is not in stops.txt`);
    if (!stops.has(to)) return p.error('transfers.txt', i, 'to_stop_id', `to_stop_id "${to}" is not in stops.txt`);
    const type = text(r, 'transfer_type') || '0';
    if (type === '3') out.push({ from, to, seconds: null });
    else if (type === '2') {
      const seconds = Number(text(r, 'min_transfer_time'));
      if (!(seconds >= 0)) return p.error('transfers.txt', i, 'min_transfer_time', `transfer_type 2 needs a min_transfer_time in seconds, not "${text(r, 'min_transfer_time')}"`);
      out.push({ from, to, seconds });
    }
  });
  return out;
}

/** Validates and links the tables; the problems list says what was left out and why. */
export function buildFeed(tables: GtfsTables): BuiltFeed {
  const p = new Problems();
  for (const f of REQUIRED_FILES) if (!tables[f]) p.error(f, null, null, `the feed has no ${f}`);
  if (!tables['calendar.txt'] && !tables['calendar_dates.txt']) {
    p.error('calendar.txt', null, null, 'the feed has neither calendar.txt nor calendar_dates.txt, so no trip has a day to run on');
  }
  const stops = readStops(tables['stops.txt'] ?? [], p);
  const routes = readRoutes(tables['routes.txt'] ?? [], p);
  const { weeks, exceptions } = readCalendars(tables, p);
  const services = new Set([...weeks.map((w) => w.serviceId), ...exceptions.map((e) => e.serviceId)]);
  const stations = stationIds(tables['stops.txt'] ?? []);
  const trips = readTrips(tables, new Set(stops.map((s) => s.id)), stations, new Set(routes.map((r) => r.id)), services, p);
  const frequencies = readFrequencies(tables['frequencies.txt'] ?? [], new Set(trips.map((t) => t.id)), p);
  const transfers = readTransfers(tables['transfers.txt'] ?? [], new Set(stops.map((s) => s.id)), p);
  return { feed: { stops, routes, trips, weeks, exceptions, frequencies, transfers }, problems: p.list };
}
