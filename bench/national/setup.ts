// What every national bench sets up the same way: its --name value arguments,
// the cache folder outside the repository, the national project (built once by
// ./project.ts, then reused) announced in one line, and the load line that
// every printed figure must be read against. The analysis variant adds a
// postcode directory, 1,000,000 users, 300 sites and a need indicator through
// the ordinary importers.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAC_SUPERGROUPS } from '../../data/demo/oac-classes';
import { importPostcodes, importRates, importSites, importUsers } from '../../electron/importers/index';
import { openProject } from '../../electron/store/project';
import { syntheticCentre } from '../recolour/synthetic-areas';
import { nationalProject, type NationalProject } from './project';

/** Where national projects are built and kept between runs. */
export const NATIONAL_DATA_DIR = join(tmpdir(), 'cgm-national-app');

/** `--name N` from the command line, else `fallback`. */
export function benchArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The load average and cores: figures measured on a shared machine mean little without it. */
export function loadLine(): string {
  return `load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`;
}

function announce(what: string, built: { path: string; builtMs: number | null }): void {
  console.log(`project: ${what}${built.builtMs ? `, built in ${(built.builtMs / 1000).toFixed(1)} s` : ' (cached)'}: ${built.path}`);
}

/** The national project of `count` areas (segments and population), built unless cached; says which. */
export async function benchNationalProject(count: number): Promise<NationalProject> {
  const built = await nationalProject(NATIONAL_DATA_DIR, count);
  announce(`${built.areas.toLocaleString('en-GB')} areas`, built);
  return built;
}

export const ANALYSIS_SERVICE = 'GP';
export const ANALYSIS_INDICATOR = 'Need';

/** A valid, unique postcode for each i (outward AA9/AA99, inward 9AA), none a pseudo-postcode. */
function postcodeOf(i: number): string {
  const A = 'ABCDEFGHJKLMNOPRSTUWY', U = 'ABDEFGHJLNPQRSTUWXYZ';
  let n = i;
  const a = A[n % 21]; n = Math.floor(n / 21);
  const b = A[n % 21]; n = Math.floor(n / 21);
  const d = 1 + (n % 90); n = Math.floor(n / 90);
  const s = n % 10; n = Math.floor(n / 10);
  return `${a}${b}${d} ${s}${U[n % 20]}${U[Math.floor(n / 20) % 20]}`;
}

/** The national project with two postcodes an area, `users` users of ANALYSIS_SERVICE, 300 sites and rates of ANALYSIS_INDICATOR. */
export async function benchAnalysisProject(count: number, users: number): Promise<{ path: string; builtMs: number | null }> {
  const path = join(NATIONAL_DATA_DIR, 'projects', `national-analysis-${count}-${users}.gpkg`);
  const what = `${count.toLocaleString('en-GB')} areas, ${users.toLocaleString('en-GB')} users, 300 sites`;
  if (existsSync(path)) {
    announce(what, { path, builtMs: null });
    return { path, builtMs: null };
  }
  const t = performance.now();
  const base = await nationalProject(NATIONAL_DATA_DIR, count);
  const work = join(NATIONAL_DATA_DIR, `analysis-inputs-${count}`);
  mkdirSync(work, { recursive: true });
  const code = (i: number) => `E${String(i).padStart(8, '0')}`;
  // Two postcodes an area, at its centre.
  const pcs = Array.from({ length: 2 * count }, (_, k) => postcodeOf(k));
  writeFileSync(join(work, 'postcodes.csv'), ['postcode,lat,lon,oa', ...pcs.map((pc, k) => {
    const [lon, lat] = syntheticCentre(k >> 1, count);
    return `${pc},${lat.toFixed(6)},${lon.toFixed(6)},${code(k >> 1)}`;
  })].join('\n'));
  writeFileSync(join(work, 'users.csv'), ['postcode,referral_date', ...Array.from({ length: users }, (_, k) => `${pcs[(k * 7919) % pcs.length]},2025-0${1 + (k % 9)}-1${k % 10}`)].join('\n'));
  writeFileSync(join(work, 'sites.csv'), ['name,lat,lon', ...Array.from({ length: 300 }, (_, k) => {
    const [lon, lat] = syntheticCentre(Math.floor(((k + 0.5) * count) / 300), count);
    return `Practice ${k + 1},${lat.toFixed(6)},${lon.toFixed(6)}`;
  })].join('\n'));
  writeFileSync(join(work, 'rates.csv'), ['segment,rate', ...OAC_SUPERGROUPS.map((sg, k) => `${sg.code},${(0.05 + 0.02 * k).toFixed(2)}`)].join('\n'));
  const partial = `${path}.partial.gpkg`;
  copyFileSync(base.path, partial);
  const project = openProject(partial);
  try {
    await importPostcodes(project, join(work, 'postcodes.csv'), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa' });
    await importUsers(project, join(work, 'users.csv'), { service: ANALYSIS_SERVICE, postcodeField: 'postcode', dateField: 'referral_date' });
    await importSites(project, join(work, 'sites.csv'), { service: ANALYSIS_SERVICE, nameField: 'name', latField: 'lat', lonField: 'lon' });
    await importRates(project, join(work, 'rates.csv'), { indicator: ANALYSIS_INDICATOR, segmentField: 'segment', rateField: 'rate' });
  } finally {
    project.close();
  }
  renameSync(partial, path);
  rmSync(work, { recursive: true, force: true });
  const built = { path, builtMs: performance.now() - t };
  announce(what, built);
  return built;
}
