// A real Rutland project for the analysis runners: 2011 OA and LSOA boundaries,
// OAC 2021 assigned at GROUP level (segments and their hierarchy written from
// the lookup's own supergroup/group/subgroup columns), Census 2021 TS001
// population, Code-Point postcodes and the four active GP practices.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  importAssignments, importBoundaries, importLookup, importPopulation, importPostcodes, importSegments, importSites,
} from '../../electron/importers/index';
import { createProject } from '../../electron/store/project';
import type { Project } from '../../electron/store/project';

export const RUTLAND_DATA = resolve(import.meta.dirname, '../../../shared/data/uk/rutland');
export const rutlandFile = (name: string) => join(RUTLAND_DATA, name);
export const OAC = 'OAC 2021';
export const GP = 'GP';

/** CSV rows of a Rutland file as objects (these files have no quoted commas). */
export function readRutlandCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(rutlandFile(name), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

/** code,name,parent,level for every supergroup, group and subgroup the lookup uses. */
export function oacSegmentsCsv(): string {
  const out = new Map<string, string>();
  for (const r of readRutlandCsv('oac2021_by_oa.csv')) {
    out.set(r.supergroup, `${r.supergroup},Supergroup ${r.supergroup},,supergroup`);
    out.set(r.group, `${r.group},Group ${r.group},${r.supergroup},group`);
    out.set(r.subgroup, `${r.subgroup},Subgroup ${r.subgroup},${r.group},subgroup`);
  }
  return ['code,name,parent,level', ...[...out.keys()].sort().map((k) => out.get(k))].join('\n') + '\n';
}

export const text = (name: string, body: string) => ({ name, data: new TextEncoder().encode(body) });

/** OA11CD,LSOA11CD,LSOA11NM, one row per OA, laid out as ONS publishes its lookups (names from the LSOA file). */
export function rutlandLookupCsv(): string {
  type Fc = { features: { properties: Record<string, string> }[] };
  const oas = JSON.parse(readFileSync(rutlandFile('oa11_boundaries.geojson'), 'utf8')) as Fc;
  const lsoas = JSON.parse(readFileSync(rutlandFile('lsoa11_boundaries.geojson'), 'utf8')) as Fc;
  const name = new Map(lsoas.features.map((f) => [f.properties.LSOA11CD, f.properties.LSOA11NM]));
  return ['OA11CD,LSOA11CD,LSOA11NM', ...oas.features.map((f) => `${f.properties.OA11CD},${f.properties.LSOA11CD},${name.get(f.properties.LSOA11CD)}`)].join('\n') + '\n';
}

export interface RutlandProject {
  project: Project;
  path: string;
  dir: string;
  cleanup(): void;
}

/**
 * Builds the project; `communal` also imports TS001's communal-establishment residents;
 * `lsoaByLookup` makes the LSOAs by dissolving the OAs (import lookup) instead of importing their boundaries.
 */
export async function buildRutland(options: { communal?: boolean; lsoaByLookup?: boolean } = {}): Promise<RutlandProject> {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-rutland-'));
  const path = join(dir, 'rutland.gpkg');
  const project = createProject(path);
  if (options.lsoaByLookup) {
    await importBoundaries(project, rutlandFile('oa11_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD' });
    await importLookup(project, text('oa11_lsoa11.csv', rutlandLookupCsv()), { parentLevel: 'LSOA' });
  } else {
    await importBoundaries(project, rutlandFile('lsoa11_boundaries.geojson'), { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
    await importBoundaries(project, rutlandFile('oa11_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
  }
  await importSegments(project, text('oac-segments.csv', oacSegmentsCsv()), { scheme: OAC, codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' });
  await importAssignments(project, rutlandFile('oac2021_by_oa.csv'), { scheme: OAC, areaField: 'oa_code', segmentField: 'group' });
  await importPopulation(project, rutlandFile('population_census2021_ts001_by_oa.csv'), {
    areaField: 'oa_code', countField: 'usual_residents', base: 'persons', ...(options.communal ? { communalField: 'in_communal_establishments' } : {}),
  });
  await importPostcodes(project, rutlandFile('postcodes_codepoint_open.csv'), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
  await importSites(project, rutlandFile('nhs_ods_epraccur_in_area.csv'), { service: GP, where: 'status_code=A,prescribing_setting=4', latField: 'lat', lonField: 'lon' });
  const cleanup = () => {
    if (project.db.open) project.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { project, path, dir, cleanup };
}
