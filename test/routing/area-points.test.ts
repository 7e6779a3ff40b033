// One point per area (electron/routing/project-inputs.ts areaPoints): the mean
// of its live postcodes, else a point inside its polygon. Polygons are now read
// only for the areas without postcodes (by their codes), so an area on each
// side of that line is checked against what the rule gives, worked out here
// from the stored rows with turf's pointOnFeature.
import { pointOnFeature } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaPoints } from '../../electron/routing/project-inputs';
import { readFeatures } from '../../electron/store/gpkg';
import { buildDemoRoutingProject, type DemoProject } from './demo-project';

describe('area points', () => {
  let demo: DemoProject;
  beforeAll(async () => {
    demo = await buildDemoRoutingProject();
  });
  afterAll(() => demo?.project.close());

  it('takes the postcodes from the directory\'s index, to the last bit as from its table (a directory imported before schema 12)', () => {
    const { db } = demo.project;
    expect(db.prepare('SELECT lons IS NOT NULL FROM cgm_postcode_index').pluck().get()).toBe(1);
    const fromIndex = areaPoints(demo.project).points;
    db.prepare('UPDATE cgm_postcode_index SET lons = NULL, lats = NULL').run();
    expect(areaPoints(demo.project).points).toEqual(fromIndex);
    expect(fromIndex.filter((p) => p.source === 'postcodes').length).toBeGreaterThan(fromIndex.length / 2);
  });

  it('the mean of live postcodes where an area has them, a point inside the polygon where it has none', () => {
    const { db } = demo.project;
    const areas = readFeatures(db, 'area_oa', { columns: ['code'] }).features;
    // Three areas lose their postcodes; the index goes too, so the directory is read from its table.
    const bare = areas.slice(0, 3).map((f) => String(f.properties!.code));
    db.prepare("DELETE FROM cgm_postcodes WHERE area_code IN (SELECT value FROM json_each(?))").run(JSON.stringify(bare));
    db.prepare('DELETE FROM cgm_postcode_index').run();
    const { points } = areaPoints(demo.project);
    expect(points.length).toBe(areas.length);
    expect(points.map((p) => p.code)).toEqual(areas.map((f) => String(f.properties!.code)).sort());
    for (const code of bare) {
      const polygon = areas.find((f) => f.properties!.code === code)!;
      const p = points.find((x) => x.code === code)!;
      expect(p.source).toBe('point-on-surface');
      expect([p.lon, p.lat]).toEqual(pointOnFeature(polygon).geometry.coordinates);
    }
    const withPostcodes = points.filter((p) => !bare.includes(p.code));
    expect(withPostcodes.every((p) => p.source === 'postcodes')).toBe(true);
    const sample = withPostcodes[0];
    const rows = db.prepare("SELECT lon, lat FROM cgm_postcodes WHERE status = 'live' AND area_code = ? AND lon IS NOT NULL").all(sample.code) as { lon: number; lat: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(sample.lon).toBeCloseTo(rows.reduce((s, r) => s + r.lon, 0) / rows.length, 12);
    expect(sample.lat).toBeCloseTo(rows.reduce((s, r) => s + r.lat, 0) / rows.length, 12);
  });
});
