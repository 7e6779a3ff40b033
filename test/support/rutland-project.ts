// The one real-Rutland test project, built through the importers from the files
// in ../shared/data/uk/rutland (see its README): 2011 LSOA and OA boundaries,
// OAC 2021 (supergroup > group > subgroup, from the lookup's own columns),
// Census 2021 TS001 population, Code-Point postcodes, the four active NHS ODS GP
// practices (status A, prescribing setting 4) and, when asked, the OSM roads.
// Need rates and a users extract are never published, so a test that needs them
// writes them through `rates` and `users`; each test states its own figures
// (or takes the shared gap scenario, gapScenario() below).
// Every part is an option, so a test builds only what it reads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  importAssignments, importBoundaries, importLookup, importPopulation, importPostcodes, importRates, importSegments, importSites, importUsers,
} from '../../electron/importers/index';
import { importRoads } from '../../electron/routing/roads-import';
import { createProject, type Project } from '../../electron/store/project';

export const RUTLAND = resolve(import.meta.dirname, '../../../shared/data/uk/rutland');
export const rutlandFile = (name: string) => join(RUTLAND, name);
export const OAC = 'OAC 2021';
export const GP = 'GP';
/** The four active GP practices' ODS codes. */
export const GP_CODES = ['C82010', 'C82044', 'C82077', 'C82649'];
/** OAC 2021's published names of the four supergroups Rutland has. */
export const SUPERGROUP_NAMES: Record<string, string> = {
  '1': 'Retired Professionals', '2': 'Suburbanites and Peri-Urbanites', '6': 'Baseline UK', '7': 'Semi- and Un-Skilled Workforce',
};

export const text = (name: string, body: string) => ({ name, data: new TextEncoder().encode(body) });
export const bytes = (body: string) => new TextEncoder().encode(body);

/** A Rutland CSV's rows as objects. */
export function readRutlandCsv(name: string): Record<string, string>[] {
  return parse(readFileSync(rutlandFile(name)), { columns: true, bom: true }) as Record<string, string>[];
}

export type OacRow = { oa_code: string; supergroup: string; group: string; subgroup: string };
/** The OAC 2021 lookup, one row per OA in the file's order. */
export const oac = () => readRutlandCsv('oac2021_by_oa.csv') as OacRow[];

export type OacLevel = 'supergroup' | 'group' | 'subgroup';

/** code,name,parent,level for the lookup's segments down to `depth`; supergroups named as published or "Supergroup N". */
export function oacSegmentsCsv(depth: Exclude<OacLevel, 'supergroup'> = 'subgroup', publishedNames = false): string {
  const out = new Map<string, string>();
  for (const r of oac()) {
    out.set(r.supergroup, `${r.supergroup},${publishedNames ? SUPERGROUP_NAMES[r.supergroup] : `Supergroup ${r.supergroup}`},,supergroup`);
    out.set(r.group, `${r.group},Group ${r.group},${r.supergroup},group`);
    if (depth === 'subgroup') out.set(r.subgroup, `${r.subgroup},Subgroup ${r.subgroup},${r.group},subgroup`);
  }
  return ['code,name,parent,level', ...[...out.keys()].sort().map((k) => out.get(k))].join('\n') + '\n';
}

/** The first Code-Point postcode of each OA (Code-Point's own OA assignment). */
export function firstPostcodeByOa(): Map<string, string> {
  const first = new Map<string, string>();
  for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) if (!first.has(p.oa11cd)) first.set(p.oa11cd, p.postcode);
  return first;
}

/** OA11CD,LSOA11CD,LSOA11NM, one row per OA, laid out as ONS publishes its lookups (names from the LSOA file). */
export function rutlandLookupCsv(): string {
  type Fc = { features: { properties: Record<string, string> }[] };
  const oas = JSON.parse(readFileSync(rutlandFile('oa11_boundaries.geojson'), 'utf8')) as Fc;
  const lsoas = JSON.parse(readFileSync(rutlandFile('lsoa11_boundaries.geojson'), 'utf8')) as Fc;
  const name = new Map(lsoas.features.map((f) => [f.properties.LSOA11CD, f.properties.LSOA11NM]));
  return ['OA11CD,LSOA11CD,LSOA11NM', ...oas.features.map((f) => `${f.properties.OA11CD},${f.properties.LSOA11CD},${name.get(f.properties.LSOA11CD)}`)].join('\n') + '\n';
}

