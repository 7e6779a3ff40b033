// The scheme and level the analyst picks reach every figure that names
// segments: each area's dominant segment (map, area panel, gap layer export)
// and the profile export. Leeds holds OAC 2011 and OAC 2021 for the same ten
// OAs, one segment per OA, so an OA's dominant segment is simply its own code
// in the chosen scheme and level, read here straight from the two files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAssignments, importBoundaries, importPopulation, importPostcodes, importRates, importSites, importUsers } from '../../electron/importers/index';
import { createProject } from '../../electron/store/project';
import { importRoads } from '../../electron/routing/roads-import';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { bytes, LEEDS, tempDir } from '../importers/helpers';
import { handlerCall } from '../support/handler-call';

const tmp = tempDir('cgm-segment-choice-');
let session: ProjectSession;
const call = handlerCall(() => createHandlers(session));

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(LEEDS + name, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const byOa = (name: string, column: string) => Object.fromEntries(readCsv(name).map((r) => [r.oa_code, r[column]]));

beforeAll(async () => {
  const path = join(tmp.dir, 'leeds.gpkg');
  const p = createProject(path);
  await importBoundaries(p, LEEDS + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
  await importAssignments(p, LEEDS + 'oac2011_by_oa.csv', { scheme: 'OAC 2011', areaField: 'oa_code', levelFields: ['supgrpcode', 'grpcode', 'subgrpcode'] });
  await importAssignments(p, LEEDS + 'oac2021_by_oa.csv', { scheme: 'OAC 2021', areaField: 'oa_code', levelFields: ['supergroup', 'group', 'subgroup'] });
  await importPopulation(p, LEEDS + 'population_census2021_ts001_by_oa.csv', { areaField: 'oa_code', countField: 'usual_residents', base: 'persons' });
  await importPostcodes(p, LEEDS + 'postcodes_codepoint_open.csv', { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
  await importRates(p, { name: 'rates.csv', data: bytes('supergroup,rate\n3,0.1\n4,0.2\n') }, { indicator: 'Need', scheme: 'OAC 2021', segmentField: 'supergroup', rateField: 'rate' });
  await importRoads(p, { file: LEEDS + 'its-example.osm.pbf' });
  await importSites(p, LEEDS + 'nhs_ods_epraccur_in_area.csv', { service: 'GP', where: 'status_code=A', latField: 'lat', lonField: 'lon' });
  const postcodes = readCsv('postcodes_codepoint_open.csv').map((r) => r.postcode);
  await importUsers(p, { name: 'users.csv', data: bytes(['postcode', ...postcodes.flatMap((pc, k) => Array(k % 3 + 1).fill(pc))].join('\n') + '\n') }, { service: 'GP', postcodeField: 'postcode' });
  p.close();
  session = new ProjectSession(path);
});
afterAll(() => {
  session?.close();
  tmp.cleanup();
});

const dominant = (rows: { code: string; dominantSegment: string | null }[]) => Object.fromEntries(rows.map((r) => [r.code, r.dominantSegment]));

describe('the picked scheme and level name each area’s dominant segment', () => {
  it('defaults to the indicator’s own finest segments', async () => {
    const a = await call('getAreaAnalysis', { service: 'GP', indicator: 'Need' });
    expect(dominant(a.rows)).toEqual(byOa('oac2021_by_oa.csv', 'subgroup'));
  });

  it('follows another scheme at a coarser level, in the map’s analysis and the area analysis alike', async () => {
    const a = await call('getAreaAnalysis', { service: 'GP', indicator: 'Need', segmentScheme: 'OAC 2011', segmentLevel: 'group' });
    expect(dominant(a.rows)).toEqual(byOa('oac2011_by_oa.csv', 'grpcode'));
    const s = await call('getScenarioAnalysis', { service: 'GP', indicator: 'Need', segmentScheme: 'OAC 2021', segmentLevel: 'supergroup', includeProposed: true });
    expect(dominant(s.rows)).toEqual(byOa('oac2021_by_oa.csv', 'supergroup'));
    // Only the naming changes: the figures are the indicator's own.
    const plain = await call('getAreaAnalysis', { service: 'GP', indicator: 'Need' });
    expect(a.rows.map((r) => [r.code, r.need, r.users])).toEqual(plain.rows.map((r) => [r.code, r.need, r.users]));
  });

  it('refuses a level the scheme does not have, naming its levels', async () => {
    await expect(call('getAreaAnalysis', { service: 'GP', indicator: 'Need', segmentScheme: 'OAC 2011', segmentLevel: 'type' })).rejects.toThrow(/no segment level "type" \(levels: supergroup, group, subgroup\)/);
  });

  it('reaches the exports: the profile by the picked level, and the gap layer’s dominant segment', async () => {
    const file = await call('exportTable', { table: 'profile', service: 'GP', indicator: 'Need', scheme: 'OAC 2011', segmentLevel: 'group' });
    const csv = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    const codes = csv.split(/\r?\n/).filter((l) => /^"?\d[a-z]"?,/.test(l)).map((l) => l.split(',')[0].replace(/"/g, ''));
    expect(codes.sort()).toEqual([...new Set(Object.values(byOa('oac2011_by_oa.csv', 'grpcode')))].sort());
    const layer = await call('exportLayer', { layer: 'gaps', service: 'GP', indicator: 'Need', scheme: 'OAC 2011', segmentLevel: 'supergroup' });
    const geojson = JSON.parse(Buffer.from(layer.dataBase64, 'base64').toString('utf8'));
    const props = Object.fromEntries(geojson.features.map((f: { properties: Record<string, string> }) => [f.properties.area_code, f.properties.dominant_segment]));
    expect(props).toEqual(byOa('oac2011_by_oa.csv', 'supgrpcode'));
  });
});

describe('the band table follows the picked scheme', () => {
  it('ranks the indicator’s own segments by risk, and lists another scheme’s at its level without the indicator’s rates', async () => {
    const own = await call('getBandTable', { service: 'GP', indicator: 'Need', segmentLevel: 'supergroup' });
    // Rates 0.2 for supergroup 4 and 0.1 for 3: 4 is the higher risk.
    expect(own.rows.filter((r) => r.segmentCode).map((r) => [r.segmentCode, r.rank])).toEqual([['4', 1], ['3', 2]]);
    const other = await call('getBandTable', { service: 'GP', indicator: 'Need', scheme: 'OAC 2011', segmentLevel: 'group' });
    expect(other.scheme).toBe('OAC 2011');
    const groups = other.rows.filter((r) => r.segmentCode);
    expect(groups.map((r) => r.segmentCode).sort()).toEqual([...new Set(Object.values(byOa('oac2011_by_oa.csv', 'grpcode')))].sort());
    // No rates in that scheme, so no need or prevalence to rank by.
    expect(groups.map((r) => [r.need, r.prevalence])).toEqual(groups.map(() => [null, null]));
    // The same people either way: each scheme's base adds up to the ten OAs' residents.
    const total = (t: typeof own) => t.rows.filter((r) => r.segmentCode).reduce((n, r) => n + r.base, 0);
    expect(total(other)).toBe(total(own));
  });
});
