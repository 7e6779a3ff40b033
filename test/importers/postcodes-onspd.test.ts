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
});
