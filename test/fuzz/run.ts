// The long fuzz run, and replay of one input:
//   npx tsx test/fuzz/run.ts --per-format 10000 [--seed 1] [--formats a,b] [--workers 2]
//   npx tsx test/fuzz/run.ts --format population --seed 1 --index 17
// Failing inputs go to test-output/fuzz/failures/. The last line is
// "inputs N, crashes C, hangs H, changed X".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzHttp, HTTP_FORMAT } from './http-runner';
import { fuzzImports } from './import-runner';
import { buildCorpus, REPO } from './seeds';
import { Tally } from './tally';
import { IMPORT_FORMATS } from './targets';

const { values } = parseArgs({
  options: {
    'per-format': { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    formats: { type: 'string' },
    format: { type: 'string' },
    index: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'timeout-ms': { type: 'string', default: '20000' },
    out: { type: 'string', default: join(REPO, 'test-output', 'fuzz') },
  },
});

const out = values.out!;
const corpusDir = join(out, 'corpus');
const workDir = join(out, 'work');
const failDir = join(out, 'failures');
mkdirSync(workDir, { recursive: true });
const corpus = await buildCorpus(corpusDir);
const tally = new Tally();
const seed = Number(values.seed);
const replay = values.format !== undefined && values.index !== undefined;
if (replay) process.env.CGM_FUZZ_STACKS = '1';
const formats = replay ? [values.format!] : values.formats ? values.formats.split(',') : [...IMPORT_FORMATS, HTTP_FORMAT];
const count = replay ? 1 : Number(values['per-format']);
const first = replay ? Number(values.index) : 0;
const common = { seed, count, first, corpus, corpusDir, workDir, failDir, timeoutMs: Number(values['timeout-ms']), tally };
const started = Date.now();
let last = 0;
const onProgress = (done: number) => {
  if (Date.now() - last < 60_000) return;
  last = Date.now();
  console.log(`${new Date().toISOString()} ${done} inputs (${tally.resultLine()}, ${tally.internalLine()})`);
};

function report(note = ''): void {
  for (const line of tally.summary()) console.log(line);
  console.log(`seed ${seed}, ${formats.length} formats, ${Math.round((Date.now() - started) / 1000)} s${note}`);
  console.log(tally.internalLine());
  console.log(tally.resultLine());
}
// A long run stopped early still reports what it ran, as such.
process.on('SIGTERM', () => {
  report(', STOPPED EARLY (SIGTERM)');
  process.exit(1);
});

const importFormats = formats.filter((f) => f !== HTTP_FORMAT);
// The server fuzz runs beside the import workers: it is one more process, mostly waiting.
try {
  await Promise.all([
    importFormats.length ? fuzzImports({ ...common, formats: importFormats, workers: Number(values.workers), onProgress }) : null,
    formats.includes(HTTP_FORMAT) ? fuzzHttp({ ...common }) : null,
  ]);
} catch (error) {
  // The harness itself failed (a worker or the server would not start): say so, with what ran.
  report(`, HARNESS FAILED: ${(error as Error).message.split('\n')[0]}`);
  process.exit(2);
}
report();
process.exit(tally.newFailures().length ? 1 : 0);
