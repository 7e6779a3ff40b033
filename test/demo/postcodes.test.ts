import * as turf from '@turf/turf';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { UK_POSTCODE, loadDemoTown, oaByCode } from './demo-town-fixture';

const town = loadDemoTown();
const postcodes = town.csv('postcodes.csv');
const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

describe('demo town postcode directory', () => {
  it('has Code-Point-Open-like columns and about 15 postcodes per OA', () => {
    expect(town.csvHeader('postcodes.csv')).toEqual(['postcode', 'easting', 'northing', 'lat', 'lon', 'oa11cd']);
    const perOa = postcodes.length / town.oas.features.length;
    expect(perOa).toBeGreaterThan(10);
    expect(perOa).toBeLessThan(20);
  });

  it('uses unique, well-formed UK postcodes outside any real postcode area', () => {
    for (const p of postcodes) {
      expect(p.postcode).toMatch(UK_POSTCODE);
      expect(p.postcode.startsWith('KF')).toBe(true);
    }
    expect(new Set(postcodes.map((p) => p.postcode)).size).toBe(postcodes.length);
  });

  it('gives grid references that match the lat/lon in British National Grid', () => {
    const toBng = proj4('WGS84', BNG);
    for (const p of postcodes) {
      expect(p.easting).toMatch(/^\d{6}$/);
      expect(p.northing).toMatch(/^\d{6}$/);
      const [e, n] = toBng.forward([Number(p.lon), Number(p.lat)]);
      expect(Math.abs(e - Number(p.easting))).toBeLessThan(1);
      expect(Math.abs(n - Number(p.northing))).toBeLessThan(1);
    }
  });

  it('puts every postcode inside its OA and at least one in every OA', () => {
    const oas = oaByCode(town);
    const seen = new Set<string>();
    for (const p of postcodes) {
      const oa = oas.get(p.oa11cd);
      expect(oa, p.oa11cd).toBeDefined();
      expect(turf.booleanPointInPolygon([Number(p.lon), Number(p.lat)], oa!), p.postcode).toBe(true);
      seen.add(p.oa11cd);
    }
    expect(seen.size).toBe(oas.size);
  });
});
