import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { loadDemoTown } from './demo-town-fixture';

const town = loadDemoTown();

/** Shoelace on lon/lat: positive for counter-clockwise rings (RFC 7946 exteriors). */
function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

describe('demo town zones', () => {
  it('has OA-like and LSOA-like zone counts', () => {
    expect(town.oas.features.length).toBeGreaterThanOrEqual(220);
    expect(town.oas.features.length).toBeLessThanOrEqual(280);
    expect(town.lsoas.features.length).toBeGreaterThanOrEqual(40);
    expect(town.lsoas.features.length).toBeLessThanOrEqual(60);
  });

  it('uses X-prefixed codes and ONS-style LSOA names', () => {
    for (const f of town.oas.features) {
      expect(f.properties.OA11CD).toMatch(/^X00\d{6}$/);
      expect(Object.keys(f.properties).sort()).toEqual(['LSOA11CD', 'OA11CD']);
    }
    for (const f of town.lsoas.features) {
      expect(f.properties.LSOA11CD).toMatch(/^X01\d{6}$/);
      expect(f.properties.LSOA11NM).toMatch(/^Kestrelford \d{3}[A-Z]$/);
    }
    expect(new Set(town.oas.features.map((f) => f.properties.OA11CD)).size).toBe(town.oas.features.length);
  });

  it('draws every zone as a valid polygon, counter-clockwise, at 6 dp', () => {
    for (const f of [...town.oas.features, ...town.lsoas.features]) {
      expect(turf.booleanValid(f), JSON.stringify(f.properties)).toBe(true);
      expect(turf.kinks(f).features).toHaveLength(0);
      const [outer, ...holes] = f.geometry.coordinates;
      expect(signedArea(outer)).toBeGreaterThan(0);
      for (const h of holes) expect(signedArea(h)).toBeLessThan(0);
      for (const [lon, lat] of outer) {
        expect(Math.round(lon * 1e6) / 1e6).toBe(lon);
        expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
        expect(lat).toBeGreaterThan(52.9);
        expect(lat).toBeLessThan(53.2);
        expect(lon).toBeGreaterThan(-0.7);
        expect(lon).toBeLessThan(-0.35);
      }
    }
  });

  it('tiles the town with OAs, without gaps or overlaps', () => {
    const sum = town.oas.features.reduce((s, f) => s + turf.area(f), 0);
    const union = turf.union(turf.featureCollection(town.oas.features))!;
    expect(union.geometry.type).toBe('Polygon');
    // A gap would show up as a hole, an overlap as area counted twice.
    expect(union.geometry.coordinates).toHaveLength(1);
    expect(Math.abs(sum - turf.area(union)) / sum).toBeLessThan(1e-6);
  });

  it('makes each LSOA exactly the union of its OAs, with contiguous members', () => {
    for (const lsoa of town.lsoas.features) {
      const members = town.oas.features.filter((f) => f.properties.LSOA11CD === lsoa.properties.LSOA11CD);
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.length).toBeLessThanOrEqual(10);
      const union = turf.union(turf.featureCollection(members))!;
      expect(union.geometry.type, lsoa.properties.LSOA11CD).toBe('Polygon');
      const memberArea = members.reduce((s, f) => s + turf.area(f), 0);
      expect(Math.abs(turf.area(lsoa) - memberArea) / memberArea).toBeLessThan(1e-6);
    }
  });

  it('gives every OA 150-450 usual residents, 50-80k in all', () => {
    const rows = town.csv('population.csv');
    expect(town.csvHeader('population.csv')).toEqual(['oa_code', 'usual_residents']);
    expect(rows.map((r) => r.oa_code).sort()).toEqual(town.oas.features.map((f) => f.properties.OA11CD).sort());
    for (const r of rows) {
      expect(r.usual_residents).toMatch(/^\d+$/);
      expect(Number(r.usual_residents)).toBeGreaterThanOrEqual(150);
      expect(Number(r.usual_residents)).toBeLessThanOrEqual(450);
    }
    const total = rows.reduce((s, r) => s + Number(r.usual_residents), 0);
    expect(total).toBeGreaterThanOrEqual(50_000);
    expect(total).toBeLessThanOrEqual(80_000);
  });

  it('describes the 2011 OAC supergroups and assigns one to every OA, in clusters', () => {
    expect(town.csvHeader('oac_segments.csv')).toEqual(['code', 'name', 'parent_code', 'level', 'colour', 'description']);
    const segments = town.csv('oac_segments.csv');
    const supergroups = segments.filter((s) => s.level === 'supergroup');
    expect(supergroups.map((s) => s.name)).toEqual([
      'Rural Residents', 'Cosmopolitans', 'Ethnicity Central', 'Multicultural Metropolitans',
      'Urbanites', 'Suburbanites', 'Constrained City Dwellers', 'Hard-Pressed Living',
    ]);
    for (const s of segments) expect(s.colour).toMatch(/^#[0-9A-F]{6}$/);
    const groups = segments.filter((s) => s.level === 'group');
    for (const g of groups) expect(g.code.startsWith(g.parent_code)).toBe(true);

    expect(town.csvHeader('oac_assignments.csv')).toEqual(['oa_code', 'supergroup', 'group']);
    const assignments = town.csv('oac_assignments.csv');
    expect(assignments).toHaveLength(town.oas.features.length);
    const groupCodes = new Set(groups.map((g) => g.code));
    for (const a of assignments) {
      expect(groupCodes.has(a.group)).toBe(true);
      expect(a.group.startsWith(a.supergroup)).toBe(true);
    }
    expect(new Set(assignments.map((a) => a.supergroup)).size).toBe(8);

    // Clustering: most OAs share their supergroup with the nearest other OA.
    const sg = new Map(assignments.map((a) => [a.oa_code, a.supergroup]));
    const centres = town.oas.features.map((f) => ({ code: f.properties.OA11CD, c: turf.centroid(f).geometry.coordinates }));
    let same = 0;
    for (const a of centres) {
      const nearest = centres
        .filter((b) => b !== a)
        .sort((x, y) => Math.hypot(x.c[0] - a.c[0], x.c[1] - a.c[1]) - Math.hypot(y.c[0] - a.c[0], y.c[1] - a.c[1]))[0];
      if (sg.get(nearest.code) === sg.get(a.code)) same++;
    }
    expect(same / centres.length).toBeGreaterThan(0.6);
  });

  it('labels the smoking rates as illustrative prevalences per supergroup', () => {
    expect(town.csvHeader('smoking_rates.csv')).toEqual(['segment_code', 'prevalence']);
    const rates = town.csv('smoking_rates.csv');
    expect(rates.map((r) => r.segment_code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    for (const r of rates) {
      expect(Number(r.prevalence)).toBeGreaterThan(0);
      expect(Number(r.prevalence)).toBeLessThan(0.5);
    }
  });
});
