// Drives fuzzed imports through worker processes: one input at a time per
// worker, a time limit per input, a fresh worker after a crash or a hang, and
// every failing input written out with its seed so it can be replayed.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WorkerReply, WorkerRequest } from './protocol';
import { REPO, type Corpus } from './seeds';
import { generateInput } from './targets';
import { Tally, type FailureKind } from './tally';

export interface ImportFuzzOptions {
  formats: string[];
  seed: number;
  /** Inputs per format, numbered from `first` (default 0). */
  count: number;
  first?: number;
  corpus: Corpus;
  corpusDir: string;
  workDir: string;
  failDir: string;
  timeoutMs: number;
  tally: Tally;
  /** Worker processes sharing the inputs. */
  workers?: number;
  onProgress?(done: number): void;
}

class Worker {
  private child!: ChildProcess;
  private pending: ((reply: WorkerReply | { type: 'exit'; code: string }) => void) | null = null;
  private seq = 0;
  private dead = false;
  private deathNote = '';
  /** Crashes this process has survived; past a few hundred it is replaced, lest the hung inputs add up. */
  crashes = 0;

  constructor(private readonly corpusDir: string, private readonly workDir: string) {}

  async start(): Promise<void> {
    this.child = fork(resolve(import.meta.dirname, 'import-worker.ts'), [], {
      cwd: REPO,
      // A memory cap makes a runaway allocation an abort we can see, not a machine brought down.
      execArgv: ['--import', 'tsx', '--max-old-space-size=1536'],
      stdio: ['ignore', 'ignore', process.env.CGM_FUZZ_STACKS === '1' ? 'inherit' : 'pipe', 'ipc'],
    });
    let stderr = '';
    this.child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    this.child.on('message', (m: WorkerReply) => {
      if (m.type !== 'ready' && m.seq !== this.seq) return;
      if (m.type === 'crash') this.crashes++;
      this.settle(m);
    });
    this.child.on('error', () => {});
    this.child.on('exit', (code, signal) => {
      this.dead = true;
      const lines = stderr.split('\n').filter((l) => /Error|error|FATAL|Abort/.test(l));
      this.deathNote = `process died (${code ?? signal}): ${lines.slice(-2).join(' | ').slice(0, 300)}`;
      this.settle({ type: 'exit', code: this.deathNote });
    });
    const ready = await this.send({ type: 'init', corpusDir: this.corpusDir, workDir: this.workDir }, 300_000);
    if (ready.type !== 'ready') throw new Error(`fuzz worker did not start: ${JSON.stringify(ready)}`);
  }

  private settle(reply: WorkerReply | { type: 'exit'; code: string }): void {
    const p = this.pending;
    this.pending = null;
    p?.(reply);
  }

  run(format: string, seed: number, index: number, timeoutMs: number) {
    return this.send({ type: 'run', format, seed, index, seq: ++this.seq }, timeoutMs);
  }

  send(message: WorkerRequest, timeoutMs: number): Promise<WorkerReply | { type: 'exit'; code: string } | { type: 'timeout' }> {
    // A process that died between inputs (say, a timer left by the last one) shows its death to the next.
    if (this.dead) return Promise.resolve({ type: 'exit', code: `between inputs: ${this.deathNote}` });
    return new Promise((done) => {
      const timer = setTimeout(() => {
        this.pending = null;
        done({ type: 'timeout' });
      }, timeoutMs);
      this.pending = (reply) => {
        clearTimeout(timer);
        done(reply);
      };
      this.child.send(message);
    });
  }

  kill(): void {
    this.child.removeAllListeners('exit');
    this.child.kill('SIGKILL');
  }
}

/** The input's files and a note of how to replay it, under failDir. */
export function writeFailure(failDir: string, corpus: Corpus, seed: number, format: string, index: number, kind: string, signature: string): string {
  const dir = join(failDir, `${format}-seed${seed}-input${index}`);
  mkdirSync(dir, { recursive: true });
  if (format.startsWith('selftest-')) return dir;
  const input = generateInput(corpus, seed, format, index);
  writeFileSync(join(dir, input.name), input.data);
  for (const [ext, data] of Object.entries(input.siblings)) writeFileSync(join(dir, input.name.replace(/\.[^.]+$/, `.${ext}`)), data);
  writeFileSync(join(dir, 'failure.json'), JSON.stringify({
    format, seed, index, kind, signature, request: input.request, mutations: input.how,
    replay: `npx tsx test/fuzz/run.ts --format ${format} --seed ${seed} --index ${index}`,
  }, null, 2) + '\n');
  return dir;
}

export async function fuzzImports(o: ImportFuzzOptions): Promise<void> {
  mkdirSync(o.workDir, { recursive: true });
  const jobs: { format: string; index: number }[] = [];
  const first = o.first ?? 0;
  // Interleaved, so each worker meets every format and a short run covers all of them.
  for (let i = first; i < first + o.count; i++) for (const format of o.formats) jobs.push({ format, index: i });
  let next = 0;
  let done = 0;
  const lane = async () => {
    let worker = new Worker(o.corpusDir, o.workDir);
    await worker.start();
    while (next < jobs.length) {
      const { format, index } = jobs[next++];
      const t0 = performance.now();
      let reply = await worker.run(format, o.seed, index, o.timeoutMs);
      o.tally.time(format, performance.now() - t0);
      const fail = (kind: FailureKind, signature: string) => {
        const dir = writeFailure(o.failDir, o.corpus, o.seed, format, index, kind, signature);
        o.tally.failure(format, kind, signature, dir);
      };
      if (reply.type === 'crash') fail('crash', reply.signature);
      if (reply.type === 'timeout' || reply.type === 'exit' || worker.crashes >= 300) {
        if (reply.type === 'exit') fail('crash', reply.code);
        worker.kill();
        worker = new Worker(o.corpusDir, o.workDir);
        await worker.start();
      }
      if (reply.type === 'timeout') {
        // On a busy machine a slow input can miss the limit: it is a hang only if a fresh
        // process cannot finish it in five times as long either.
        reply = await worker.run(format, o.seed, index, o.timeoutMs * 5);
        if (reply.type === 'timeout' || reply.type === 'exit') {
          fail(reply.type === 'timeout' ? 'hang' : 'crash', reply.type === 'timeout' ? `no answer within ${o.timeoutMs * 5} ms` : reply.code);
          worker.kill();
          worker = new Worker(o.corpusDir, o.workDir);
          await worker.start();
        } else if (reply.type === 'crash') fail('crash', reply.signature);
        else o.tally.slow(format);
      }
      if (reply.type === 'result') {
        o.tally.input(format, reply.outcome, reply.signature);
        if (reply.outcome === 'internal error') fail('internal', reply.signature ?? 'no error');
        if (reply.changed) fail('changed', reply.changed);
      }
      o.onProgress?.(++done);
    }
    worker.kill();
  };
  await Promise.all(Array.from({ length: o.workers ?? 1 }, lane));
}
