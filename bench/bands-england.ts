// Bands nationally as the analyst runs them (issue 18: "profile, gaps and bands
// nationally in under 5 s each"): `cgm bands` and `cgm isochrones` on a project
// built from the England inputs through the ordinary `cgm import` commands:
// the 190,000 OA shapefile, OAC-style assignments, TS001-style population, the
// 2.7M-row ONSPD-layout directory (each area's point is the mean of its live
// postcodes, as in a real project), 300 GP sites and the 5M-node road network. Each command is timed as a child
// process (wall, CPU, peak RSS from /usr/bin/time: start-up, opening the project
// and loading the cached road graph included). The first band table also builds
// the drive graph and caches it in the project, as an analyst's first route does;
// it is printed apart. Prints figures, not pass/fail.
//   npx tsx bench/bands-england.ts [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENGLAND, englandInputs } from './england/generate';
import { CELL, GRID_ORIGIN, gridSide } from './england/shapefile';
import { benchArg, loadLine, NATIONAL_DATA_DIR } from './national/setup';

const SERVICE = 'GP';
const TARGET_S = 5;
const runs = benchArg('runs', 3);
const bin = join(import.meta.dirname, '..', 'bin', 'cgm.mjs');

interface Run { wall: number; cpu: number; rssMiB: number; stdout: string }
function cgm(args: string[]): Run {
  const run = spawnSync('/usr/bin/time', ['-f', 'cgm-time %e %U %S %M', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /cgm-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !m) throw new Error(`cgm ${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, stdout: run.stdout };
}

/** The England bands project, built through `cgm import` unless cached; its path and build seconds (null when cached). */
async function bandsProject(): Promise<{ path: string; builtS: number | null }> {
  const path = join(NATIONAL_DATA_DIR, 'projects', 'bands-england-v3.gpkg');
  if (existsSync(path)) return { path, builtS: null };
  const t = performance.now();
  const inputs = await englandInputs(ENGLAND);
  const work = join(NATIONAL_DATA_DIR, 'bands-inputs');
  mkdirSync(work, { recursive: true });
  // 300 practices at OA cell centres spread over the lattice, given in British National Grid as a CSV of sites may be.
  const side = gridSide(ENGLAND.areas);
  const sites = join(work, 'sites.csv');
  writeFileSync(sites, ['name,easting,northing', ...Array.from({ length: 300 }, (_, k) => {
    const i = Math.floor(((k + 0.5) * ENGLAND.areas) / 300);
    return `Practice ${k + 1},${GRID_ORIGIN + (i % side) * CELL + CELL / 2},${GRID_ORIGIN + Math.floor(i / side) * CELL + CELL / 2}`;
  })].join('\n'));
  const partial = `${path}.partial.gpkg`;
  // Run first on a fresh machine, no other bench has made the projects folder.
  mkdirSync(dirname(partial), { recursive: true });
  rmSync(partial, { force: true });
  const p = ['--project', partial];
  cgm(['new', ...p, '--name', 'England bands']);
  cgm(['import', 'boundaries', ...p, '--quiet', '--file', inputs.shapefile, '--level', 'OA', '--code-field', 'OA21CD', '--name-field', 'OA21NM']);
  cgm(['import', 'assignments', ...p, '--quiet', '--file', inputs.oac, '--scheme', 'OAC 2021', '--area-field', 'oa21cd', '--levels', 'supergroup,group,subgroup']);
  cgm(['import', 'population', ...p, '--quiet', '--file', inputs.population, '--area-field', 'geography code', '--count-field', 'Residence type: Total; measures: Value']);
  cgm(['import', 'postcodes', ...p, '--quiet', '--file', inputs.onspd]);
  cgm(['import', 'sites', ...p, '--quiet', '--file', sites, '--service', SERVICE, '--name-field', 'name', '--easting-field', 'easting', '--northing-field', 'northing', '--crs', 'EPSG:27700']);
  cgm(['import', 'roads', ...p, '--file', inputs.roads]);
  renameSync(partial, path);
  rmSync(work, { recursive: true, force: true });
  return { path, builtS: (performance.now() - t) / 1000 };
}

const built = await bandsProject();
console.log(`project: 190,000 OAs, OAC 2021, TS001, ONSPD, 300 sites, 5M-node roads${built.builtS ? `, built in ${built.builtS.toFixed(1)} s` : ' (cached)'}: ${built.path}`);
const p = ['--project', built.path];
const bands = ['bands', ...p, '--service', SERVICE, '--mode', 'drive', '--segment-level', 'supergroup', '--format', 'json'];
const line = (r: Run) => `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.rssMiB.toFixed(0)} MiB peak`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The drive graph is built once per project and profile and kept in the project: a project fresh from its
// road import builds it here; a cached project (or a second run of this bench) already has it.
const first = cgm(bands);
console.log(`cgm bands (first in this run; builds and caches the drive graph only if the project lacks it): ${line(first)}`);
const warm = Array.from({ length: runs }, () => cgm(bands));
const same = warm.every((r) => r.stdout === first.stdout);
const rows = (JSON.parse(first.stdout) as { rows: unknown[] }).rows.length;
console.log(`cgm bands, drive, by supergroup, graph cached (${runs} runs): median ${median(warm.map((r) => r.wall)).toFixed(2)} s wall ` +
  `[${warm.map((r) => r.wall.toFixed(2)).join(', ')}], ${median(warm.map((r) => r.cpu)).toFixed(2)} s CPU, ` +
  `${Math.max(...warm.map((r) => r.rssMiB)).toFixed(0)} MiB peak; ${rows} rows, ${same ? 'identical every run' : 'OUTPUT DIFFERS'} (target < ${TARGET_S} s)`);
const out = join(NATIONAL_DATA_DIR, 'bands-england-isochrones.geojson');
const iso = cgm(['isochrones', ...p, '--service', SERVICE, '--mode', 'drive', '--minutes', '5,10,15,20,25', '--out', out, '--format', 'json']);
rmSync(out, { force: true });
console.log(`cgm isochrones 5…25 min, drive, graph cached: ${line(iso)} (target < 10 s)`);
console.log(loadLine());
