// England-size inputs in the formats analysts download, generated once and
// cached outside the repository (~/.cache/cgm-bench, or $CGM_BENCH_CACHE),
// reused while the version stamp and sizes match. Deterministic: the same
// bytes on every machine.
//   npx tsx bench/england/generate.ts [--scale 0.1]   (prints the paths)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRoads, type RoadFacts } from './roads';
import { writeShapefile } from './shapefile';
import { writeOac, writeOnspd, writePopulation, writeUsers } from './tables';

/** Bump when any writer's output changes, so stale caches are rebuilt. */
const VERSION = 2;

export interface EnglandSizes { areas: number; postcodes: number; users: number; roadNodes: number; vertices: number }
export const ENGLAND: EnglandSizes = { areas: 190_000, postcodes: 2_700_000, users: 1_000_000, roadNodes: 5_000_000, vertices: 40 };

export interface EnglandInputs {
  dir: string;
  sizes: EnglandSizes;
  /** OA21CD, OA21NM, LSOA21CD; EPSG:27700. */
  shapefile: string;
  onspd: string;
  users: string;
  oac: string;
  population: string;
  roads: string;
  facts: { england: number; englandTerminated: number; welsh: number; scottish: number; roads: RoadFacts; seconds: Record<string, number> };
}

export function scaled(scale: number): EnglandSizes {
  const s = (n: number) => Math.max(1000, Math.round(n * scale));
  return { areas: s(ENGLAND.areas), postcodes: s(ENGLAND.postcodes), users: s(ENGLAND.users), roadNodes: s(ENGLAND.roadNodes), vertices: ENGLAND.vertices };
}

export function cacheRoot(): string {
  return process.env.CGM_BENCH_CACHE ?? join(homedir(), '.cache', 'cgm-bench');
}

/** The inputs for these sizes: from the cache when its stamp matches, else generated (a minute or two at full size). */
export async function englandInputs(sizes: EnglandSizes = ENGLAND, log: (line: string) => void = console.log): Promise<EnglandInputs> {
  const name = `england-v${VERSION}-${sizes.areas}-${sizes.postcodes}-${sizes.users}-${sizes.roadNodes}-${sizes.vertices}`;
  const dir = join(cacheRoot(), name);
  const stampPath = join(dir, 'stamp.json');
  const paths = {
    dir, sizes,
    shapefile: join(dir, 'oa_england.shp'), onspd: join(dir, 'ONSPD_ENGLAND_SYNTH.csv'), users: join(dir, 'service_users.csv'),
    oac: join(dir, 'oac2021_by_oa.csv'), population: join(dir, 'TS001_by_oa.csv'), roads: join(dir, 'england-roads.osm.pbf'),
  };
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (stamp.version === VERSION) {
      log(`national inputs: cached in ${dir}`);
      return { ...paths, facts: stamp.facts };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const at = (p: string) => join(work, p.slice(dir.length + 1));
  const seconds: Record<string, number> = {};
  const step = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await fn();
    seconds[label] = Number(((performance.now() - t) / 1000).toFixed(1));
    log(`  generated ${label} in ${seconds[label]} s`);
    return value;
  };
  log(`national inputs: generating into ${dir}`);
  await step(`${sizes.areas} OA polygons`, () => writeShapefile(at(paths.shapefile).replace(/\.shp$/, ''), sizes.areas, sizes.vertices));
  const directory = await step(`${sizes.postcodes} ONSPD rows`, () => writeOnspd(at(paths.onspd), sizes.postcodes, sizes.areas));
  await step(`${sizes.users} service users`, () => writeUsers(at(paths.users), sizes.users, directory));
  await step('OAC and TS001', () => { writeOac(at(paths.oac), sizes.areas); writePopulation(at(paths.population), sizes.areas); });
  const roads = await step(`road network (≥${sizes.roadNodes} nodes)`, () => writeRoads(at(paths.roads), sizes.roadNodes, sizes.areas));
  const facts = { england: directory.england, englandTerminated: directory.englandTerminated, welsh: directory.welsh, scottish: directory.scottish, roads, seconds };
  writeFileSync(join(work, 'stamp.json'), JSON.stringify({ version: VERSION, sizes, facts }, null, 1));
  renameSync(work, dir);
  return { ...paths, facts };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--scale');
  const inputs = await englandInputs(i > 0 ? scaled(Number(process.argv[i + 1])) : ENGLAND);
  console.log(JSON.stringify(inputs, null, 1));
}
