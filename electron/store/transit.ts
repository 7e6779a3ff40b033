// The project's public-transport feed: written whole in one transaction at
// import, read whole for routing (a timetable is scanned, not queried).
import type Database from 'better-sqlite3';
import type { FeedProblem, ServiceWeek, TransitFeed, TransitTrip } from '../../shared/transit/feed';
import { servicesDateRange } from '../../shared/transit/service-days';

const TABLES = ['stops', 'routes', 'trips', 'stop_times', 'weeks', 'exceptions', 'frequencies', 'transfers', 'problems'];

/** Replaces the stored feed; call inside the importer's transaction. */
export function writeTransitFeed(db: Database.Database, feed: TransitFeed, problems: FeedProblem[]): void {
  for (const t of TABLES) db.prepare(`DELETE FROM cgm_transit_${t}`).run();
  const stop = db.prepare('INSERT INTO cgm_transit_stops VALUES (?, ?, ?, ?, ?)');
  for (const s of feed.stops) stop.run(s.id, s.name, s.lat, s.lon, s.parent);
  const route = db.prepare('INSERT INTO cgm_transit_routes VALUES (?, ?, ?)');
  for (const r of feed.routes) route.run(r.id, r.name, r.type);
  const trip = db.prepare('INSERT INTO cgm_transit_trips VALUES (?, ?, ?)');
  const call = db.prepare('INSERT INTO cgm_transit_stop_times VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const t of feed.trips) {
    trip.run(t.id, t.routeId, t.serviceId);
    t.stops.forEach((s, i) => call.run(t.id, i, s, t.arrivals[i], t.departures[i], t.boarding[i] ? 1 : 0, t.alighting[i] ? 1 : 0));
  }
  const week = db.prepare('INSERT INTO cgm_transit_weeks VALUES (?, ?, ?, ?)');
  for (const w of feed.weeks) week.run(w.serviceId, w.days.map(Number).join(''), w.start, w.end);
  const exception = db.prepare('INSERT INTO cgm_transit_exceptions VALUES (?, ?, ?)');
  for (const e of feed.exceptions) exception.run(e.serviceId, e.date, e.type);
  const frequency = db.prepare('INSERT INTO cgm_transit_frequencies VALUES (?, ?, ?, ?)');
  for (const f of feed.frequencies) frequency.run(f.tripId, f.start, f.end, f.headway);
  const transfer = db.prepare('INSERT INTO cgm_transit_transfers VALUES (?, ?, ?)');
  for (const t of feed.transfers) transfer.run(t.from, t.to, t.seconds);
  const problem = db.prepare('INSERT INTO cgm_transit_problems VALUES (?, ?, ?, ?, ?)');
  for (const p of problems) problem.run(p.file, p.row, p.field, p.message, p.severity);
}

export function hasTransitFeed(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM cgm_transit_trips LIMIT 1').get() !== undefined;
}

function readCalendars(db: Database.Database): Pick<TransitFeed, 'weeks' | 'exceptions'> {
  return {
    weeks: (db.prepare('SELECT service_id, days, start_date, end_date FROM cgm_transit_weeks').all() as { service_id: string; days: string; start_date: string; end_date: string }[])
      .map((w) => ({ serviceId: w.service_id, days: [...w.days].map((d) => d === '1') as ServiceWeek['days'], start: w.start_date, end: w.end_date })),
    exceptions: db.prepare('SELECT service_id AS serviceId, date, type FROM cgm_transit_exceptions').all() as TransitFeed['exceptions'],
  };
}

/** The stored feed, or null when none was imported. */
export function readTransitFeed(db: Database.Database): TransitFeed | null {
  if (!hasTransitFeed(db)) return null;
  const trips = new Map<string, TransitTrip>();
  for (const t of db.prepare('SELECT trip_id, route_id, service_id FROM cgm_transit_trips').all() as { trip_id: string; route_id: string; service_id: string }[]) {
    trips.set(t.trip_id, { id: t.trip_id, routeId: t.route_id, serviceId: t.service_id, stops: [], arrivals: [], departures: [], boarding: [], alighting: [] });
  }
  const calls = db.prepare('SELECT trip_id, stop_id, arrival, departure, boarding, alighting FROM cgm_transit_stop_times ORDER BY trip_id, position').raw().iterate();
  for (const [tripId, stopId, arrival, departure, boarding, alighting] of calls as Iterable<[string, string, number, number, number, number]>) {
    const t = trips.get(tripId)!;
    t.stops.push(stopId);
    t.arrivals.push(arrival);
    t.departures.push(departure);
    t.boarding.push(boarding === 1);
    t.alighting.push(alighting === 1);
  }
  return {
    stops: (db.prepare('SELECT stop_id AS id, name, lat, lon, parent FROM cgm_transit_stops').all() as TransitFeed['stops']),
    routes: db.prepare('SELECT route_id AS id, name, type FROM cgm_transit_routes').all() as TransitFeed['routes'],
    trips: [...trips.values()],
    ...readCalendars(db),
    frequencies: db.prepare('SELECT trip_id AS tripId, start, end, headway FROM cgm_transit_frequencies').all() as TransitFeed['frequencies'],
    transfers: db.prepare('SELECT from_stop AS "from", to_stop AS "to", seconds FROM cgm_transit_transfers').all() as TransitFeed['transfers'],
  };
}

export interface TransitSummary {
  stops: number;
  routes: number;
  trips: number;
  /** First and last dates any service runs, YYYYMMDD. */
  firstDate: string | null;
  lastDate: string | null;
  problems: number;
}

/** The stored feed's size and dates without reading its timetable; null without a feed. */
export function transitSummary(db: Database.Database): TransitSummary | null {
  const n = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const trips = n('SELECT COUNT(*) FROM cgm_transit_trips');
  if (trips === 0) return null;
  const { weeks, exceptions } = readCalendars(db);
  const dates = servicesDateRange(weeks, exceptions);
  return {
    stops: n('SELECT COUNT(*) FROM cgm_transit_stops'), routes: n('SELECT COUNT(*) FROM cgm_transit_routes'), trips,
    firstDate: dates?.first ?? null, lastDate: dates?.last ?? null, problems: n('SELECT COUNT(*) FROM cgm_transit_problems'),
  };
}

export function transitProblems(db: Database.Database): FeedProblem[] {
  return db.prepare('SELECT file, row, field, message, severity FROM cgm_transit_problems ORDER BY rowid').all() as FeedProblem[];
}