/** A users extract (id,postcode): `perArea(row, i)` users at each OA's first postcode, OAs in the lookup's order, ids 1, 2, …. */
export function usersExtract(perArea: (row: OacRow, index: number) => number): { csv: string; users: Map<string, number> } {
  const postcodeOf = firstPostcodeByOa();
  const users = new Map<string, number>();
  const lines = ['id,postcode'];
  oac().forEach((r, i) => {
    const n = perArea(r, i);
    users.set(r.oa_code, n);
    for (let k = 0; k < n; k++) lines.push(`${lines.length},${postcodeOf.get(r.oa_code)}`);
  });
  return { csv: lines.join('\n') + '\n', users };
}

export interface RutlandOptions {
  /** Folder for the project (default: a new temporary folder that cleanup removes). */
  dir?: string;
  /** Project file name (default rutland.gpkg). */
  file?: string;
  /** LSOA boundaries as the OAs' parents (default true); 'lookup' makes the LSOAs by dissolving the OAs (import lookup, rutlandLookupCsv). */
  lsoa?: boolean | 'lookup';
  /** OAC 2021 segments and assignments (default: scheme "OAC 2021", segments down to subgroup, areas assigned their group). */
  oac?: false | { scheme?: string; depth?: 'group' | 'subgroup'; assignAt?: OacLevel; publishedNames?: boolean };
  /** TS001 usual residents as the persons base (default); `communal` also imports the communal-establishment residents. */
  population?: false | { communal?: boolean };
  /** Code-Point postcodes (default true). */
  postcodes?: boolean;
  /** The four active GP practices with their ODS codes and names, as sites of `service` (default GP). */
  sites?: false | { service: string };
  /** Need rates for the OAC segments at one level, from a rate per segment code. */
  rates?: { indicator: string; at: OacLevel; rate: (code: string) => number };
  /** A users extract: `perArea(row, i)` users at each OA's first postcode, OAs in the lookup's order. */
  users?: { service: string; perArea: (row: OacRow, index: number) => number };
  /** The OSM road network (slow: only for travel-time tests). */
  roads?: boolean;
}

export interface RutlandProject {
  /** Open; close it before another process writes the file. cleanup closes it too. */
  project: Project;
  path: string;
  dir: string;
  /** Exact users per OA as written to the extract (empty without `users`). */
  users: Map<string, number>;
  cleanup(): void;
}

