// The seed corpus: small cuts of the real Rutland files (whole files where they
// are small), plus a shapefile, a GeoPackage, a zip, a PBF and an OSM XML file
// made from them at run time with ogr2ogr and osmium. Fuzzing small real files
// finds the same reader bugs as big ones, thousands of times faster.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importAssignments, importBoundaries, importPopulation, importPostcodes, importSegments } from '../../electron/importers/index';
import { createProject } from '../../electron/store/project';
import { sharedData } from '../support/requirements';
import { writeZip } from './binary-formats';

export const REPO = resolve(import.meta.dirname, '../..');
export const RUTLAND = sharedData('uk', 'rutland');

export type Corpus = Record<string, Uint8Array>;

/** The project every importer input is run against: boundaries, OAC, population, postcodes. */
export const BASE_PROJECT = 'base.gpkg';

function rutland(name: string): string {
  const path = join(RUTLAND, name);
  // Under CI a missing data file must fail the run, never shrink it silently.
  if (!existsSync(path)) throw new Error(`fuzz seeds: ${path} is missing (the Rutland test data)`);
  return path;
}

function tool(name: string, args: string[]): void {
  try {
    execFileSync(name, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`fuzz seeds: ${name} ${args.join(' ')} failed (is ${name} installed?): ${(error as Error).message}`);
  }
}

/** The header and the first `rows` lines of a CSV. */
function csvHead(name: string, rows: number): string {
  return readFileSync(rutland(name), 'utf8').split('\n').slice(0, rows + 1).join('\n') + '\n';
}

/** OA11CD,LSOA11CD,LSOA11NM for the first 40 OAs, as ONS lays out its lookups (names from the LSOA file). */
function lookupSeed(): string {
  type Props = { properties: Record<string, string> };
  const oa = (JSON.parse(readFileSync(rutland('oa11_boundaries.geojson'), 'utf8')) as { features: Props[] }).features;
  const lsoa = (JSON.parse(readFileSync(rutland('lsoa11_boundaries.geojson'), 'utf8')) as { features: Props[] }).features;
  const names = new Map(lsoa.map((f) => [f.properties.LSOA11CD, f.properties.LSOA11NM]));
  return ['OA11CD,LSOA11CD,LSOA11NM', ...oa.slice(0, 40).map((f) => `${f.properties.OA11CD},${f.properties.LSOA11CD},${names.get(f.properties.LSOA11CD)}`)].join('\n') + '\n';
}

/** Builds the corpus in `dir` (once per run) and returns its files by name. */
export async function buildCorpus(dir: string): Promise<Corpus> {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'done'))) {
    const oa = JSON.parse(readFileSync(rutland('oa11_boundaries.geojson'), 'utf8')) as { features: unknown[] };
    writeFileSync(join(dir, 'oa.geojson'), JSON.stringify({ ...oa, features: oa.features.slice(0, 8) }));
    mkdirSync(join(dir, 'shp'), { recursive: true });
    tool('ogr2ogr', ['-f', 'ESRI Shapefile', join(dir, 'shp', 'oa.shp'), join(dir, 'oa.geojson')]);
    tool('ogr2ogr', ['-f', 'GPKG', join(dir, 'oa.gpkg'), join(dir, 'oa.geojson'), '-nln', 'oa']);
    const parts = ['shp', 'shx', 'dbf', 'prj', 'cpg'].filter((ext) => existsSync(join(dir, 'shp', `oa.${ext}`)));
    writeFileSync(join(dir, 'oa.zip'), writeZip(parts.map((ext) => ({ name: `OA_2011_EW_BGC/oa.${ext}`, data: readFileSync(join(dir, 'shp', `oa.${ext}`)) }))));

    const oac = readFileSync(rutland('oac2021_by_oa.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const segs = new Map<string, string>();
    for (const [, supergroup, group] of oac) {
      segs.set(supergroup, `${supergroup},Supergroup ${supergroup},,supergroup`);
      segs.set(group, `${group},Group ${group},${supergroup},group`);
    }
    writeFileSync(join(dir, 'segments.csv'), 'code,name,parent,level\n' + [...segs.values()].join('\n') + '\n');
    writeFileSync(join(dir, 'oac.csv'), csvHead('oac2021_by_oa.csv', 40));
    writeFileSync(join(dir, 'population.csv'), csvHead('population_census2021_ts001_by_oa.csv', 40));
    writeFileSync(join(dir, 'postcodes.csv'), csvHead('postcodes_codepoint_open.csv', 60));
    writeFileSync(join(dir, 'rates.csv'), 'segment,index\n1,80\n2,100\n6,150\n7,120\n');
    // A service-user extract: real postcodes, one row per person, with a referral date.
    const pcs = readFileSync(rutland('postcodes_codepoint_open.csv'), 'utf8').split('\n').slice(1, 81).map((l) => l.split(',')[0]);
    writeFileSync(join(dir, 'users.csv'), 'Post Code,referral_date\n' + pcs.map((p, i) => `${p},2024-${String(1 + (i % 12)).padStart(2, '0')}-15`).join('\n') + '\n');
    writeFileSync(join(dir, 'ods.csv'), readFileSync(rutland('nhs_ods_epraccur_in_area.csv')));
    writeFileSync(join(dir, 'services.geojson'), readFileSync(rutland('osm_services.geojson')));
    // Central Oakham: a few thousand nodes in several PBF blocks; a smaller cut as XML.
    tool('osmium', ['extract', '-O', '-b', '-0.735,52.665,-0.715,52.675', rutland('rutland-latest.osm.pbf'), '-o', join(dir, 'roads.osm.pbf')]);
    tool('osmium', ['extract', '-O', '-b', '-0.726,52.669,-0.722,52.671', rutland('rutland-latest.osm.pbf'), '-o', join(dir, 'roads.osm')]);

    const base = createProject(join(dir, BASE_PROJECT), { overwrite: true });
    try {
      await importBoundaries(base, rutland('oa11_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD' });
      await importSegments(base, join(dir, 'segments.csv'), { scheme: 'OAC 2021', codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' });
      await importAssignments(base, rutland('oac2021_by_oa.csv'), { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
      await importPopulation(base, rutland('population_census2021_ts001_by_oa.csv'), { areaField: 'oa_code', countField: 'usual_residents' });
      await importPostcodes(base, rutland('postcodes_codepoint_open.csv'));
    } finally {
      base.close();
    }
    writeFileSync(join(dir, 'done'), '');
  }
  // Added after the first corpora were built: written when missing, so a kept corpus gains it.
  if (!existsSync(join(dir, 'lookup.csv'))) writeFileSync(join(dir, 'lookup.csv'), lookupSeed());
  // Plain Uint8Arrays, not Buffers: Buffer#slice is a view, and a mutation must never write into a seed.
  const corpus: Corpus = {};
  for (const name of readdirSync(dir)) if (name !== 'shp' && name !== 'done') corpus[name] = new Uint8Array(readFileSync(join(dir, name)));
  for (const name of readdirSync(join(dir, 'shp'))) corpus[`shp/${name}`] = new Uint8Array(readFileSync(join(dir, 'shp', name)));
  return corpus;
}
