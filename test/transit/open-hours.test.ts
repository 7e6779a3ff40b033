// Departures during the sites' opening hours, on a feed simple enough to work
// out by hand, where the surgery closes before the last bus of the afternoon
// gets there, and against a time-expanded Dijkstra on random feeds.
import { describe, expect, it } from 'vitest';
import { buildFeed, type GtfsTables } from '../../shared/transit/feed-build';
import { formatGtfsTime as clock } from '../../shared/transit/gtfs-time';
import { medianJourneySeconds } from '../../shared/transit/journey-times';
import { medianOpenJourneySeconds, openJourneySeconds, usableArrival, type OpenSite } from '../../shared/transit/open-journeys';
import { buildTimetable } from '../../shared/transit/timetable';
import { timeExpandedArrivals } from './time-expanded';
import { mulberry32 as rng } from '../support/random';

const hm = (h: number, m: number) => h * 3600 + m * 60;
const daily = { service_id: 'd', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '1', sunday: '1', start_date: '20260101', end_date: '20271231' };

describe('a surgery that closes before the late bus arrives', () => {
  // Buses from A at 16:10, 16:40 and 17:10, 20 minutes to B; 2 minutes' walk to A, 3 from B to the
  // surgery, 120 minutes to walk all the way. The surgery is open 16:00-17:10.
  const stopTimes = [hm(16, 10), hm(16, 40), hm(17, 10)].flatMap((t, i) => [
    { trip_id: `t${i}`, stop_id: 'A', stop_sequence: '1', arrival_time: clock(t), departure_time: clock(t) },
    { trip_id: `t${i}`, stop_id: 'B', stop_sequence: '2', arrival_time: clock(t + 1200), departure_time: clock(t + 1200) },
  ]);
  const { feed } = buildFeed({
    'stops.txt': [{ stop_id: 'A', stop_lat: '52', stop_lon: '0' }, { stop_id: 'B', stop_lat: '52', stop_lon: '0.1' }],
    'routes.txt': [{ route_id: 'r', route_type: '3' }],
    'trips.txt': [0, 1, 2].map((i) => ({ route_id: 'r', service_id: 'd', trip_id: `t${i}` })),
    'stop_times.txt': stopTimes,
    'calendar.txt': [daily],
  });
  const tt = buildTimetable(feed, '20261207');
  const egress = Float64Array.from(tt.stopIds, (id) => (id === 'B' ? 180 : Infinity));
  const surgery: OpenSite = { egress, open: [{ from: hm(16, 0), to: hm(17, 10) }] };
  const origin = { access: [{ stop: tt.stopIndex.get('A')!, seconds: 120 }], directWalk: [120 * 60] };

  it('counts a journey only when it gets there while the surgery is open', () => {
    // Leaving 16:05: the 16:10 bus, at the surgery 16:33: 28 minutes.
    expect(openJourneySeconds(tt, origin, [surgery], hm(16, 5))).toBe(28 * 60);
    // Leaving 16:20: the 16:40 bus, at the surgery 17:03, before it closes at 17:10: 43 minutes.
    expect(openJourneySeconds(tt, origin, [surgery], hm(16, 20))).toBe(43 * 60);
    // Leaving 16:50: the 17:10 bus gets there at 17:33, after it has closed; walking gets there at 18:50: no journey.
    expect(openJourneySeconds(tt, origin, [surgery], hm(16, 50))).toBe(Infinity);
  });

  it('takes the median over the minutes the surgery is open', () => {
    // Leaving at 16:00+m for m = 0..69: m <= 8 takes the 16:10 bus (33 - m minutes, 25..33), 9 <= m <= 38 the 16:40
    // (63 - m, 25..54), m >= 39 arrives after 17:10 (31 departures, no journey). Of the 70 times, the 39 finite ones
    // sorted are 25,25,26,26,...,33,33 (18), then 34..54 (21): the 35th and 36th are 50 and 51, so the median is 50.5 minutes.
    expect(medianOpenJourneySeconds(tt, origin, [surgery])).toBe(50.5 * 60);
    // The same minutes as a plain window, with the surgery never closing, count the 17:10 bus: a shorter median.
    const always = medianJourneySeconds(tt, { access: origin.access, directWalkSeconds: 120 * 60 }, egress, { from: hm(16, 0), to: hm(17, 10) });
    expect(always!).toBeLessThan(50.5 * 60);
  });

  it('waits at the door through a closed spell, and finds nothing after the last', () => {
    const lunch = [{ from: hm(9, 0), to: hm(12, 0) }, { from: hm(14, 0), to: hm(17, 0) }];
    expect(usableArrival(hm(12, 30), lunch)).toBe(hm(14, 0));
    expect(usableArrival(hm(10, 0), lunch)).toBe(hm(10, 0));
    expect(usableArrival(hm(17, 0), lunch)).toBe(Infinity);
  });
});

