// National tabular imports: the 2.7M-row ONSPD-layout postcode directory and
// 1M service users (bench/england), each into a project that already holds
// England's 190k OAs, with the study-area filtering that implies; against
// `ogr2ogr` loading the same directory CSV into a GeoPackage. Each import runs
// in its own child process so its peak RSS is its own. Prints rows/s, CPU and
// peak memory, not pass/fail (target: >= 500k rows/s each).
//   npx tsx bench/import-tables.ts [--scale 1] [--keep] [--postcodes-only]
// --postcodes-only: the postcode import alone, neither users nor ogr2ogr (a minute).
// Users alone, again and again, on a project holding the directory (built once by --prepare):
//   npx tsx bench/import-tables.ts --prepare FILE.gpkg      then      --users-on FILE.gpkg [--cpu-prof]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAssignments, importBoundaries, importPopulation, importPostcodes, importUsers } from '../electron/importers/index';
import { createProject, openProject } from '../electron/store/project';
import { ENGLAND, englandInputs, scaled } from './england/generate';

interface Measure { ms: number; cpuMs: number; mainCpuMs: number | null; peakMiB: number; rows: number; imported: number; rejected: Record<string, number> }

const self = fileURLToPath(import.meta.url);
const scaleAt = process.argv.indexOf('--scale');
const sizes = scaleAt > 0 ? scaled(Number(process.argv[scaleAt + 1])) : ENGLAND;
const postcodesOnly = process.argv.includes('--postcodes-only');

/**
 * CPU of this process's main thread alone (Linux: /proc, in clock ticks of 10 ms), null elsewhere:
 * with work in other threads (the postcode writer) the main thread is what a quiet machine's wall time follows.
 */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** In the child: one import into the prepared project, its measure as JSON on stdout. */
async function phase(kind: 'postcodes' | 'users', projectPath: string): Promise<void> {
  const inputs = await englandInputs(sizes, () => {});
  const project = openProject(projectPath);
  const t = performance.now();
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const summary = kind === 'postcodes'
    ? await importPostcodes(project, inputs.onspd)
    : await importUsers(project, inputs.users, { service: 'Social prescribing', postcodeField: 'Post Code', dateField: 'Referral Date' });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const mainCpuEnd = mainThreadCpuMs();
  project.close();
  const m: Measure = { ms, cpuMs: (used.user + used.system) / 1000, mainCpuMs: mainCpu === null || mainCpuEnd === null ? null : mainCpuEnd - mainCpu, peakMiB: process.resourceUsage().maxRSS / 1024, rows: summary.rowsRead, imported: summary.imported, rejected: summary.rejected ?? {} };
  process.stdout.write(JSON.stringify(m));
}

function child(kind: string, projectPath: string): Measure {
  // --cpu-prof writes the child's profile (CPU.*.cpuprofile) into the working directory.
  const node = process.argv.includes('--cpu-prof') ? ['--cpu-prof'] : [];
  const run = spawnSync(process.execPath, [...node, '--import', 'tsx', self, '--phase', kind, projectPath, ...process.argv.slice(2)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${kind} import failed: ${run.stderr}`);
  return JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')} rows/s`;

const optionAt = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

function printUsers(us: Measure): void {
  console.log(`cgm importUsers, ${us.rows.toLocaleString('en-GB')} rows: ${s(us.ms)} = ${rate(us.rows, us.ms)} (CPU ${s(us.cpuMs)}, peak RSS ${us.peakMiB.toFixed(0)} MiB); ` +
    `matched ${us.imported.toLocaleString('en-GB')}, rejected ${JSON.stringify(us.rejected)}`);
}

/** The reference: GDAL reading the same CSV (points from long/lat) into a GeoPackage, no filtering. */
function compareOgr(dir: string, onspd: string, pc: Measure): void {
  const t = performance.now();
  const ogr = spawnSync('/usr/bin/time', ['-f', 'cgm-cpu %U %S %M', 'ogr2ogr', '-f', 'GPKG', join(dir, 'ogr.gpkg'), onspd,
    '-oo', 'X_POSSIBLE_NAMES=long', '-oo', 'Y_POSSIBLE_NAMES=lat', '-a_srs', 'EPSG:4326', '-nln', 'onspd'], { encoding: 'utf8' });
  const ogrMs = performance.now() - t;
  const m = /cgm-cpu ([\d.]+) ([\d.]+) (\d+)/.exec(ogr.stderr ?? '');
  if (ogr.status !== 0 || !m) throw new Error(`ogr2ogr failed: ${ogr.stderr || ogr.error}`);
  const ogrCpu = (Number(m[1]) + Number(m[2])) * 1000;
  console.log(`ogr2ogr CSV -> GPKG, same file: ${s(ogrMs)} = ${rate(pc.rows, ogrMs)} (CPU ${s(ogrCpu)}, peak RSS ${(Number(m[3]) / 1024).toFixed(0)} MiB)`);
  console.log(`ratio ours / ogr2ogr (postcodes): ${(pc.ms / ogrMs).toFixed(2)} wall, ${(pc.cpuMs / ogrCpu).toFixed(2)} CPU`);
}

/** The users import alone on a copy of a prepared project (--prepare), so runs can alternate with another build. */
function usersOn(prepared: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-users-'));
  try {
    const projectPath = join(dir, 'england.gpkg');
    copyFileSync(prepared, projectPath);
    printUsers(child('users', projectPath));
    console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const inputs = await englandInputs(sizes);
  const prepare = optionAt('--prepare');
  const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-tables-'));
  try {
    const projectPath = prepare ?? join(dir, 'england.gpkg');
    const project = createProject(projectPath, { name: 'England bench' });
    const t = performance.now();
    await importBoundaries(project, inputs.shapefile, { level: 'OA', codeField: 'OA21CD', nameField: 'OA21NM' });
    await importAssignments(project, inputs.oac, { scheme: 'OAC 2021', areaField: 'oa21cd', segmentField: 'supergroup' });
    await importPopulation(project, inputs.population, { areaField: 'geography code', countField: 'Residence type: Total; measures: Value' });
    project.close();
    console.log(`project with ${sizes.areas.toLocaleString('en-GB')} OAs, OAC and TS001 prepared in ${s(performance.now() - t)} (not timed below)`);

    const pc = child('postcodes', projectPath);
    console.log(`cgm importPostcodes, ${pc.rows.toLocaleString('en-GB')} ONSPD rows: ${s(pc.ms)} = ${rate(pc.rows, pc.ms)} (CPU ${s(pc.cpuMs)}${pc.mainCpuMs === null ? '' : `, main thread ${s(pc.mainCpuMs)}`}, peak RSS ${pc.peakMiB.toFixed(0)} MiB); ` +
      `kept ${pc.imported.toLocaleString('en-GB')}, set aside ${JSON.stringify(pc.rejected)}`);
    if (prepare) return;
    if (!postcodesOnly) {
      printUsers(child('users', projectPath));
      compareOgr(dir, inputs.onspd, pc);
    }
    console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
  } finally {
    if (process.argv.includes('--keep')) console.log(`files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const phaseAt = process.argv.indexOf('--phase');
const usersAt = optionAt('--users-on');
if (phaseAt > 0) await phase(process.argv[phaseAt + 1] as 'postcodes' | 'users', process.argv[phaseAt + 2]);
else if (usersAt) usersOn(usersAt);
else await main();
