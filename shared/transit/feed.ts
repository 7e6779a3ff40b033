// A public-transport timetable as the analysis needs it: what GTFS describes,
// validated and with its references resolved. Times are seconds after the
// service day's noon-minus-12h (GTFS's "midnight"), and may pass 24:00 for
// trips that run on after midnight.

export interface TransitStop {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** The station a platform belongs to, if any. */
  parent: string | null;
}

export interface TransitRoute {
  id: string;
  name: string;
  /** GTFS route_type: 0 tram, 1 metro, 2 rail, 3 bus, ... */
  type: number;
}

export interface TransitTrip {
  id: string;
  routeId: string;
  serviceId: string;
  stops: string[];
  /** Seconds after the service day's midnight, one per stop; never decreasing. */
  arrivals: number[];
  departures: number[];
  /** Per stop: passengers may board here (GTFS pickup_type is not 1). */
  boarding: boolean[];
  /** Per stop: passengers may alight here (drop_off_type is not 1). */
  alighting: boolean[];
}

/** calendar.txt: the weekdays a service runs between two dates (YYYYMMDD, inclusive). */
export interface ServiceWeek {
  serviceId: string;
  /** Monday first. */
  days: [boolean, boolean, boolean, boolean, boolean, boolean, boolean];
  start: string;
  end: string;
}

/** calendar_dates.txt: a service added (1) or removed (2) on one date. */
export interface ServiceException {
  serviceId: string;
  date: string;
  type: 1 | 2;
}

/** frequencies.txt: the trip's pattern repeated every headway from start until before end. */
export interface TripFrequency {
  tripId: string;
  start: number;
  end: number;
  headway: number;
}

/** transfers.txt with a time (type 2) or forbidden (type 3). */
export interface StopTransfer {
  from: string;
  to: string;
  /** Seconds needed to change; null when the transfer is not possible (type 3). */
  seconds: number | null;
}

export interface TransitFeed {
  stops: TransitStop[];
  routes: TransitRoute[];
  trips: TransitTrip[];
  weeks: ServiceWeek[];
  exceptions: ServiceException[];
  frequencies: TripFrequency[];
  transfers: StopTransfer[];
}

/** One thing wrong with the feed, named by file, row (header = row 1) and field. */
export interface FeedProblem {
  file: string;
  row: number | null;
  field: string | null;
  message: string;
  /** 'error': the row (or the trip it belongs to) was left out; 'warning': kept as read. */
  severity: 'error' | 'warning';
}

export const SECONDS_PER_DAY = 86_400;
