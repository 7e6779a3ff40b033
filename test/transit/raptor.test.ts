// RAPTOR against answers worked out by hand on small feeds (a change, a walk
// between stops, an overnight trip, a calendar exception) and against a
// brute-force Dijkstra over timetable events on random feeds.
import { describe, expect, it } from 'vitest';
import { buildFeed, type GtfsTables } from '../../shared/transit/feed-build';
import { formatGtfsTime as clock } from '../../shared/transit/gtfs-time';
import { raptor } from '../../shared/transit/raptor';
import { buildTimetable } from '../../shared/transit/timetable';
import { timeExpandedArrivals } from './time-expanded';
import { mulberry32 as rng } from '../support/random';

const DAY = 86_400;
const hms = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;

/** Stops on a line; routes given as trips of [stop, "HH:MM:SS"] calls. */
function tables(trips: { id: string; service?: string; calls: [string, string][] }[], extra: GtfsTables = {}): GtfsTables {
  const stopIds = [...new Set(trips.flatMap((t) => t.calls.map((c) => c[0])))];
  return {
    'stops.txt': stopIds.map((id, i) => ({ stop_id: id, stop_name: id, stop_lat: '52.6', stop_lon: String(-0.7 + i * 0.01) })),
    'routes.txt': trips.map((t) => ({ route_id: `r-${t.id}`, route_type: '3' })),
    'trips.txt': trips.map((t) => ({ route_id: `r-${t.id}`, service_id: t.service ?? 'daily', trip_id: t.id })),
    'stop_times.txt': trips.flatMap((t) => t.calls.map(([stop, time], i) => ({
      trip_id: t.id, stop_id: stop, stop_sequence: String(i + 1), arrival_time: time, departure_time: time,
    }))),
    'calendar.txt': [
      { service_id: 'daily', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '1', sunday: '1', start_date: '20260101', end_date: '20271231' },
      { service_id: 'weekdays', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '0', sunday: '0', start_date: '20260101', end_date: '20271231' },
      { service_id: 'mondays', monday: '1', tuesday: '0', wednesday: '0', thursday: '0', friday: '0', saturday: '0', sunday: '0', start_date: '20260101', end_date: '20271231' },
    ],
    ...extra,
  };
}

function arrivalAt(t: GtfsTables, date: string, from: string, at: number, to: string, minChangeSeconds = 60, footpaths: { from: string; to: string; seconds: number }[] = []) {
  const { feed, problems } = buildFeed(t);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const tt = buildTimetable(feed, date, { minChangeSeconds, footpaths });
  return raptor(tt, [{ stop: tt.stopIndex.get(from)!, time: at }])[tt.stopIndex.get(to)!];
}

