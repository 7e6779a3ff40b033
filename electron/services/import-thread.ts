// Runs imports in a worker thread (import-worker.ts) and waits for each, as
// if it ran here: progress arrives through the call's context, the signal
// cancels it, and its errors come back as the same kinds (an ImportError
// still answers 422 with the file, row and field it names).
import { Worker } from 'node:worker_threads';
import type { ImportSummaryResult } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { ImportCancelled, ImportError, type ImportContext, type ImportSummary, type InMemoryFile } from '../importers/importer';
import type { RunInput } from './import-run';
import type { FromWorker, ToWorker } from './import-worker';

interface Pending {
  file: string;
  ctx: ImportContext;
  resolve(summary: ImportSummary | ImportSummaryResult): void;
  reject(error: Error): void;
}

/**
 * From the sources (tsx, tests) the worker registers tsx itself before
 * loading the .ts entry; the bundled app ships it built beside main.mjs.
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./import-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(entry)}));`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./import-worker.mjs', import.meta.url));
}

function rebuilt(m: Extract<FromWorker, { type: 'failed' }>, file: string): Error {
  const error =
    m.name === 'ImportCancelled' ? new ImportCancelled(file) : m.name === 'ImportError' ? new ImportError(m.message) : m.name === 'InputError' ? new InputError(m.message) : new Error(m.message);
  if (m.stack) error.stack = m.stack;
  return error;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/** The one import worker, started on first use; it keeps the process alive only while an import runs. */
function importWorker(): Worker {
  if (worker) return worker;
  const w = startWorker();
  w.unref();
  w.on('message', (m: FromWorker) => {
    const job = pending.get(m.id);
    if (!job) return;
    if (m.type === 'progress') return job.ctx.progress?.(m.message, m.fraction);
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.type === 'done') job.resolve(m.summary as ImportSummary);
    else job.reject(rebuilt(m, job.file));
  });
  const fail = (error: Error) => {
    if (worker === w) worker = null;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.reject(error);
    }
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`The import worker stopped (exit ${code})`)));
  worker = w;
  return w;
}

export function runImportInWorker(path: string, input: InMemoryFile, request: RunInput, ctx: ImportContext): Promise<ImportSummary | ImportSummaryResult> {
  const w = importWorker();
  const id = nextId++;
  const send = (m: ToWorker) => w.postMessage(m);
  const abort = () => send({ type: 'abort', id });
  return new Promise<ImportSummary | ImportSummaryResult>((resolve, reject) => {
    pending.set(id, { file: input.name, ctx, resolve, reject });
    w.ref(); // held while an import runs, so the process waits for it
    send({ type: 'job', id, path, input, request });
    if (ctx.signal?.aborted) abort();
    ctx.signal?.addEventListener('abort', abort, { once: true });
  }).finally(() => ctx.signal?.removeEventListener('abort', abort));
}
