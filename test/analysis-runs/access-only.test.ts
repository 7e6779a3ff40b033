// Issue 16 on real Rutland data (gapScenario({ accessOnly }) in test/support/rutland-project.ts): boundaries,
// OAC 2021, TS001 residents, postcodes, the four active GP practices and the OSM
// roads, but no users and no need indicator. Coverage, the band table and the
// isochrones must work from the service and the mode alone.
//
// Independent answers: each area's minutes are rebuilt from `cgm traveltime`
// (the routing engine run on the .osm.pbf itself, once per practice) plus the
// snapping legs; the band table is summed here from the TS001 and OAC files.
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../shared/travel/profiles';
import { serviceAccess } from '../../electron/routing/service-access';
import { buildSnapIndex } from '../../electron/routing/snap';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { openProject } from '../../electron/store/project';
import { cgm, parseCsv } from './fixture';
import { buildRutland, gapScenario, GP as SERVICE, oac, RUTLAND, type RutlandProject } from '../support/rutland-project';
import { handlerCall } from '../support/handler-call';

const LIMITS = [5, 10, 15, 20, 25];
let rutland: RutlandProject;
let dir: string;
let project: string;
let session: ProjectSession;
const call = handlerCall(() => createHandlers(session));

beforeAll(async () => {
  rutland = await buildRutland(gapScenario({ accessOnly: true }));
  rutland.project.close();
  ({ dir, path: project } = rutland);
  session = new ProjectSession(project);
}, 180_000);
afterAll(() => {
  session?.close();
  rutland?.cleanup();
});

const residents = new Map(
  readFileSync(join(RUTLAND, 'population_census2021_ts001_by_oa.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => {
    const [code, n] = l.split(',');
    return [code, Number(n)] as const;
  }),
);

/** Seconds from the nearest practice to each area, from `cgm traveltime` run once per practice. */
async function minutesFromTraveltime(mode: 'walk' | 'drive') {
  const opened = openProject(project);
  try {
    const access = serviceAccess(opened, { service: SERVICE, profile: defaultProfile(mode), existingOnly: true });
    const snapper = buildSnapIndex(access.graph);
    const perSite = [];
    for (const site of access.sites.filter((s) => s.snap)) {
      const r = await cgm('traveltime', '--network', join(RUTLAND, 'rutland-latest.osm.pbf'), '--mode', mode, '--from-node', String(access.graph.nodeIds[site.snap!.node]));
      expect(r.code, r.stderr).toBe(0);
      perSite.push({ name: site.name, offset: site.snap!.seconds, seconds: JSON.parse(r.stdout) as Record<string, number> });
    }
    expect(perSite).toHaveLength(4);
    const out = new Map<string, { minutes: number | null; site: string | null }>();
    for (const a of access.areas) {
      const snap = snapper.snap(a.lon, a.lat)!;
      const osmId = String(access.graph.nodeIds[snap.node]);
      let best = { seconds: Infinity, site: null as string | null };
      for (const s of perSite) {
        const t = s.seconds[osmId] === undefined ? Infinity : s.offset + s.seconds[osmId];
        if (t < best.seconds) best = { seconds: t, site: s.name };
      }
      out.set(a.code, Number.isFinite(best.seconds) ? { minutes: (best.seconds + snap.seconds) / 60, site: best.site } : { minutes: null, site: null });
    }
    return out;
  } finally {
    opened.close();
  }
}

/** The band table summed by hand: TS001 residents per area, the area's OAC segment, ≤ limit counts as within. */
function handBands(minutes: Map<string, number | null>, level: 'subgroup' | 'supergroup') {
  const bySegment = new Map<string, { base: number; within: number[] }>();
  for (const r of oac()) {
    const code = r[level];
    const n = residents.get(r.oa_code)!;
    const s = bySegment.get(code) ?? { base: 0, within: LIMITS.map(() => 0) };
    s.base += n;
    const m = minutes.get(r.oa_code);
    LIMITS.forEach((l, i) => {
      if (m !== null && m !== undefined && m <= l) s.within[i] += n;
    });
    bySegment.set(code, s);
  }
  return bySegment;
}

type BandRowJson = { rank: number | null; segmentCode: string | null; base: number; cumulativePct: number[]; need?: unknown; prevalence?: unknown };

