// Door-to-site times over a departure window, on a timetable simple enough to
// work out by hand, and `cgm bands --mode transit` on the demo town's buses.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { area } from '@turf/turf';
import type * as GeoJSON from 'geojson';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { buildFeed } from '../../shared/transit/feed-build';
import { journeySeconds, median, medianJourneySeconds } from '../../shared/transit/journey-times';
import { buildTimetable } from '../../shared/transit/timetable';
import { runCli } from '../cli/capture';

describe('median journey over a window', () => {
  // A bus from A every 15 minutes from 07:00 to 10:00, 10 minutes to B.
  const { feed } = buildFeed({
    'stops.txt': [{ stop_id: 'A', stop_lat: '52', stop_lon: '0' }, { stop_id: 'B', stop_lat: '52', stop_lon: '0.1' }],
    'routes.txt': [{ route_id: 'r', route_type: '3' }],
    'trips.txt': [{ route_id: 'r', service_id: 'd', trip_id: 't' }],
    'stop_times.txt': [
      { trip_id: 't', stop_id: 'A', stop_sequence: '1', arrival_time: '07:00:00', departure_time: '07:00:00' },
      { trip_id: 't', stop_id: 'B', stop_sequence: '2', arrival_time: '07:10:00', departure_time: '07:10:00' },
    ],
    'frequencies.txt': [{ trip_id: 't', start_time: '07:00:00', end_time: '10:00:00', headway_secs: '900' }],
    'calendar.txt': [{ service_id: 'd', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '1', sunday: '1', start_date: '20260101', end_date: '20271231' }],
  });
  const tt = buildTimetable(feed, '20261207');
  // 2 minutes' walk to A, 3 minutes from B to the site; walking all the way takes 40 minutes.
  const origin = { access: [{ stop: tt.stopIndex.get('A')!, seconds: 120 }], directWalkSeconds: 40 * 60 };
  const egress = Float64Array.from(tt.stopIds, (id) => (id === 'B' ? 180 : Infinity));

  it('adds the walks, the wait and the ride for one departure', () => {
    // Leaving 08:00: at A 08:02, the 08:15 bus, at B 08:25, at the site 08:28: 28 minutes.
    expect(journeySeconds(tt, origin, egress, 8 * 3600)).toBe(28 * 60);
    // Leaving 08:13: at A 08:15, just in time: 15 minutes.
    expect(journeySeconds(tt, origin, egress, 8 * 3600 + 13 * 60)).toBe(15 * 60);
    // After the last bus (09:45), walking all the way is the answer.
    expect(journeySeconds(tt, origin, egress, 9 * 3600 + 50 * 60)).toBe(40 * 60);
  });

  it('takes the median over the departure minutes', () => {
    // Leaving at minute m of 08:00-09:00 means a wait w = (15 - (m + 2) mod 15) mod 15 and a journey of 15 + w minutes.
    // Each w in 0..14 occurs 4 times in the 60 minutes, so the 30th and 31st smallest are both w = 7: 22 minutes.
    expect(medianJourneySeconds(tt, origin, egress, { from: 8 * 3600, to: 9 * 3600 })).toBe(22 * 60);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, Infinity, Infinity])).toBeNull();
  });
});

describe('cgm bands --mode transit on the demo town', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-transit-'));
  const project = join(dir, 'demo.gpkg');
  beforeAll(async () => buildDemoProject(project), 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bands = (...extra: string[]) => runCli(['bands', '--project', project, '--service', DEMO_SERVICE, '--format', 'json', ...extra]);

  it('never does worse than walking, since walking all the way is always a choice', async () => {
    const walk = JSON.parse((await bands('--mode', 'walk')).stdout);
    const run = await bands('--mode', 'transit', '--date', '2026-12-07', '--depart', '08:00-09:00');
    expect(run.stderr).toBe('');
    const transit = JSON.parse(run.stdout);
    expect(transit).toMatchObject({ mode: 'transit', date: '2026-12-07', depart: '08:00-09:00', assumptions: { maxAccessSeconds: 900, minChangeSeconds: 60 } });
    const bySegment = new Map(walk.rows.map((r: { segmentCode: string | null; cumulativePct: number[] }) => [r.segmentCode, r.cumulativePct]));
    let better = 0;
    for (const row of transit.rows as { segmentCode: string | null; cumulativePct: number[] }[]) {
      const walked = bySegment.get(row.segmentCode) as number[];
      row.cumulativePct.forEach((pct, i) => {
        expect(pct).toBeGreaterThanOrEqual(walked[i] - 1e-9);
        if (pct > walked[i] + 0.5) better++;
      });
    }
    // The buses must help somewhere, or the feed was never used.
    expect(better).toBeGreaterThan(0);
  });

  it('draws isochrones as the areas within each band, merged, with incremental bands that do not overlap', async () => {
    const out = (name: string) => join(dir, name);
    const run = async (rings: string) => {
      const r = await runCli(['isochrones', '--project', project, '--service', DEMO_SERVICE, '--mode', 'transit', '--date', '2026-12-07', '--minutes', '10,20', '--rings', rings, '--out', out(`${rings}.geojson`)]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(readFileSync(out(`${rings}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
    };
    const cumulative = await run('cumulative');
    const incremental = await run('incremental');
    const km2 = (f: GeoJSON.Feature) => area(f) / 1e6;
    const [c10, c20] = cumulative.features;
    const [i10, i20] = incremental.features;
    expect(c10.properties).toMatchObject({ minutes: 10, mode: 'transit', depart: '08:00-09:00' });
    // Within 10 minutes is inside within 20; the incremental rings tile the 20-minute band exactly.
    expect(km2(c20)).toBeGreaterThan(km2(c10));
    expect(km2(i10)).toBeCloseTo(km2(c10), 6);
    expect(km2(i10) + km2(i20)).toBeCloseTo(km2(c20), 3);
    expect(c20.properties!.areas).toBe(i10.properties!.areas + i20.properties!.areas);
  });

  it('puts the public-transport column group in the report’s band table when a day is chosen, and only then', async () => {
    const report = async (name: string, ...extra: string[]) => {
      const r = await runCli(['export', 'report', '--project', project, '--out', join(dir, name), ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    const plain = await report('plain.html');
    expect(plain).toContain('Within 25 min %');
    expect(plain).not.toContain('Public transport: Within 25 min %');
    const withBus = await report('bus.html', '--date', '2026-12-07', '--depart', '08:00-09:00');
    expect(withBus).toContain('Public transport: Within 25 min %');
    expect(withBus).toContain('Public transport on 2026-12-07, leaving 08:00-09:00: median door-to-site time');
  });

  it('refuses a day without buses and a day outside the calendar, saying what to choose', async () => {
    // Sunday: no service in the demo timetable; Christmas Day: removed by calendar_dates.txt.
    for (const date of ['2026-12-13', '2026-12-25']) {
      const run = await bands('--mode', 'transit', '--date', date);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the timetable has no service on ${date}`);
    }
    const bad = await bands('--mode', 'transit', '--date', '7/12/2026');
    expect(bad.stderr).toContain('--date must be a date written YYYY-MM-DD');
  });
});
