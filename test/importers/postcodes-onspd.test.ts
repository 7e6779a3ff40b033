// ONSPD/NSPL layout (pcd/pcds, doterm, oa11 + oa21, lat 99.999999 for "no grid
// reference"): only study-area rows kept, the best-matching area column chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../electron/store/project';
import { importBoundaries, importPostcodes } from '../../electron/importers/index';
import { RUTLAND, bytes, newProject, tempDir } from './helpers';

// Real Rutland postcodes and OAs (from Code-Point in the shared data), laid out as ONSPD.
const ONSPD = [
  'pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,oa11,lsoa11,oa21,lat,long',
  'LE150AQ,LE15 0AQ,LE15 0AQ,198001,,486137,308843,E00069606,E01013799,E00999999,52.670462,-0.727611',
  'LE156NT,LE15 6NT,LE15 6NT,198001,201301,,,E00069613,E01013801,E00999998,99.999999,0.000000',
  'LS2 9AE,LS2  9AE,LS2 9AE,198001,,429697,434521,E00058810,E01033005,E00999997,53.807748,-1.549945',
  'ZZ993VZ,ZZ99 3VZ,ZZ99 3VZ,198001,,,,,,,99.999999,0.000000',
];

describe('ONSPD-style postcode directory', () => {
  const tmp = tempDir();
  let p: Project;
  beforeAll(async () => {
    p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  it('keeps the study area, marks terminated postcodes and picks oa11', async () => {
    const s = await importPostcodes(p, { name: 'ONSPD_LE.csv', data: bytes(ONSPD.join('\n')) }, { postcodeField: 'pcds' });
    expect(s).toMatchObject({ rowsRead: 4, imported: 2, rejected: { 'outside study area': 2 }, details: { areaSource: 'column "oa11"', terminated: 1 } });
    expect(p.db.prepare('SELECT postcode, area_code, status, lat FROM cgm_postcodes ORDER BY postcode').all()).toEqual([
      { postcode: 'LE15 0AQ', area_code: 'E00069606', status: 'live', lat: 52.670462 },
      { postcode: 'LE15 6NT', area_code: 'E00069613', status: 'terminated', lat: null },
    ]);
  });

  it('sets aside repeated postcodes, in order and out of it, keeping the first', async () => {
    // Rows 2-6 in postcode order (row 4 repeats row 3: the last kept), then row 7 goes back
    // (no repeat), row 8 repeats row 2 and row 9 row 6, row 10 is new: 6 kept, rows 4, 8 and 9 set aside.
    const [oa1, oa2] = ['E00069606', 'E00069613'];
    const rows = [
      ['LE15 0AQ', oa1, '52.670462', '-0.727611'], ['LE15 6NT', oa2, '52.6', '-0.7'], ['LE15 6NT', oa1, '52.0', '-0.1'],
      ['LE15 7AA', oa1, '52.61', '-0.71'], ['LE15 8AA', oa2, '52.62', '-0.72'], ['LE15 0AB', oa2, '52.63', '-0.73'],
      ['LE15 0AQ', oa2, '52.64', '-0.74'], ['LE15 8AA', oa1, '52.65', '-0.75'], ['LE15 9ZZ', oa1, '52.66', '-0.76'],
    ];
    const csv = ['pcds,oa11,lat,long', ...rows.map((r) => r.join(','))].join('\n');
    const s = await importPostcodes(p, { name: 'repeats.csv', data: bytes(csv) });
    expect(s).toMatchObject({ rowsRead: 9, imported: 6, rejected: { 'duplicate postcode': 3 } });
    expect(s.warnings).toContain('3 rows rejected: duplicate postcode (e.g. row 4, row 8, row 9)');
    expect(p.db.prepare('SELECT postcode, area_code, lat FROM cgm_postcodes ORDER BY postcode').raw().all()).toEqual([
      ['LE15 0AB', oa2, 52.63], ['LE15 0AQ', oa1, 52.670462], ['LE15 6NT', oa2, 52.6], ['LE15 7AA', oa1, 52.61], ['LE15 8AA', oa2, 52.62], ['LE15 9ZZ', oa1, 52.66],
    ]);
  });
});

// Area codes an analyst's own boundaries may carry: a code that does not pack into a number
// (lower case, '_' or '-' past its third character) is still found, in the fast path's prefilter too.
describe('postcode directory with non-GSS area codes', () => {
  const tmp = tempDir();
  let p: Project;
  const codes = ['ZONE_01', 'PCN-A1', 'E01ab', 'E0100001'];
  const square = (x: number) => [[[x, 52], [x + 0.01, 52], [x + 0.01, 52.01], [x, 52.01], [x, 52]]];
  beforeAll(async () => {
    p = newProject(tmp.dir);
    const fc = { type: 'FeatureCollection', features: codes.map((code, i) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: square(-0.7 + i * 0.02) } })) };
    await importBoundaries(p, { name: 'zones.geojson', data: bytes(JSON.stringify(fc)) }, { level: 'zone', codeField: 'code' });
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  it('files each postcode under its code, whatever the code looks like', async () => {
    // Every row lies outside the zones (so only the code column can place it); row 6's ZONE_02 shares
    // ZONE_01's length and first three characters but is no boundary.
    const csv = ['pcds,zone,lat,long', 'LE15 0AA,ZONE_01,53.5,-0.695', 'LE15 0AB,PCN-A1,53.5,-0.675', 'LE15 0AD,E01ab,53.5,-0.655',
      'LE15 0AE,E0100001,53.5,-0.635', 'LE15 0AF,ZONE_02,53.5,-0.695'].join('\n');
    const s = await importPostcodes(p, { name: 'own-codes.csv', data: bytes(csv) }, { areaField: 'zone' });
    expect(s).toMatchObject({ rowsRead: 5, imported: 4, rejected: { 'outside study area': 1 } });
    expect(p.db.prepare('SELECT postcode, area_code FROM cgm_postcodes ORDER BY postcode').raw().all()).toEqual([
      ['LE15 0AA', 'ZONE_01'], ['LE15 0AB', 'PCN-A1'], ['LE15 0AD', 'E01ab'], ['LE15 0AE', 'E0100001'],
    ]);
  });
});
