// A Rutland project from the real files in ../shared/data/uk/rutland: 2011 OA
// and LSOA boundaries, OAC 2021 groups, Census 2021 population, Code-Point
// postcodes and the four active GP practices of NHS ODS as sites. The need
// rates and the users extract are written here (they are never published
// data): users per OA follow a fixed pattern with many counts of 1–7, so the
// disclosure rule has plenty to hide.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  importAssignments, importBoundaries, importPopulation, importPostcodes, importRates, importSegments, importSites, importUsers,
} from '../../electron/importers/index';
import { createProject } from '../../electron/store/project';

export const RUTLAND_DIR = resolve(import.meta.dirname, '../../../shared/data/uk/rutland');
export const SERVICE = 'Stop Smoking';
export const SCHEME = 'OAC';
export const INDICATOR = 'Smoking';

const read = (name: string) => readFileSync(join(RUTLAND_DIR, name));
const rows = (name: string) => parse(read(name), { columns: true }) as Record<string, string>[];
const file = (name: string, text: string | Buffer) => ({ name, data: typeof text === 'string' ? new TextEncoder().encode(text) : new Uint8Array(text) });

/** Users per OA, in the OAC file's order: a repeating pattern with 0, small counts 1–7 and larger ones. */
export const USER_PATTERN = [0, 3, 12, 1, 25, 6, 9, 2, 40, 5, 17, 7, 4, 31, 8];

const PREVALENCE: Record<string, number> = {
  '1a': 0.1, '1b': 0.12, '1c': 0.14, '2a': 0.16, '2b': 0.18, '2c': 0.2, '6a': 0.22, '6b': 0.24, '6c': 0.26, '7a': 0.28, '7b': 0.3,
};

export interface RutlandProject {
  path: string;
  /** Exact users per OA, as written to the extract. */
  users: Map<string, number>;
  cleanup(): void;
}

export async function buildRutland(): Promise<RutlandProject> {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-rutland-'));
  const path = join(dir, 'rutland.gpkg');
  const oac = rows('oac2021_by_oa.csv');
  const groups = [...new Set(oac.map((r) => r.group))].sort();
  const supergroups = [...new Set(oac.map((r) => r.supergroup))].sort();
  const segments = ['code,name,parent,level', ...supergroups.map((s) => `${s},Supergroup ${s},,supergroup`), ...groups.map((g) => `${g},Group ${g},${g[0]},group`)];
  const rates = ['segment_code,prevalence', ...groups.map((g) => `${g},${PREVALENCE[g]}`)];
  // One postcode inside each OA (Code-Point's own OA assignment) for its users.
  const postcodeOf = new Map<string, string>();
  for (const p of rows('postcodes_codepoint_open.csv')) if (!postcodeOf.has(p.oa11cd)) postcodeOf.set(p.oa11cd, p.postcode);
  const users = new Map(oac.map((r, i) => [r.oa_code, USER_PATTERN[i % USER_PATTERN.length]]));
  const userLines = ['post_code'];
  for (const [oa, n] of users) for (let i = 0; i < n; i++) userLines.push(postcodeOf.get(oa)!);
  const gps = rows('nhs_ods_epraccur_in_area.csv').filter((r) => r.status_code === 'A' && r.prescribing_setting === '4');
  if (gps.length !== 4) throw new Error(`expected the 4 active GP practices of the Rutland README, found ${gps.length}`);
  const sites = ['site_name,lat,lon', ...gps.map((g) => `"${g.name}",${g.lat},${g.lon}`)];

  const project = createProject(path);
  try {
    await importBoundaries(project, file('lsoa11_boundaries.geojson', read('lsoa11_boundaries.geojson')), { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
    await importBoundaries(project, file('oa11_boundaries.geojson', read('oa11_boundaries.geojson')), { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
    await importSegments(project, file('segments.csv', segments.join('\n') + '\n'), { scheme: SCHEME, codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' });
    await importAssignments(project, file('oac2021_by_oa.csv', read('oac2021_by_oa.csv')), { scheme: SCHEME, areaField: 'oa_code', segmentField: 'group' });
    await importPopulation(project, file('population.csv', read('population_census2021_ts001_by_oa.csv')), { areaField: 'oa_code', countField: 'usual_residents', base: 'persons' });
    await importPostcodes(project, file('postcodes.csv', read('postcodes_codepoint_open.csv')), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
    await importRates(project, file('rates.csv', rates.join('\n') + '\n'), { indicator: INDICATOR, scheme: SCHEME, segmentField: 'segment_code', rateField: 'prevalence' });
    await importUsers(project, file('users.csv', userLines.join('\n') + '\n'), { service: SERVICE, postcodeField: 'post_code' });
    await importSites(project, file('gp-practices.csv', sites.join('\n') + '\n'), { service: SERVICE, nameField: 'site_name', latField: 'lat', lonField: 'lon' });
  } finally {
    project.close();
  }
  return { path, users, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
