// cgm import gtfs on a third-party feed (sample-gtfs-feed, written to exercise
// awkward cases) and on broken feeds written here: what is usable is kept,
// what is not is named by file, row and field, and journeys on the stored
// feed match arrivals worked out by hand from its text files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importGtfs } from '../../electron/importers/gtfs';
import { ImportError } from '../../electron/importers/importer';
import { createProject } from '../../electron/store/project';
import { readTransitFeed, transitProblems } from '../../electron/store/transit';
import { raptor } from '../../shared/transit/raptor';
import { buildTimetable } from '../../shared/transit/timetable';
import { timeExpandedArrivals } from './time-expanded';

const sampleDir = join(dirname(createRequire(import.meta.url).resolve('sample-gtfs-feed/package.json')), 'gtfs');
const dir = mkdtempSync(join(tmpdir(), 'cgm-gtfs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hms = (h: number, m: number) => h * 3600 + m * 60;

function project(name: string) {
  return createProject(join(dir, `${name}.gpkg`));
}

describe('the third-party sample feed', () => {
  it('imports from its zip and from its folder alike, naming what it reports', async () => {
    const fromZip = project('zip');
    const fromFolder = project('folder');
    const a = await importGtfs(fromZip, `${sampleDir}.zip`);
    const b = await importGtfs(fromFolder, sampleDir);
    // 10 trips in trips.txt, all usable; stops of location_type 2-4 (entrances, nodes, boarding areas) are not stops vehicles call at.
    expect(a.details).toMatchObject({ stops: 6, routes: 4, trips: 10, frequencies: 2, firstDate: '20190301', lastDate: '20190820' });
    expect({ ...b.details }).toEqual({ ...a.details });
    const messages = transitProblems(fromZip.db).map((p) => `${p.severity} ${p.file}:${p.row}:${p.field} ${p.message}`);
    // Trips call at "airport" and "museum", which are stations (location_type 1), first at stop_times.txt row 2 (a-downtown-all-day at museum is row 3, airport-1 is a platform).
    expect(messages.some((m) => /^warning stop_times.txt:\d+:stop_id \d+ stop times name stations/.test(m))).toBe(true);
    // during-dst-1 runs at 25:55 and 26:03: rows 29 and 30.
    expect(messages).toContain('warning stop_times.txt:29:arrival_time 2 stop times are past 24:00 (first in trip "during-dst-1"): counted as running after midnight into the next day');
    expect(transitProblems(fromZip.db).filter((p) => p.severity === 'error')).toEqual([]);
    fromZip.close();
    fromFolder.close();
  });

  it('gives the arrivals its timetable implies', async () => {
    const p = project('journeys');
    await importGtfs(p, sampleDir);
    const feed = readTransitFeed(p.db)!;
    p.close();
    const arrive = (date: string, from: string, at: number, to: string) => {
      const tt = buildTimetable(feed, date, { minChangeSeconds: 0 });
      return raptor(tt, [{ stop: tt.stopIndex.get(from)!, time: at }])[tt.stopIndex.get(to)!];
    };
    // Monday 6 May 2019: b-downtown-on-working-days runs every 5 minutes from 08:00 (frequencies.txt);
    // its template leaves airport at 13:14 and reaches center at 13:30, so the 08:00 run reaches center at 08:16.
    expect(arrive('20190506', 'airport', hms(7, 58), 'center')).toBe(hms(8, 16));
    // Ready at 08:01: the 08:05 run, at center 08:21.
    expect(arrive('20190506', 'airport', hms(8, 1), 'center')).toBe(hms(8, 21));
    // Wednesday 1 May 2019: calendar_dates.txt removes all-day and on-working-days; nothing runs that day,
    // so the first arrival is Thursday's 08:00 run.
    expect(arrive('20190501', 'airport', hms(7, 58), 'center')).toBe(86_400 + hms(8, 16));
    // Saturday 30 March 2019 only (during-dst): leaves airport at 25:58, at center 26:03, i.e. 02:03 on Sunday 31 March.
    expect(arrive('20190331', 'airport', hms(1, 50), 'center')).toBe(hms(2, 3));
    expect(arrive('20190330', 'airport', hms(25, 50), 'center')).toBe(hms(26, 3));
  });

  it('agrees with a time-expanded Dijkstra on every stop, date and departure hour tried', async () => {
    const p = project('brute');
    await importGtfs(p, sampleDir);
    const feed = readTransitFeed(p.db)!;
    p.close();
    let reached = 0;
    for (const date of ['20190301', '20190330', '20190331', '20190501', '20190506', '20190615', '20190720']) {
      const tt = buildTimetable(feed, date, { minChangeSeconds: 120, footpaths: [{ from: 'airport-1', to: 'airport', seconds: 180 }, { from: 'center', to: 'museum', seconds: 600 }] });
      for (let stop = 0; stop < tt.stopIds.length; stop++) {
        for (let hour = 0; hour < 27; hour += 2) {
          const sources = [{ stop, time: hour * 3600 }];
          const slow = timeExpandedArrivals(tt, sources);
          expect(Array.from(raptor(tt, sources, { maxRounds: 50 })), `${date} ${tt.stopIds[stop]} ${hour}h`).toEqual(Array.from(slow));
          reached += Array.from(slow).filter(Number.isFinite).length;
        }
      }
    }
    expect(reached).toBeGreaterThan(100);
  });
});

function writeFeed(name: string, files: Record<string, string>): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
}

const GOOD = {
  'stops.txt': 'stop_id,stop_name,stop_lat,stop_lon\nA,Market Place,52.67,-0.73\nB,Station Road,52.66,-0.72\nC,Hospital,52.65,-0.71\n',
  'routes.txt': 'route_id,route_short_name,route_type\n1,R1,3\n',
  'calendar.txt': 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nwk,1,1,1,1,1,0,0,20260101,20271231\n',
};

describe('a feed with broken rows', () => {
  it('keeps every usable trip and names each row left out', async () => {
    const folder = writeFeed('broken', {
      ...GOOD,
      'trips.txt': 'route_id,service_id,trip_id\n1,wk,good\n9,wk,no-route\n1,sundays,no-calendar\n1,wk,bad-stop\n1,wk,bad-time\n',
      'stop_times.txt': [
        'trip_id,arrival_time,departure_time,stop_id,stop_sequence',
        'good,08:00:00,08:00:00,A,1', 'good,08:10:00,08:10:00,B,2', 'good,08:20:00,08:20:00,C,3',
        'bad-stop,09:00:00,09:00:00,A,1', 'bad-stop,09:10:00,09:10:00,Z,2',
        'bad-time,10:00:00,10:00:00,A,1', 'bad-time,10:61:00,10:61:00,B,2',
        'ghost,11:00:00,11:00:00,A,1',
      ].join('\n') + '\n',
      'transfers.txt': 'from_stop_id,to_stop_id,transfer_type,min_transfer_time\nA,Q,2,60\n',
    });
    const p = project('broken');
    const summary = await importGtfs(p, folder);
    expect(summary.imported).toBe(1);
    const problems = transitProblems(p.db).map((x) => `${x.file}:${x.row}:${x.field}: ${x.message}`);
    expect(problems).toEqual([
      'trips.txt:3:route_id: trip "no-route" names route_id "9", which routes.txt does not have',
      'trips.txt:4:service_id: trip "no-calendar" names service_id "sundays", which neither calendar.txt nor calendar_dates.txt has',
      'stop_times.txt:6:stop_id: trip "bad-stop" calls at stop_id "Z", which stops.txt does not have; the trip is left out',
      'stop_times.txt:8:arrival_time: arrival_time "10:61:00" is not H:MM:SS; trip "bad-time" is left out',
      'stop_times.txt:8:departure_time: departure_time "10:61:00" is not H:MM:SS; trip "bad-time" is left out',
      'stop_times.txt:9:trip_id: stop time names trip_id "ghost", which trips.txt does not have (or left out)',
      'transfers.txt:2:to_stop_id: to_stop_id "Q" is not in stops.txt',
    ]);
    expect(summary.rejected).toEqual({ 'trips.txt': 2, 'stop_times.txt': 4, 'transfers.txt': 1 });
    expect(readTransitFeed(p.db)!.trips.map((t) => t.id)).toEqual(['good']);
    p.close();
  });

  it('refuses a feed with no calendar at all, and leaves an earlier feed in place', async () => {
    const p = project('nocal');
    await importGtfs(p, writeFeed('ok', { ...GOOD, 'trips.txt': 'route_id,service_id,trip_id\n1,wk,t\n', 'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt,08:00:00,08:00:00,A,1\nt,08:10:00,08:10:00,B,2\n' }));
    const { 'calendar.txt': _, ...noCalendar } = GOOD;
    const folder = writeFeed('nocal', { ...noCalendar, 'trips.txt': 'route_id,service_id,trip_id\n1,wk,t\n', 'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt,08:00:00,08:00:00,A,1\nt,08:10:00,08:10:00,B,2\n' });
    const error = await importGtfs(p, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toContain('calendar.txt: the feed has neither calendar.txt nor calendar_dates.txt');
    expect((error as Error).message).toContain('trips.txt row 2, field "service_id"');
    expect(readTransitFeed(p.db)!.trips.map((t) => t.id)).toEqual(['t']);
    p.close();
  });

  it('interpolates stops without times between timepoints and refuses times that go backwards', async () => {
    const folder = writeFeed('interp', {
      ...GOOD,
      'trips.txt': 'route_id,service_id,trip_id\n1,wk,t\n1,wk,back\n',
      'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt,08:00:00,08:00:00,A,1\nt,,,B,2\nt,08:20:00,08:20:00,C,3\nback,09:00:00,09:00:00,A,1\nback,08:50:00,08:50:00,B,2\n',
    });
    const p = project('interp');
    await importGtfs(p, folder);
    const [t] = readTransitFeed(p.db)!.trips;
    // B lies halfway between the timepoints at 08:00 and 08:20 in sequence.
    expect(t.arrivals).toEqual([hms(8, 0), hms(8, 10), hms(8, 20)]);
    expect(transitProblems(p.db).map((x) => `${x.file}:${x.row}: ${x.message}`)).toEqual([
      'stop_times.txt:6: trip "back": time goes backwards at stop_sequence 2; the trip is left out',
    ]);
    p.close();
  });
});
