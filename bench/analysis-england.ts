// National analyses as the analyst runs them (issue 18: profile and gaps for
// all of England in under 5 s each): `cgm profile` and `cgm gaps` on a project
// of ~190,000 Output Areas (bench/national/project.ts) with a postcode
// directory, 1,000,000 service users, 300 sites and a need indicator added
// through the ordinary importers, each command timed as a child process (wall,
// CPU, peak RSS from /usr/bin/time: start-up included). Gaps go straight-line
// (the project has no roads); the band table over the England road network is
// timed in traveltime-england.ts. Prints figures, not pass/fail.
//   npx tsx bench/analysis-england.ts [--count 190000] [--users 1000000]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAC_SUPERGROUPS } from '../data/demo/oac-classes';
import { importPostcodes, importRates, importSites, importUsers } from '../electron/importers/index';
import { openProject } from '../electron/store/project';
import { NATIONAL_SCHEME, nationalProject } from './national/project';
import { syntheticCentre } from './recolour/synthetic-areas';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('count', 190_000);
const users = arg('users', 1_000_000);
const dataDir = join(tmpdir(), 'cgm-national-app');
const SERVICE = 'GP';
const INDICATOR = 'Need';
const TARGET_S = 5;

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

async function analysisProject(): Promise<{ path: string; builtMs: number | null }> {
  const path = join(dataDir, 'projects', `national-analysis-${count}-${users}.gpkg`);
  if (existsSync(path)) return { path, builtMs: null };
  const t = performance.now();
  const base = await nationalProject(dataDir, count);
  const work = join(dataDir, `analysis-inputs-${count}`);
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
    await importUsers(project, join(work, 'users.csv'), { service: SERVICE, postcodeField: 'postcode', dateField: 'referral_date' });
    await importSites(project, join(work, 'sites.csv'), { service: SERVICE, nameField: 'name', latField: 'lat', lonField: 'lon' });
    await importRates(project, join(work, 'rates.csv'), { indicator: INDICATOR, segmentField: 'segment', rateField: 'rate' });
  } finally {
    project.close();
  }
  renameSync(partial, path);
  rmSync(work, { recursive: true, force: true });
  return { path, builtMs: performance.now() - t };
}

interface Run { wall: number; cpu: number; rssMiB: number; stdout: string }
function cgm(args: string[]): Run {
  const bin = join(import.meta.dirname, '..', 'bin', 'cgm.mjs');
  const run = spawnSync('/usr/bin/time', ['-f', 'cgm-time %e %U %S %M', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /cgm-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !m) throw new Error(`cgm ${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, stdout: run.stdout };
}

const built = await analysisProject();
console.log(`project: ${count.toLocaleString('en-GB')} areas, ${users.toLocaleString('en-GB')} users, 300 sites${built.builtMs ? `, built in ${(built.builtMs / 1000).toFixed(1)} s` : ' (cached)'}: ${built.path}`);
const p = ['--project', built.path];
const commands: [string, string[], (out: string) => string][] = [
  ['cgm profile (by supergroup)', ['profile', ...p, '--service', SERVICE, '--scheme', NATIONAL_SCHEME, '--format', 'json'], (o) => `${JSON.parse(o).rows?.length ?? '?'} rows`],
  ['cgm gaps (every OA, straight-line walk)', ['gaps', ...p, '--service', SERVICE, '--indicator', INDICATOR, '--format', 'json'], (o) => `${(JSON.parse(o).rows ?? JSON.parse(o)).length ?? '?'} rows`],
];
for (const [name, args, what] of commands) {
  const r = cgm(args);
  console.log(`${name.padEnd(42)} wall ${r.wall.toFixed(2)} s  CPU ${r.cpu.toFixed(2)} s  peak RSS ${r.rssMiB.toFixed(0)} MiB  (${what(r.stdout)}) — ${r.cpu <= TARGET_S ? 'within' : 'OVER'} ${TARGET_S} s of CPU`);
}
console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
