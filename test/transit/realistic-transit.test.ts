// Realistic access with a timetable: households without a car go by public
// transport (or on foot when quicker) instead of only on foot. On real Rutland
// roads and TS045, with a bus written here from the point of E00069587, which
// is 86.6 minutes' walk from its nearest GP, to that GP's door.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGtfs } from '../../electron/importers/gtfs';
import { areaPoints } from '../../electron/routing/project-inputs';
import type { ServiceAccess } from '../../electron/routing/service-access';
import { projectTransitTimes } from '../../electron/transit/transit-access';
import { openProject, type Project } from '../../electron/store/project';
import { cgm } from '../analysis-runs/fixture';
import { tempDir } from '../importers/helpers';
import { buildRealisticRutland } from '../support/realistic-rutland';
import { GP, GP_CODES } from '../support/rutland-project';

const tmp = tempDir('cgm-realistic-transit-');
afterAll(() => tmp.cleanup());
const AREA = 'E00069587';
let path: string;
let walkSeconds: number;

/** A bus every 10 minutes from 07:00 to 10:00, 6 minutes from AREA's point to its nearest GP's door. */
async function addBus(project: Project, walk: ServiceAccess): Promise<void> {
  const area = walk.areas.find((a) => a.code === AREA)!;
  walkSeconds = area.seconds!;
  const site = walk.sites.find((s) => s.id === area.siteId)!;
  const from = areaPoints(project, 'OA').points.find((p) => p.code === AREA)!;
  const feed = join(tmp.dir, 'feed');
  mkdirSync(feed);
  const files: Record<string, string> = {
    'stops.txt': `stop_id,stop_name,stop_lat,stop_lon\nA,Village,${from.lat},${from.lon}\nB,Surgery,${site.lat},${site.lon}\n`,
    'routes.txt': 'route_id,route_short_name,route_type\n9,9,3\n',
    'trips.txt': 'route_id,service_id,trip_id\n9,daily,t\n',
    'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt,07:00:00,07:00:00,A,1\nt,07:06:00,07:06:00,B,2\n',
    'frequencies.txt': 'trip_id,start_time,end_time,headway_secs\nt,07:00:00,10:00:00,600\n',
    'calendar.txt': 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\ndaily,1,1,1,1,1,1,1,20260101,20271231\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(feed, name), text);
  await importGtfs(project, feed);
}

beforeAll(async () => {
  path = (await buildRealisticRutland(tmp.dir, ['walk'], (project, access) => addBus(project, access.walk!))).path;
}, 180_000);

describe('cgm bands --mode realistic --date', () => {
  it('takes the bus where it is quicker than walking', () => {
    const project = openProject(path);
    try {
      const t = projectTransitTimes(project, { service: GP, date: '2026-12-07', window: { from: 8 * 3600, to: 9 * 3600 }, level: 'OA' });
      const seconds = t.areas.find((a) => a.code === AREA)!.seconds!;
      // Leaving at minute m, the wait for a bus every 10 minutes is under 10 minutes and the ride 6: with
      // the snapping walks at each end, well under the 86.6-minute walk and at least the ride.
      expect(walkSeconds / 60).toBeCloseTo(86.6, 1);
      expect(seconds).toBeGreaterThanOrEqual(6 * 60);
      expect(seconds).toBeLessThan(25 * 60);
    } finally {
      project.close();
    }
  });

  it('counts households without a car at their public-transport time, never worse than on foot', async () => {
    const json = async (...extra: string[]) => {
      const r = await cgm('bands', '--project', path, '--service', GP, '--mode', 'realistic', '--format', 'json', ...extra);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { rows: { segmentCode: string | null; cumulativePct: number[] }[]; carAccess: { method: string } };
    };
    const onFoot = await json();
    const byBus = await json('--date', '2026-12-07', '--depart', '08:00-09:00');
    expect(byBus.carAccess.method).toContain('without a car by public transport or on foot');
    const all = (t: typeof onFoot) => t.rows.find((r) => r.segmentCode === null)!.cumulativePct;
    all(byBus).forEach((pct, i) => expect(pct).toBeGreaterThanOrEqual(all(onFoot)[i] - 1e-9));
    // E00069587's 2 of 57 households without a car (117 × 2/57 = 4.1 residents) move from over 25 minutes to within 25.
    expect(all(byBus)[4]).toBeGreaterThan(all(onFoot)[4] + 1e-6);
  });
});