describe('access-only analysis on Rutland: no users, no indicator (issue 16)', () => {
  let walk: Map<string, { minutes: number | null; site: string | null }>;

  it('coverage: each area’s minutes are the nearest practice’s by cgm traveltime, from the point the legend names', async () => {
    walk = await minutesFromTraveltime('walk');
    const coverage = await call('getAccessCoverage', { service: SERVICE, mode: 'walk' });
    // Every OA boundary (116; the OAC lookup covers 111 of them).
    expect(coverage.rows).toHaveLength(JSON.parse(readFileSync(join(RUTLAND, 'oa11_boundaries.geojson'), 'utf8')).features.length);
    expect(coverage.measuredFrom).toContain('mean of its postcodes');
    for (const row of coverage.rows) {
      const expected = walk.get(row.code)!;
      if (expected.minutes === null) {
        expect(row).toMatchObject({ minutes: null, unreachable: true, nearestSite: null });
      } else {
        expect(row.minutes).toBeCloseTo(expected.minutes, 6);
        expect(row.unreachable).toBe(false);
        expect(row.nearestSite).toBe(expected.site);
      }
    }
    // Rutland is rural: walking, some areas are over 25 minutes from every practice and some within 5.
    const values = coverage.rows.flatMap((r) => (r.minutes === null ? [] : [r.minutes]));
    expect(Math.min(...values)).toBeLessThan(5);
    expect(Math.max(...values)).toBeGreaterThan(25);
  }, 180_000);

  it('cgm bands without --indicator: every segment’s cumulative % equals TS001 × OAC summed by hand; no need column', async () => {
    const minutes = new Map([...walk].map(([k, v]) => [k, v.minutes]));
    for (const level of ['subgroup', 'supergroup'] as const) {
      const r = await cgm('bands', '--project', project, '--service', SERVICE, '--mode', 'walk', '--segment-level', level, '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { indicator: string | null; rows: BandRowJson[] };
      expect(out.indicator).toBeNull();
      const hand = handBands(minutes, level);
      const segments = out.rows.filter((x) => x.segmentCode !== null);
      expect(segments.map((x) => x.segmentCode).sort()).toEqual([...hand.keys()].sort());
      for (const row of segments) {
        const h = hand.get(row.segmentCode!)!;
        expect(row.base).toBe(h.base);
        h.within.forEach((w, i) => expect(row.cumulativePct[i]).toBeCloseTo((100 * w) / h.base, 9));
        expect(row.cumulativePct[LIMITS.length]).toBe(100);
        expect('need' in row || 'prevalence' in row).toBe(false);
      }
      // Without rates the largest base ranks first.
      const bases = segments.map((x) => x.base);
      expect(bases).toEqual([...bases].sort((a, b) => b - a));
      const all = out.rows.find((x) => x.segmentCode === null)!;
      expect(all.base).toBe([...residents.values()].reduce((a, b) => a + b, 0));
    }
    const csv = await cgm('bands', '--project', project, '--service', SERVICE, '--mode', 'walk', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(Object.keys(parseCsv(csv.stdout)[0])).toEqual(['rank', 'segment', 'base', 'Within 5 min', 'Within 10 min', 'Within 15 min', 'Within 20 min', 'Within 25 min', 'Any time', 'unreachable']);
  }, 120_000);

  it('the app’s band table is the same table, without need', async () => {
    const app = await call('getBandTable', { service: SERVICE, mode: 'walk' });
    const r = await cgm('bands', '--project', project, '--service', SERVICE, '--mode', 'walk', '--format', 'json');
    const cli = JSON.parse(r.stdout) as { rows: BandRowJson[] };
    expect(app.indicator).toBeNull();
    expect(app.rows.map((x) => [x.segmentCode, x.base, x.cumulativePct])).toEqual(cli.rows.map((x) => [x.segmentCode, x.base, x.cumulativePct]));
    expect(app.rows.every((x) => x.need === null)).toBe(true);
  }, 120_000);

  it('cgm export csv --table bands (the Export dialog’s table) needs no indicator either, and has no need column', async () => {
    const out = join(dir, 'bands.csv');
    const e = await cgm('export', 'csv', '--project', project, '--table', 'bands', '--service', SERVICE, '--mode', 'walk', '--out', out);
    expect(e.code, e.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header).not.toContain('need');
    expect(header.slice(0, 4)).toEqual(['rank', 'segment_code', 'segment_name', 'base']);
    const r = await cgm('bands', '--project', project, '--service', SERVICE, '--mode', 'walk', '--format', 'json');
    const all = (JSON.parse(r.stdout) as { rows: BandRowJson[] }).rows.find((x) => x.segmentCode === null)!;
    const allRow = Object.fromEntries(lines.find((l) => l.includes(',ALL,'))!.split(',').map((v, i) => [header[i], v]));
    LIMITS.forEach((l, i) => expect(Number(allRow[`pct_within_${l}_min`])).toBe(Math.round(all.cumulativePct[i] * 10) / 10));
  }, 60_000);

  it('cgm export png --layer coverage draws the coverage layer (no indicator asked for), its legend saying where minutes are measured from', async () => {
    const out = join(dir, 'coverage.png');
    const r = await cgm('export', 'png', '--project', project, '--layer', 'coverage', '--mode', 'drive', '--size', 'screen', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { layers: string[]; text: { title: string; subtitle: string } };
    expect(report.layers).toContain('coverage');
    expect(report.layers).not.toContain('segments');
    expect(report.text.title).toBe('Minutes to the nearest site');
    expect(report.text.subtitle).toContain('driving');
    expect(report.text.subtitle).toContain('mean of its postcodes');
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  }, 300_000);

  it('cgm isochrones --rings incremental and cgm export geojson --layer isochrones: one band per limit, the same rings, none overlapping', async () => {
    const iso = join(dir, 'iso.geojson');
    const r = await cgm('isochrones', '--project', project, '--service', SERVICE, '--mode', 'walk', '--minutes', LIMITS.join(','), '--rings', 'incremental', '--out', iso);
    expect(r.code, r.stderr).toBe(0);
    const exported = join(dir, 'exported.geojson');
    const e = await cgm('export', 'geojson', '--project', project, '--layer', 'isochrones', '--service', SERVICE, '--mode', 'walk', '--out', exported);
    expect(e.code, e.stderr).toBe(0);
    type Fc = { features: { properties: { minutes: number }; geometry: { type: string; coordinates: number[][][][] } }[] };
    const a = JSON.parse(readFileSync(iso, 'utf8')) as Fc;
    const b = JSON.parse(readFileSync(exported, 'utf8')) as Fc;
    expect(a.features.map((f) => f.properties.minutes)).toEqual(LIMITS);
    expect(b.features.map((f) => f.properties.minutes)).toEqual(LIMITS);
    // The exported bands tile the reached area, as the map draws them: no place is in two bands.
    for (let i = 0; i < b.features.length; i++) {
      for (let j = i + 1; j < b.features.length; j++) {
        const both = turf.intersect(turf.featureCollection([b.features[i], b.features[j]] as never) as never);
        expect(both ? turf.area(both) : 0, `bands ${LIMITS[i]} and ${LIMITS[j]} overlap`).toBeLessThan(1);
      }
    }
    // The GeoPackage export takes the same layer, one row per band.
    const gpkg = join(dir, 'iso.gpkg');
    const g = await cgm('export', 'gpkg', '--project', project, '--layers', 'isochrones,area_oa', '--service', SERVICE, '--mode', 'walk', '--out', gpkg);
    expect(g.code, g.stderr).toBe(0);
    const opened = openProject(gpkg);
    try {
      expect(opened.db.prepare('SELECT minutes FROM isochrones ORDER BY minutes').pluck().all()).toEqual(LIMITS);
    } finally {
      opened.close();
    }
    a.features.forEach((f, i) => {
      const g = b.features[i].geometry;
      expect(g.type).toBe('MultiPolygon');
      expect(g.coordinates.map((p) => p.length)).toEqual(f.geometry.coordinates.map((p) => p.length));
      const [lon, lat] = f.geometry.coordinates[0][0][0];
      const [lon2, lat2] = g.coordinates[0][0][0];
      expect(Math.abs(lon - lon2)).toBeLessThan(1e-6);
      expect(Math.abs(lat - lat2)).toBeLessThan(1e-6);
    });
  }, 120_000);
});
