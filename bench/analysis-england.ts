// National analyses as the analyst runs them (issue 18: profile and gaps for
// all of England in under 5 s each): `cgm profile` and `cgm gaps` on a project
// of ~190,000 Output Areas with a postcode directory, 1,000,000 service users,
// 300 sites and a need indicator added through the ordinary importers
// (bench/national/setup.ts), each command timed as a child process (wall,
// CPU, peak RSS from /usr/bin/time: start-up included). Gaps go straight-line
// (the project has no roads); the band table over the England road network is
// timed in traveltime-england.ts. Prints figures, not pass/fail.
//   npx tsx bench/analysis-england.ts [--count 190000] [--users 1000000]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NATIONAL_SCHEME } from './national/project';
import { ANALYSIS_INDICATOR, ANALYSIS_SERVICE, benchAnalysisProject, benchArg, loadLine } from './national/setup';

const count = benchArg('count', 190_000);
const users = benchArg('users', 1_000_000);
const SERVICE = ANALYSIS_SERVICE;
const INDICATOR = ANALYSIS_INDICATOR;
const TARGET_S = 5;

interface Run { wall: number; cpu: number; rssMiB: number; stdout: string }
function cgm(args: string[]): Run {
  const bin = join(import.meta.dirname, '..', 'bin', 'cgm.mjs');
  const run = spawnSync('/usr/bin/time', ['-f', 'cgm-time %e %U %S %M', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /cgm-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !m) throw new Error(`cgm ${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, stdout: run.stdout };
}

const built = await benchAnalysisProject(count, users);
const p = ['--project', built.path];
const commands: [string, string[], (out: string) => string][] = [
  ['cgm profile (by supergroup)', ['profile', ...p, '--service', SERVICE, '--scheme', NATIONAL_SCHEME, '--format', 'json'], (o) => `${JSON.parse(o).rows?.length ?? '?'} rows`],
  ['cgm gaps (every OA, straight-line walk)', ['gaps', ...p, '--service', SERVICE, '--indicator', INDICATOR, '--format', 'json'], (o) => `${(JSON.parse(o).rows ?? JSON.parse(o)).length ?? '?'} rows`],
];
for (const [name, args, what] of commands) {
  const r = cgm(args);
  console.log(`${name.padEnd(42)} wall ${r.wall.toFixed(2)} s  CPU ${r.cpu.toFixed(2)} s  peak RSS ${r.rssMiB.toFixed(0)} MiB  (${what(r.stdout)}) — ${r.cpu <= TARGET_S ? 'within' : 'OVER'} ${TARGET_S} s of CPU`);
}
console.log(loadLine());
