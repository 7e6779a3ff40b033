// How long `cgm info` takes to start and answer, against `ogrinfo --version`
// (GDAL's CLI start), both as child processes: wall and CPU seconds and peak
// RSS from /usr/bin/time, medians of 5 after one warm-up. The shipped bundle
// (dist/cli/cgm.mjs) and the TypeScript sources through tsx, side by side.
//   npx tsx bench/cli-start.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../electron/store/project';

interface Start { wall: number; cpu: number; rssMiB: number }

function measure(argv: string[], env: NodeJS.ProcessEnv = {}): Start {
  const runs: Start[] = [];
  for (let r = 0; r < 6; r++) {
    const run = spawnSync('/usr/bin/time', ['-f', 'cgm-time %e %U %S %M', ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
    const m = /cgm-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
    if (run.status !== 0 || !m) throw new Error(`${argv.join(' ')} failed: ${run.stderr}`);
    if (r > 0) runs.push({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024 });
  }
  const median = (k: keyof Start) => runs.map((x) => x[k]).sort((a, b) => a - b)[2];
  return { wall: median('wall'), cpu: median('cpu'), rssMiB: median('rssMiB') };
}

const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-cli-'));
try {
  const project = join(dir, 'empty.gpkg');
  createProject(project, { name: 'CLI start' }).close();
  const cgm = [process.execPath, join(import.meta.dirname, '..', 'bin', 'cgm.mjs'), 'info', '--project', project];
  const rows: [string, Start][] = [
    ['cgm info (bundle)', measure(cgm)],
    ['cgm info (tsx, CGM_CLI_FROM_SOURCE=1)', measure(cgm, { CGM_CLI_FROM_SOURCE: '1' })],
    ['ogrinfo --version', measure(['ogrinfo', '--version'])],
  ];
  for (const [name, r] of rows) console.log(`${name.padEnd(40)} wall ${r.wall.toFixed(2)} s  CPU ${r.cpu.toFixed(2)} s  peak RSS ${r.rssMiB.toFixed(0)} MiB`);
  const [bundle, , ogr] = rows.map((r) => r[1]);
  console.log(`ratio cgm / ogrinfo: ${(bundle.wall / ogr.wall).toFixed(1)}x wall, ${(bundle.cpu / Math.max(ogr.cpu, 0.01)).toFixed(1)}x CPU (target: cgm under 0.3 s)`);
  console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