describe('RAPTOR on hand-built feeds', () => {
  // Line 1 reaches B at 08:10; line 2 leaves B at 08:12 and 08:40, reaching C at 08:30 and 09:00.
  const change = tables([
    { id: 'l1', calls: [['A', '08:00:00'], ['B', '08:10:00']] },
    { id: 'l2-early', calls: [['B', '08:12:00'], ['C', '08:30:00']] },
    { id: 'l2-late', calls: [['B', '08:40:00'], ['C', '09:00:00']] },
  ]);

  it('changes at a stop when the change time allows, and waits for the next run when it does not', () => {
    // Ready at B at 08:10 + 1 min = 08:11, in time for 08:12: C at 08:30.
    expect(arrivalAt(change, '20261207', 'A', hms(7, 55), 'C', 60)).toBe(hms(8, 30));
    // A 3-minute change makes B ready at 08:13: the 08:12 is missed, the 08:40 reaches C at 09:00.
    expect(arrivalAt(change, '20261207', 'A', hms(7, 55), 'C', 180)).toBe(hms(9, 0));
    // transfers.txt's own minimum change time at B wins over the default.
    const withTransfer = { ...change, 'transfers.txt': [{ from_stop_id: 'B', to_stop_id: 'B', transfer_type: '2', min_transfer_time: '300' }] };
    expect(arrivalAt(withTransfer, '20261207', 'A', hms(7, 55), 'C', 60)).toBe(hms(9, 0));
    // Leaving A after its only run of the day: tomorrow's runs (the timetable holds the next day too).
    expect(arrivalAt(change, '20261207', 'A', hms(8, 1), 'C')).toBe(DAY + hms(8, 30));
  });

  it('walks a footpath between stops to change', () => {
    const walk = tables([
      { id: 'l1', calls: [['A', '08:00:00'], ['B', '08:10:00']] },
      { id: 'l3', calls: [['D', '08:13:00'], ['C', '08:25:00']] },
    ]);
    // B at 08:10, a 2-minute walk to D, the 08:13 from D reaches C at 08:25.
    expect(arrivalAt(walk, '20261207', 'A', hms(8, 0), 'C', 60, [{ from: 'B', to: 'D', seconds: 120 }])).toBe(hms(8, 25));
    // A 4-minute walk misses it: the traveller waits at D for tomorrow's 08:13.
    expect(arrivalAt(walk, '20261207', 'A', hms(8, 0), 'C', 60, [{ from: 'B', to: 'D', seconds: 240 }])).toBe(DAY + hms(8, 25));
    // A footpath listed in transfers.txt as forbidden (type 3) is not walked.
    const forbidden = { ...walk, 'transfers.txt': [{ from_stop_id: 'B', to_stop_id: 'D', transfer_type: '3' }] };
    expect(arrivalAt(forbidden, '20261207', 'A', hms(8, 0), 'C', 60, [{ from: 'B', to: 'D', seconds: 120 }])).toBe(Infinity);
  });

  it("catches the previous evening's trip after midnight", () => {
    // A Monday-only trip leaves A at 23:50, calls at B at 24:10 (00:10 Tuesday) and C at 24:30.
    const night = tables([{ id: 'owl', service: 'mondays', calls: [['A', '23:50:00'], ['B', '24:10:00'], ['C', '24:30:00']] }]);
    // 2026-12-08 is a Tuesday: ready at B at 00:05, the owl reaches C at 00:30.
    expect(arrivalAt(night, '20261208', 'B', hms(0, 5), 'C')).toBe(hms(0, 30));
    // On Wednesday there was no Monday-night owl.
    expect(arrivalAt(night, '20261209', 'B', hms(0, 5), 'C')).toBe(Infinity);
    // On Monday itself it runs from A at 23:50 and reaches C at 24:30.
    expect(arrivalAt(night, '20261207', 'A', hms(23, 45), 'C')).toBe(hms(24, 30));
  });

  it('keeps to calendar exceptions', () => {
    const t = tables([{ id: 'w', service: 'weekdays', calls: [['A', '09:00:00'], ['B', '09:20:00']] }], {
      'calendar_dates.txt': [
        { service_id: 'weekdays', date: '20261225', exception_type: '2' }, // Christmas Day, a Friday: removed
        { service_id: 'weekdays', date: '20261227', exception_type: '1' }, // a Sunday: added
      ],
    });
    expect(arrivalAt(t, '20261224', 'A', hms(8, 50), 'B')).toBe(hms(9, 20)); // Thursday
    expect(arrivalAt(t, '20261225', 'A', hms(8, 50), 'B')).toBe(Infinity);
    // Saturday: none today, but the Sunday run is in the timetable's next day.
    expect(arrivalAt(t, '20261226', 'A', hms(8, 50), 'B')).toBe(DAY + hms(9, 20));
    expect(arrivalAt(t, '20261227', 'A', hms(8, 50), 'B')).toBe(hms(9, 20));
  });

  it('expands frequencies from the trip\'s running times', () => {
    const t = tables([{ id: 'f', calls: [['A', '07:00:00'], ['B', '07:12:00']] }], {
      'frequencies.txt': [{ trip_id: 'f', start_time: '08:00:00', end_time: '09:00:00', headway_secs: '900' }],
    });
    // Runs leave A at 08:00, 08:15, 08:30, 08:45 and take 12 minutes; the template's 07:00 is not a run.
    expect(arrivalAt(t, '20261207', 'A', hms(8, 1), 'B')).toBe(hms(8, 27));
    expect(arrivalAt(t, '20261207', 'A', hms(6, 59), 'B')).toBe(hms(8, 12));
    expect(arrivalAt(t, '20261207', 'A', hms(8, 46), 'B')).toBe(DAY + hms(8, 12));
  });

  it('counts a change as one more round', () => {
    const { feed } = buildFeed(tables([
      { id: 'l1', calls: [['A', '08:00:00'], ['B', '08:10:00']] },
      { id: 'l2', calls: [['B', '08:12:00'], ['C', '08:30:00']] },
    ]));
    const tt = buildTimetable(feed, '20261207');
    const from = [{ stop: tt.stopIndex.get('A')!, time: hms(7, 59) }];
    expect(raptor(tt, from, { maxRounds: 1 })[tt.stopIndex.get('C')!]).toBe(Infinity);
    expect(raptor(tt, from, { maxRounds: 2 })[tt.stopIndex.get('C')!]).toBe(hms(8, 30));
  });
});

