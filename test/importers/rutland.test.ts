// Imports the real Rutland data (read in place, never copied) and checks the
// published counts, including the real 2011->2021 mismatch of 5 OAs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeatures } from '../../electron/store/gpkg';
import type { Project } from '../../electron/store/project';
import {
  importAssignments, importBoundaries, importPopulation, importPostcodes, importRates, importSegments, importSites,
} from '../../electron/importers/index';
import { RUTLAND, bytes, count, newProject, tempDir } from './helpers';

const MISSING = ['E00069555', 'E00069606', 'E00069608', 'E00069624', 'E00069644'];

describe('Rutland real data', () => {
  const tmp = tempDir();
  let p: Project;
  beforeAll(() => { p = newProject(tmp.dir); });
  afterAll(() => { p.close(); tmp.cleanup(); });

  it('imports 2011 LSOA and OA boundaries with the OA -> LSOA hierarchy', async () => {
    const lsoa = await importBoundaries(p, RUTLAND + 'lsoa11_boundaries.geojson', { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
    expect(lsoa).toMatchObject({ rowsRead: 23, imported: 23, warnings: [] });
    const oa = await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
    expect(oa).toMatchObject({ rowsRead: 116, imported: 116, warnings: [] });
    expect(count(p, 'SELECT count(*) FROM area_oa')).toBe(116);
    expect(count(p, 'SELECT count(DISTINCT parent_code) FROM area_oa')).toBe(23);
    expect(p.db.prepare('SELECT level, parent_level FROM cgm_geographies ORDER BY rank').all()).toEqual([
      { level: 'OA', parent_level: 'LSOA' }, { level: 'LSOA', parent_level: null },
    ]);
    expect(readFeatures(p.db, 'area_lsoa').features.find((f) => f.properties?.code === 'E01013787')?.properties?.name).toBe('Rutland 005A');
  });

  it('imports OAC 2021 and reports the 5 OAs with no assignment', async () => {
    const s = await importAssignments(p, RUTLAND + 'oac2021_by_oa.csv', { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
    expect(s.imported).toBe(111);
    expect(s.warnings[0]).toBe(`5 of 116 OA boundaries have no OAC 2021 assignment: ${MISSING.join(', ')}`);
    const bySupergroup = p.db.prepare("SELECT segment_code, count(*) n FROM cgm_assignments WHERE scheme = 'OAC 2021' GROUP BY 1 ORDER BY 1").all();
    expect(bySupergroup).toEqual([{ segment_code: '1', n: 37 }, { segment_code: '2', n: 54 }, { segment_code: '6', n: 11 }, { segment_code: '7', n: 9 }]);
  });

  it('imports Census 2021 population: 111 OAs, 35,594 residents, same 5 missing', async () => {
    const s = await importPopulation(p, RUTLAND + 'population_census2021_ts001_by_oa.csv', { areaField: 'oa_code', countField: 'usual_residents' });
    expect(s).toMatchObject({ imported: 111, details: { total: 35594 } });
    expect(s.warnings.join()).toContain(MISSING.join(', '));
    expect(count(p, "SELECT sum(count) FROM cgm_population WHERE base_kind = 'persons'")).toBe(35594);
  });

  it('imports Code-Point postcodes with their OA', async () => {
    const s = await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv');
    expect(s).toMatchObject({ rowsRead: 1207, imported: 1207, details: { areaSource: 'column "oa11cd"' } });
    expect(p.db.prepare("SELECT area_code, status FROM cgm_postcodes WHERE postcode = 'LE15 0AQ'").get()).toEqual({ area_code: 'E00069606', status: 'live' });
    // 1,086 of 1,207 postcodes sit in an OA with an OAC 2021 assignment (README).
    expect(count(p, "SELECT count(*) FROM cgm_postcodes JOIN cgm_assignments a ON a.area_code = cgm_postcodes.area_code AND a.scheme = 'OAC 2021'")).toBe(1086);
  });

  it('assigns postcodes by point in polygon from easting/northing when the file has no area column', async () => {
    const s = await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv', { eastingField: 'easting', northingField: 'northing', areaField: undefined, postcodeField: 'postcode' });
    expect(s.details?.location).toBe('easting/northing (EPSG:27700)');
    // Code-Point's own oa11cd came from point-in-polygon on the same boundaries.
    expect(s.imported).toBeGreaterThan(1190);
  });

  it('imports OSM services (GeoJSON) and active NHS GP practices (CSV) as sites', async () => {
    expect((await importSites(p, RUTLAND + 'osm_services.geojson', { service: 'OSM services', typeField: 'category' })).imported).toBe(21);
    const gp = await importSites(p, RUTLAND + 'nhs_ods_epraccur_in_area.csv', { service: 'GP', where: 'status_code=A,prescribing_setting=4' });
    expect(gp.imported).toBe(4);
    expect(count(p, "SELECT count(*) FROM service_sites WHERE service = 'GP'")).toBe(4);
    expect(count(p, "SELECT count(*) FROM service_sites WHERE type = 'amenity=doctors'")).toBeGreaterThan(0);
  });

  it('re-import replaces: a site file imported twice keeps one copy', async () => {
    await importSites(p, RUTLAND + 'osm_services.geojson', { service: 'OSM services' });
    expect(count(p, "SELECT count(*) FROM service_sites WHERE service = 'OSM services'")).toBe(21);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
    expect(count(p, 'SELECT count(*) FROM area_oa')).toBe(116);
    expect(count(p, "SELECT count(*) FROM cgm_datasets WHERE kind = 'boundaries'")).toBe(2);
  });

  it('imports segment definitions and rates given as an index with a reference prevalence', async () => {
    const defs = 'code,name,colour\n1,Supergroup 1,#1b9e77\n2,Supergroup 2,d95f02\n6,Supergroup 6,#7570b3\n7,Supergroup 7,#e7298a\n';
    await importSegments(p, { name: 'oac-defs.csv', data: bytes(defs) }, { scheme: 'OAC 2021', level: 'supergroup' });
    expect(p.db.prepare("SELECT colour FROM cgm_segments WHERE scheme = 'OAC 2021' AND code = '2'").pluck().get()).toBe('#d95f02');
    const s = await importRates(p, { name: 'idx.csv', data: bytes('segment,index\n1,80\n2,100\n6,150\n7,120\n') }, { indicator: 'Test index', segmentField: 'segment', indexField: 'index', referenceRate: '14%' });
    expect(s.imported).toBe(4);
    expect(p.db.prepare("SELECT prevalence FROM cgm_rates WHERE indicator = 'Test index' AND segment_code = '6'").pluck().get()).toBeCloseTo(0.21);
    const r = await importRates(p, { name: 'pct.csv', data: bytes('segment;rate\n1;12,5%\n2;9\n') }, { indicator: 'Pct', segmentField: 'segment', rateField: 'rate' });
    expect(r.rejected).toEqual({});
    expect(p.db.prepare("SELECT prevalence FROM cgm_rates WHERE indicator = 'Pct' AND segment_code = '2'").pluck().get()).toBeCloseTo(0.09);
  });
});
