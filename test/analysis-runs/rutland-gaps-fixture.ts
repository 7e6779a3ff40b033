// A real Rutland project built through `cgm` as an analyst would: 2011 OA
// boundaries, OAC 2021 (supergroup > group > subgroup, assigned at subgroup),
// Census 2021 TS001 residents, Code-Point postcodes, the four active NHS ODS GP
// practices (status A, prescribing setting 4) and the OSM road network. The
// rates and the users file are written here (no real ones are published):
//   prevalence by supergroup (every subgroup takes its supergroup's): 1 → 0.10, 2 → 0.12, 6 → 0.16, 7 → 0.20;
//   users per OA = round(residents × prevalence / 2), except every 9th OA (in code order) which has none,
//   so those OAs are far below their expected users and significantly low.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { cgm } from './fixture';

export const RUTLAND = resolve(import.meta.dirname, '../../../shared/data/uk/rutland');
export const SERVICE = 'GP';
export const INDICATOR = 'Need (illustrative)';
export const SCHEME = 'OAC 2021';
export const PREVALENCE: Record<string, number> = { '1': 0.1, '2': 0.12, '6': 0.16, '7': 0.2 };
export const SUPERGROUP_NAMES: Record<string, string> = {
  '1': 'Retired Professionals', '2': 'Suburbanites and Peri-Urbanites', '6': 'Baseline UK', '7': 'Semi- and Un-Skilled Workforce',
};
/** The four active GP practices' ODS codes. */
export const GP_CODES = ['C82010', 'C82044', 'C82077', 'C82649'];

const csvRows = (path: string) => {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const keys = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
};

export const oac = () => csvRows(join(RUTLAND, 'oac2021_by_oa.csv'));

/** Every 9th OA of the OAC lookup, in code order: the areas given no users. */
export function zeroUseAreas(): string[] {
  return oac().map((r) => r.oa_code).sort().filter((_, i) => i % 9 === 4);
}

async function ok(...argv: string[]) {
  const r = await cgm(...argv);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/**
 * The users file: round(residents × prevalence / 2) users per OA at the OA's first
 * postcode, none in the areas of `none` (default: every 9th OA, zeroUseAreas()).
 */
export function rutlandUsersCsv(none: ReadonlySet<string> = new Set(zeroUseAreas())): string {
  const residents = new Map(csvRows(join(RUTLAND, 'population_census2021_ts001_by_oa.csv')).map((r) => [r.oa_code, Number(r.usual_residents)]));
  const postcodeOf = new Map<string, string>();
  for (const r of csvRows(join(RUTLAND, 'postcodes_codepoint_open.csv'))) if (!postcodeOf.has(r.oa11cd)) postcodeOf.set(r.oa11cd, r.postcode);
  const users = ['id,postcode'];
  for (const r of oac()) {
    const n = none.has(r.oa_code) ? 0 : Math.round((residents.get(r.oa_code)! * PREVALENCE[r.supergroup]) / 2);
    for (let i = 0; i < n; i++) users.push(`${users.length},${postcodeOf.get(r.oa_code)}`);
  }
  return users.join('\n');
}

/** `accessOnly`: no rates and no users (issue 16), the project an analyst has before any service data. */
export async function buildRutland(dir: string, { accessOnly = false } = {}): Promise<string> {
  const project = join(dir, 'rutland.gpkg');
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const P = ['--project', project];
  expect((await cgm('new', ...P)).code).toBe(0);
  await ok('import', 'boundaries', ...P, '--file', join(RUTLAND, 'oa11_boundaries.geojson'), '--level', 'OA', '--code-field', 'OA11CD');

  const lookup = oac();
  const seg = new Map<string, string>();
  for (const r of lookup) {
    seg.set(r.supergroup, `${r.supergroup},${SUPERGROUP_NAMES[r.supergroup]},,supergroup`);
    seg.set(r.group, `${r.group},Group ${r.group},${r.supergroup},group`);
    seg.set(r.subgroup, `${r.subgroup},Subgroup ${r.subgroup},${r.group},subgroup`);
  }
  const segments = write('segments.csv', ['code,name,parent,level', ...seg.values()].join('\n'));
  await ok('import', 'segments', ...P, '--file', segments, '--scheme', SCHEME, '--code-field', 'code', '--name-field', 'name', '--parent-field', 'parent');
  await ok('import', 'assignments', ...P, '--file', join(RUTLAND, 'oac2021_by_oa.csv'), '--scheme', SCHEME, '--area-field', 'oa_code', '--segment-field', 'subgroup');
  await ok('import', 'population', ...P, '--file', join(RUTLAND, 'population_census2021_ts001_by_oa.csv'), '--area-field', 'oa_code', '--count-field', 'usual_residents');
  await ok('import', 'postcodes', ...P, '--file', join(RUTLAND, 'postcodes_codepoint_open.csv'), '--postcode-field', 'postcode', '--lat-field', 'lat', '--lon-field', 'lon', '--area-field', 'oa11cd');
  if (!accessOnly) await importRatesAndUsers(dir, project);
  await ok('import', 'sites', ...P, '--file', join(RUTLAND, 'nhs_ods_epraccur_in_area.csv'), '--service', SERVICE, '--where', 'status_code=A,prescribing_setting=4', '--code-field', 'ods_code', '--name-field', 'name');
  await ok('import', 'roads', ...P, '--file', join(RUTLAND, 'rutland-latest.osm.pbf'));
  return project;
}

async function importRatesAndUsers(dir: string, project: string) {
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const P = ['--project', project];
  const lookup = oac();
  const subgroups = [...new Set(lookup.map((r) => r.subgroup))];
  const rates = write('rates.csv', ['segment,prevalence', ...subgroups.map((s) => `${s},${PREVALENCE[s[0]]}`)].join('\n'));
  await ok('import', 'rates', ...P, '--file', rates, '--indicator', INDICATOR, '--scheme', SCHEME, '--segment-field', 'segment', '--rate-field', 'prevalence');

  await ok('import', 'users', ...P, '--file', write('users.csv', rutlandUsersCsv()), '--service', SERVICE, '--postcode-field', 'postcode');
}