function randomFeed(seed: number) {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const stops = Array.from({ length: int(4, 9) }, (_, i) => `s${i}`);
  const t: GtfsTables = {
    'stops.txt': stops.map((id, i) => ({ stop_id: id, stop_lat: '52', stop_lon: String(i / 100) })),
    'routes.txt': [], 'trips.txt': [], 'stop_times.txt': [],
    'calendar.txt': [{ service_id: 'd', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '1', sunday: '1', start_date: '20260101', end_date: '20271231' }],
    'transfers.txt': [],
  };
  for (let route = 0, routes = int(2, 5); route < routes; route++) {
    const seq = [...stops].sort(() => r() - 0.5).slice(0, int(2, Math.min(5, stops.length)));
    const noBoard = seq.map(() => r() < 0.15);
    const noAlight = seq.map(() => r() < 0.15);
    t['routes.txt']!.push({ route_id: `r${route}`, route_type: '3' });
    for (let trip = 0, trips = int(1, 5); trip < trips; trip++) {
      const id = `r${route}t${trip}`;
      t['trips.txt']!.push({ route_id: `r${route}`, service_id: 'd', trip_id: id });
      // Random starts and dwell times, so runs of one line may overtake each other.
      let time = hms(7, 0) + int(0, 180) * 60;
      seq.forEach((stop, i) => {
        const arr = time;
        const dep = arr + int(0, 2) * 60;
        t['stop_times.txt']!.push({
          trip_id: id, stop_id: stop, stop_sequence: String(i), arrival_time: clock(arr), departure_time: clock(dep),
          pickup_type: noBoard[i] ? '1' : '0', drop_off_type: noAlight[i] ? '1' : '0',
        });
        time = dep + int(1, 20) * 60;
      });
    }
  }
  for (const s of stops) if (r() < 0.3) t['transfers.txt']!.push({ from_stop_id: s, to_stop_id: s, transfer_type: '2', min_transfer_time: String(int(0, 5) * 60) });
  const footpaths = [];
  for (const a of stops) for (const b of stops) if (a !== b && r() < 0.2) footpaths.push({ from: a, to: b, seconds: int(1, 15) * 60 });
  return { tables: t, footpaths, r, int };
}

describe('RAPTOR agrees with a time-expanded Dijkstra', () => {
  it('on 300 random feeds and departures', () => {
    let journeys = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { tables: t, footpaths, r, int } = randomFeed(seed);
      const { feed, problems } = buildFeed(t);
      expect(problems.filter((p) => p.severity === 'error'), `seed ${seed}`).toEqual([]);
      const tt = buildTimetable(feed, '20261207', { footpaths, minChangeSeconds: int(0, 3) * 60 });
      const sources = Array.from({ length: int(1, 2) }, () => ({ stop: int(0, tt.stopIds.length - 1), time: hms(7, 0) + int(0, 240) * 60 }));
      const fast = raptor(tt, sources, { maxRounds: 100 });
      const slow = timeExpandedArrivals(tt, sources);
      expect(Array.from(fast), `seed ${seed}`).toEqual(Array.from(slow));
      journeys += Array.from(slow).filter(Number.isFinite).length;
      void r;
    }
    // The comparison means something only if many random journeys exist.
    expect(journeys).toBeGreaterThan(300);
  });
});
