// Each bad input gives its specific error and leaves the project file
// byte-for-byte unchanged (validation happens before the one write transaction).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openProject } from '../../electron/store/project';
import {
  ImportCancelled, importAssignments, importBoundaries, importPopulation, importRates, importSites, importUsers,
} from '../../electron/importers/index';
import type { ProjectHandle } from '../../electron/importers/project-tables';
import { RUTLAND, bytes, newProject, sha256, tempDir } from './helpers';

const file = (name: string, text: string) => ({ name, data: bytes(text) });
const square = (x: number, y: number) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]];
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (code: string, coordinates: unknown) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates } });

type Case = [string, (p: ProjectHandle) => Promise<unknown>, string | RegExp];

const CASES: Case[] = [
  ['empty CSV', (p) => importPopulation(p, file('pop.csv', ''), { areaField: 'oa_code', countField: 'n' }), 'pop.csv: the file is empty'],
  ['missing column', (p) => importPopulation(p, file('pop.csv', 'oa_code,people\nE00069547,3\n'), { areaField: 'oa_code', countField: 'usual_residents' }),
    'pop.csv row 1: no column "usual_residents" (--count-field); the file has "oa_code", "people"'],
  ['non-numeric count', (p) => importPopulation(p, file('pop.csv', 'oa_code,n\nE00069547,3\nE00069548,lots\n'), { areaField: 'oa_code', countField: 'n' }),
    'pop.csv row 3, field "n": "lots" is not a persons count (expected a number >= 0)'],
  ['duplicate area code', (p) => importPopulation(p, file('pop.csv', 'oa_code,n\nE00069547,3\nE00069547,4\n'), { areaField: 'oa_code', countField: 'n' }),
    'pop.csv row 3, field "oa_code": duplicate area code "E00069547" (also row 2)'],
  ['codes matching no boundary', (p) => importPopulation(p, file('pop.csv', 'oa_code,n\nE99999998,3\nE99999999,4\n'), { areaField: 'oa_code', countField: 'n' }),
    /pop\.csv: none of its 2 area codes match the project's boundaries \(e\.g\. E99999998, E99999999\)/],
  ['conflicting assignment', (p) => importAssignments(p, file('oac.csv', 'oa_code,sg\nE00069547,1\nE00069547,2\n'), { scheme: 'S', areaField: 'oa_code', segmentField: 'sg' }),
    'oac.csv row 3, field "oa_code": area "E00069547" is already assigned to segment "1" on row 2'],
  ['unclosed quote', (p) => importPopulation(p, file('pop.csv', 'oa_code,n\nE00069547,"3\n'), { areaField: 'oa_code', countField: 'n' }),
    'pop.csv row 2, field "n": malformed CSV, a quoted value is never closed (is the file cut short?)'],
  ['truncated GeoJSON', (p) => importBoundaries(p, file('oa.geojson', fc([feature('A', square(-0.7, 52.6))]).slice(0, 80)), { level: 'T', codeField: 'code' }),
    /oa\.geojson: not valid JSON, the file may be truncated/],
  ['duplicate boundary code', (p) => importBoundaries(p, file('oa.geojson', fc([feature('A', square(-0.7, 52.6)), feature('A', square(-0.6, 52.6))])), { level: 'T', codeField: 'code' }),
    'oa.geojson feature 2, field "code": duplicate area code "A" (also feature 1); each area must appear once'],
  ['lat/lon swapped', (p) => importBoundaries(p, file('oa.geojson', fc([feature('A', square(52.6, -0.7))])), { level: 'T', codeField: 'code' }),
    /oa\.geojson: coordinates look like latitude, longitude in the wrong order/],
  ['BNG numbers declared WGS 84', (p) => importBoundaries(p, file('oa.geojson', JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features: [feature('A', square(486000, 308000))] })), { level: 'T', codeField: 'code' }),
    /crs member urn:ogc:def:crs:OGC:1\.3:CRS84 says WGS 84 \(lon\/lat\) but the coordinates .* look like British National Grid metres/],
  ['self-intersecting polygon, repair off', (p) => importBoundaries(p, file('oa.geojson', fc([feature('A', [[[-0.7, 52.6], [-0.6, 52.7], [-0.6, 52.6], [-0.7, 52.7], [-0.7, 52.6]]])])), { level: 'T', codeField: 'code', repair: false }),
    'oa.geojson feature 1 (code "A"): invalid polygon (split a self-intersecting ring would be needed)'],
  ['ring with too few points', (p) => importBoundaries(p, file('oa.geojson', fc([feature('A', [[[-0.7, 52.6], [-0.6, 52.7], [-0.7, 52.6]]])])), { level: 'T', codeField: 'code' }),
    'oa.geojson feature 1 (code "A"): the geometry has a ring with 3 points (a polygon ring needs at least 4)'],
  ['bad opening hours', (p) => importSites(p, file('sites.csv', 'name,lat,lon,opening_hours\nClinic,52.67,-0.72,Mo-Fx 9-5\n'), { service: 'S' }),
    /sites\.csv row 2 \(Clinic\), field "opening_hours": "Mo-Fx 9-5" is not valid OSM opening_hours syntax/],
  ['swapped site coordinates', (p) => importSites(p, file('sites.csv', 'name,lat,lon\nClinic,-0.72,52.67\n'), { service: 'S' }),
    'sites.csv row 2, field "lat": -0.72 is a longitude and "lon" 52.67 a latitude; the lat/lon columns look swapped'],
  ['users before a postcode directory', (p) => importUsers(p, file('users.csv', 'Post Code\nLE15 6NT\n'), { service: 'S', postcodeField: 'Post Code' }),
    'the project has no postcode directory; import postcodes before service users'],
  ['rate above 1', (p) => importRates(p, file('r.csv', 'seg,idx\n1,900\n'), { indicator: 'I', scheme: 'OAC', segmentField: 'seg', indexField: 'idx', referenceRate: 0.2 }),
    'r.csv row 2, field "idx": "900" gives a prevalence of 1.800, above 1'],
  ['cancelled', (p) => { const a = new AbortController(); a.abort(); return importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'C', codeField: 'OA11CD' }, { signal: a.signal }); },
    'oa11_boundaries.geojson: import cancelled'],
];

describe('broken inputs leave the project unchanged', () => {
  const tmp = tempDir();
  const path = join(tmp.dir, 'p.gpkg');
  let hash = '';
  beforeAll(async () => {
    const p = newProject(tmp.dir, 'p.gpkg');
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    await importAssignments(p, RUTLAND + 'oac2021_by_oa.csv', { scheme: 'OAC', areaField: 'oa_code', segmentField: 'supergroup' });
    p.close();
    hash = sha256(path);
  });
  afterAll(() => tmp.cleanup());

  it.each(CASES)('%s', async (_name, run, message) => {
    const p = openProject(path);
    try {
      const result = run(p);
      await expect(result).rejects.toThrow(message);
    } finally {
      p.close();
    }
    expect(sha256(path)).toBe(hash);
  });

  it('an aborted CSV import throws ImportCancelled and writes nothing', async () => {
    const p = openProject(path);
    const a = new AbortController();
    a.abort();
    try {
      await expect(importPopulation(p, RUTLAND + 'population_census2021_ts001_by_oa.csv', { areaField: 'oa_code', countField: 'usual_residents' }, { signal: a.signal }))
        .rejects.toBeInstanceOf(ImportCancelled);
    } finally {
      p.close();
    }
    expect(sha256(path)).toBe(hash);
  });
});