describe('public transport as a column group of the band table', () => {
  type Json = { rows: { segmentCode: string | null; cumulativePct: number[] }[]; transit?: { rows: { segmentCode: string | null; cumulativePct: number[] }[]; date: string; depart: string } };
  const bands = async (...extra: string[]) => {
    const r = await cgm('bands', '--project', path, '--service', GP, ...extra);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  it('cgm bands --mode walk stays as it was without --date, and with one adds the columns cgm bands --mode transit gives', async () => {
    const walkCsv = (await bands('--mode', 'walk', '--format', 'csv')).stdout;
    expect(walkCsv.split('\n')[0]).toBe('rank,segment,base,Within 5 min,Within 10 min,Within 15 min,Within 20 min,Within 25 min,Any time,unreachable');
    const walk = JSON.parse((await bands('--mode', 'walk', '--format', 'json')).stdout) as Json;
    expect(walk.transit).toBeUndefined();
    const byBus = JSON.parse((await bands('--mode', 'transit', '--date', '2026-12-07', '--depart', '08:00-09:00', '--format', 'json')).stdout) as Json;
    const both = JSON.parse((await bands('--mode', 'walk', '--date', '2026-12-07', '--depart', '08:00-09:00', '--format', 'json')).stdout) as Json;
    // The road columns are the walk table's; the group is the transit table's, row for row.
    expect(both.rows).toEqual(walk.rows);
    expect(both.transit!.rows.map((r) => [r.segmentCode, r.cumulativePct])).toEqual(byBus.rows.map((r) => [r.segmentCode, r.cumulativePct]));
    expect(both.transit).toMatchObject({ date: '2026-12-07', depart: '08:00-09:00' });

    const csv = await bands('--mode', 'walk', '--date', '2026-12-07', '--format', 'csv');
    const [header, ...lines] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe(`${walkCsv.split('\n')[0]},Public transport: Within 5 min,Public transport: Within 10 min,Public transport: Within 15 min,Public transport: Within 20 min,Public transport: Within 25 min,Public transport: Any time,Public transport: unreachable`);
    const allLine = lines.find((l) => l.includes('All population'))!.split(',');
    const allBus = byBus.rows.find((r) => r.segmentCode === null)!.cumulativePct;
    // Columns 10..15 are the public-transport cumulative % of the whole population.
    expect(allLine.slice(10, 16).map(Number)).toEqual(allBus.map((p) => Number(p.toFixed(1))));
    expect(csv.stderr).toContain('public transport on 2026-12-07, leaving 08:00-09:00');
  });

  it('the bands CSV export carries the same group when a day is chosen, and only then', async () => {
    const out = join(tmp.dir, 'bands.csv');
    const exported = async (...extra: string[]) => {
      const r = await cgm('export', 'csv', '--project', path, '--table', 'bands', '--service', GP, '--out', out, ...extra);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const plain = await exported();
    expect(plain).not.toContain('transit_');
    const withBus = await exported('--date', '2026-12-07', '--depart', '08:00-09:00');
    const header = withBus.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toBe('rank,segment_code,segment_name,base,pct_within_5_min,pct_within_10_min,pct_within_15_min,pct_within_20_min,pct_within_25_min,pct_all,unreachable,' +
      'transit_pct_within_5_min,transit_pct_within_10_min,transit_pct_within_15_min,transit_pct_within_20_min,transit_pct_within_25_min,transit_pct_all,transit_unreachable,public_transport');
    expect(withBus).toContain('Public transport on 2026-12-07, leaving 08:00-09:00: median door-to-site time');
    const byBus = JSON.parse((await cgm('bands', '--project', path, '--service', GP, '--mode', 'transit', '--date', '2026-12-07', '--format', 'json')).stdout) as Json;
    const cells = withBus.split('\r\n').find((l) => l.includes(',ALL,'))!.split(',');
    const at = header.split(',').indexOf('transit_pct_within_25_min');
    expect(Number(cells[at])).toBeCloseTo(byBus.rows.find((r) => r.segmentCode === null)!.cumulativePct[4], 1);
  });
});

describe('transit isochrones as an export layer', () => {
  it('are listed, need a day, and band the areas by their median journey without overlap', async () => {
    const out = join(tmp.dir, 'transit.geojson');
    const refused = await cgm('export', 'geojson', '--project', path, '--layer', 'transit_isochrones', '--service', GP, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('transit isochrones need a day and a departure window');
    const r = await cgm('export', 'geojson', '--project', path, '--layer', 'transit_isochrones', '--service', GP, '--date', '2026-12-07', '--depart', '08:00-09:00', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const bands = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { minutes: number; fromMinutes: number; areas: number } }[] };
    // Independently: each area's median journey from the transit times, counted into the same 5-minute rings.
    const project = openProject(path);
    let times: (number | null)[];
    try {
      times = projectTransitTimes(project, { service: GP, date: '2026-12-07', window: { from: 8 * 3600, to: 9 * 3600 } }).areas.map((a) => a.seconds);
    } finally {
      project.close();
    }
    const expected = [5, 10, 15, 20, 25].map((limit) => ({ minutes: limit, areas: times.filter((s) => s !== null && s <= limit * 60 && s > (limit - 5) * 60 - (limit === 5 ? 1 : 0)).length }));
    expect(bands.features.map((f) => ({ minutes: f.properties.minutes, areas: f.properties.areas }))).toEqual(expected.filter((e) => e.areas > 0));
    expect(bands.features.every((f) => f.properties.fromMinutes === f.properties.minutes - 5)).toBe(true);
    // Not an empty answer agreeing with an empty one: most bands hold areas.
    expect(bands.features.length).toBeGreaterThanOrEqual(3);
  });
});

describe('departures during the sites’ opening hours, on Rutland', () => {
  it('needs every site’s hours, then counts only journeys that reach a surgery while it is open', async () => {
    const bands = (...extra: string[]) => cgm('bands', '--project', path, '--service', GP, '--mode', 'transit', '--date', '2026-12-07', '--format', 'json', ...extra);
    const refused = await bands('--depart', 'opening-hours');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('departures during opening hours need every site\'s hours');
    // Every practice open 08:00-08:20 only: the bus (every 10 minutes, 6 to ride) leaves E00069587 at most 20 minutes to arrive.
    const hours = join(tmp.dir, 'hours.csv');
    writeFileSync(hours, ['code,opening_hours', ...GP_CODES.map((c) => `${c},Mo-Su 08:00-08:20`)].join('\n') + '\n');
    const imported = await cgm('import', 'site-hours', '--project', path, '--service', GP, '--file', hours);
    expect(imported.code, imported.stderr).toBe(0);
    const project = openProject(path);
    try {
      const at = (window: Parameters<typeof projectTransitTimes>[1]['window']) =>
        projectTransitTimes(project, { service: GP, date: '2026-12-07', window, level: 'OA' }).areas.find((a) => a.code === AREA)!.seconds;
      // Leaving 08:00-08:20 with the surgery never closing: a median journey of about 16 minutes.
      const plain = at({ from: 8 * 3600, to: 8 * 3600 + 20 * 60 });
      expect(plain! / 60).toBeGreaterThan(6);
      expect(plain! / 60).toBeLessThan(20);
      // While it is open (the same 20 departure minutes): the bus leaving the village at 08:20 reaches the surgery after it
      // shuts, so only those leaving home in time for the 08:10 bus (10 minutes less the walk to the stop: fewer than 10 of
      // the 20) get there open; most departures have no journey, so there is no median.
      expect(at('opening-hours')).toBeNull();
    } finally {
      project.close();
    }
  });
});