export async function buildRutland(options: RutlandOptions = {}): Promise<RutlandProject> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cgm-rutland-'));
  const path = join(dir, options.file ?? 'rutland.gpkg');
  const project = createProject(path);
  const cleanup = () => {
    if (project.db.open) project.close();
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  };
  const users = new Map<string, number>();
  try {
    const lsoaBoundaries = options.lsoa === undefined || options.lsoa === true;
    if (lsoaBoundaries) await importBoundaries(project, rutlandFile('lsoa11_boundaries.geojson'), { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
    await importBoundaries(project, rutlandFile('oa11_boundaries.geojson'), {
      level: 'OA', codeField: 'OA11CD', ...(lsoaBoundaries ? { parentField: 'LSOA11CD', parentLevel: 'LSOA' } : {}),
    });
    if (options.lsoa === 'lookup') await importLookup(project, text('oa11_lsoa11.csv', rutlandLookupCsv()), { parentLevel: 'LSOA' });
    const o = options.oac === false ? null : { scheme: OAC, depth: 'subgroup' as const, assignAt: 'group' as const, ...options.oac };
    if (o) {
      await importSegments(project, text('oac-segments.csv', oacSegmentsCsv(o.depth, o.publishedNames)), { scheme: o.scheme, codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' });
      await importAssignments(project, rutlandFile('oac2021_by_oa.csv'), { scheme: o.scheme, areaField: 'oa_code', segmentField: o.assignAt });
    }
    if (options.population !== false) {
      await importPopulation(project, rutlandFile('population_census2021_ts001_by_oa.csv'), {
        areaField: 'oa_code', countField: 'usual_residents', base: 'persons', ...(options.population?.communal ? { communalField: 'in_communal_establishments' } : {}),
      });
    }
    if (options.postcodes !== false) {
      await importPostcodes(project, rutlandFile('postcodes_codepoint_open.csv'), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
    }
    if (o && options.rates) {
      const { indicator, at, rate } = options.rates;
      const codes = [...new Set(oac().map((r) => r[at]))].sort();
      await importRates(project, text('rates.csv', ['segment,rate', ...codes.map((c) => `${c},${rate(c)}`)].join('\n') + '\n'), { indicator, scheme: o.scheme, segmentField: 'segment', rateField: 'rate' });
    }
    if (options.users) {
      const extract = usersExtract(options.users.perArea);
      for (const [code, n] of extract.users) users.set(code, n);
      await importUsers(project, text('users.csv', extract.csv), { service: options.users.service, postcodeField: 'postcode' });
    }
    if (options.sites !== false) {
      await importSites(project, rutlandFile('nhs_ods_epraccur_in_area.csv'), {
        service: options.sites?.service ?? GP, where: 'status_code=A,prescribing_setting=4', codeField: 'ods_code', nameField: 'name', latField: 'lat', lonField: 'lon',
      });
    }
    if (options.roads) await importRoads(project, { file: rutlandFile('rutland-latest.osm.pbf') });
  } catch (e) {
    cleanup();
    throw e;
  }
  return { project, path, dir, users, cleanup };
}

// The bases and attribution data (test/analysis-runs/rutland-bases.test.ts describes the figures).

/** The users file: client_name,post_code[,cars_segment]; 5 of LE15 8TU's rows coded three_plus_cars when `coded`. */
export function carsUsersCsv(coded: boolean): string {
  const lines = [coded ? 'client_name,post_code,cars_segment' : 'client_name,post_code'];
  const add = (postcode: string, n: number, segment = (_i: number) => '') => {
    for (let i = 0; i < n; i++) lines.push(`Client ${lines.length},${postcode}${coded ? `,${segment(i)}` : ''}`);
  };
  add('LE15 9PA', 30);
  add('LE15 8TU', 27, (i) => (i < 5 ? 'three_plus_cars' : ''));
  add('LE15 6ED', 58);
  add('LE15 0AQ', 10);
  return lines.join('\n') + '\n';
}

/** TS045 reshaped to long format: one row per OA × car category, households as the count. */
export function ts045Long(): string {
  const out = ['oa_code,cars,households'];
  for (const r of readRutlandCsv('car_availability_census2021_ts045_by_oa.csv')) {
    for (const c of ['no_car', 'one_car', 'two_cars', 'three_plus_cars']) out.push(`${r.oa_code},${c},${r[c]}`);
  }
  return out.join('\n') + '\n';
}

/**
 * A postcode -> Cars segment lookup built from the postcode file: every postcode
 * except OA E00172622's, last letter A–M one_car, N–Z two_cars. So LE15 9PA is
 * one_car, LE15 8TU two_cars, LE15 0AQ two_cars, and LE15 6ED is not in it.
 */
export function carsPostcodeLookup(): string {
  const out = ['pcd,cars_type'];
  for (const r of readRutlandCsv('postcodes_codepoint_open.csv')) {
    if (r.oa11cd === 'E00172622') continue;
    out.push(`${r.postcode},${r.postcode.slice(-1) <= 'M' ? 'one_car' : 'two_cars'}`);
  }
  return out.join('\n') + '\n';
}

// The gap scenario (rutland-review, access-only and the review and access e2e tests), with
// rates and users written here since no real ones are published:
//   prevalence by supergroup (every subgroup takes its supergroup's): 1 → 0.10, 2 → 0.12, 6 → 0.16, 7 → 0.20;
//   users per OA = round(residents × prevalence / 2), except every 9th OA (in code order) which has none,
//   so those OAs are far below their expected users and significantly low.
export const INDICATOR = 'Need (illustrative)';
export const PREVALENCE: Record<string, number> = { '1': 0.1, '2': 0.12, '6': 0.16, '7': 0.2 };

/** Every 9th OA of the OAC lookup, in code order: the areas given no users. */
export const zeroUseAreas = () => oac().map((r) => r.oa_code).sort().filter((_, i) => i % 9 === 4);

/** Users per OA: round(residents × prevalence / 2), none in the areas of `none` (default: zeroUseAreas()). */
export function scenarioUsers(none: ReadonlySet<string> = new Set(zeroUseAreas())): (row: OacRow) => number {
  const residents = new Map(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
  return (r) => (none.has(r.oa_code) ? 0 : Math.round((residents.get(r.oa_code)! * PREVALENCE[r.supergroup]) / 2));
}

/** The scenario's users file (id,postcode), none in the areas of `none`: a second extract for a review. */
export const rutlandUsersCsv = (none?: ReadonlySet<string>) => usersExtract(scenarioUsers(none)).csv;

/**
 * The scenario's project: OAs only, OAC assigned at subgroup with the published supergroup
 * names, the rates and users above, the sites and the roads; `accessOnly` leaves out the
 * rates and the users (the project an analyst has before any service data).
 */
export function gapScenario({ accessOnly = false } = {}): RutlandOptions {
  return {
    lsoa: false,
    oac: { assignAt: 'subgroup', publishedNames: true },
    ...(accessOnly ? {} : {
      rates: { indicator: INDICATOR, at: 'subgroup' as const, rate: (code: string) => PREVALENCE[code[0]] },
      users: { service: GP, perArea: scenarioUsers() },
    }),
    roads: true,
  };
}