describe('agrees with a time-expanded Dijkstra and the opening hours applied by hand', () => {
  it('on 150 random feeds, sites and hours', () => {
    let open = 0;
    let closed = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
      const stops = Array.from({ length: int(3, 7) }, (_, i) => `s${i}`);
      const t: GtfsTables = { 'stops.txt': stops.map((id, i) => ({ stop_id: id, stop_lat: '52', stop_lon: String(i / 100) })), 'routes.txt': [], 'trips.txt': [], 'stop_times.txt': [], 'calendar.txt': [daily] };
      for (let route = 0; route < int(1, 4); route++) {
        const seq = [...stops].sort(() => r() - 0.5).slice(0, int(2, stops.length));
        t['routes.txt']!.push({ route_id: `r${route}`, route_type: '3' });
        for (let trip = 0; trip < int(1, 4); trip++) {
          const id = `r${route}t${trip}`;
          t['trips.txt']!.push({ route_id: `r${route}`, service_id: 'd', trip_id: id });
          let time = hm(8, 0) + int(0, 120) * 60;
          seq.forEach((stop, i) => {
            t['stop_times.txt']!.push({ trip_id: id, stop_id: stop, stop_sequence: String(i), arrival_time: clock(time), departure_time: clock(time) });
            time += int(2, 15) * 60;
          });
        }
      }
      const tt = buildTimetable(buildFeed(t).feed, '20261207');
      const sites: OpenSite[] = Array.from({ length: int(1, 3) }, () => {
        const egress = Float64Array.from(tt.stopIds, () => (r() < 0.5 ? int(1, 10) * 60 : Infinity));
        const from = hm(8, 0) + int(0, 90) * 60;
        return { egress, open: [{ from, to: from + int(10, 120) * 60 }] };
      });
      const origin = { access: [{ stop: int(0, tt.stopIds.length - 1), seconds: int(0, 10) * 60 }], directWalk: sites.map(() => (r() < 0.5 ? int(30, 200) * 60 : Infinity)) };
      for (let k = 0; k < 5; k++) {
        const depart = hm(8, 0) + int(0, 150) * 60;
        const arrivals = timeExpandedArrivals(tt, origin.access.map((a) => ({ stop: a.stop, time: depart + a.seconds })));
        // By hand: each site's earliest arrival, then the first open time at or after it.
        let want = Infinity;
        sites.forEach((site, i) => {
          let at = depart + origin.directWalk[i];
          arrivals.forEach((a, s) => (at = Math.min(at, a + site.egress[s])));
          const spell = site.open[0];
          const usable = at < spell.from ? spell.from : at < spell.to ? at : Infinity;
          want = Math.min(want, usable - depart);
        });
        const got = openJourneySeconds(tt, origin, sites, depart, { maxRounds: 100 });
        expect(got, `seed ${seed} departure ${clock(depart)}`).toBe(want);
        if (Number.isFinite(want)) open++;
        else closed++;
      }
    }
    // Both outcomes must occur often for the comparison to mean something.
    expect(open).toBeGreaterThan(100);
    expect(closed).toBeGreaterThan(50);
  });
});
