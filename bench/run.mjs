// `npm run bench [-- name...]`: runs every bench/*.ts (or those whose file name
// contains one of the names) through tsx, one after another, so two benchmarks
// never compete for the same cores. Each bench's wall time, and the total with
// the load beside it, are printed at the end: the whole run is meant to fit in
// 40 minutes on 2 cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && (filters.length === 0 || filters.some((n) => f.includes(n))))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}
const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(1).padStart(4, '0')} s`;
let failed = 0;
const times = [];
const started = performance.now();
for (const file of benches) {
  console.log(`\n== ${file}`);
  const t = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  times.push({ file, ms: performance.now() - t, ok: run.status === 0 });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} exited with ${run.status ?? run.signal}`);
  }
}
console.log('\n== wall time per bench');
const width = Math.max(...times.map((x) => x.file.length));
for (const { file, ms, ok } of times) console.log(`  ${file.padEnd(width)}  ${minutes(ms)}${ok ? '' : '  (failed)'}`);
console.log(`  ${'total'.padEnd(width)}  ${minutes(performance.now() - started)}`);
console.log(`  load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
process.exit(failed ? 1 : 0);
