// Runs one import in a worker thread (import-worker.ts) and waits for it, as
// if it ran here: progress arrives through the call's context, the signal
// cancels it, and its errors come back as the same kinds (an ImportError
// still answers 422 with the file, row and field it names).
import { Worker } from 'node:worker_threads';
import type { ImportSummaryResult } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { ImportCancelled, ImportError, type ImportContext, type ImportSummary, type InMemoryFile } from '../importers/importer';
import type { RunInput } from './import-run';
import type { ImportJob, WorkerMessage } from './import-worker';

/**
 * From the sources (tsx, tests) the worker registers tsx itself before
 * loading the .ts entry; the bundled app ships it built beside main.mjs.
 */
function startWorker(job: ImportJob): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./import-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(entry)}));`;
    return new Worker(boot, { eval: true, workerData: job });
  }
  return new Worker(new URL('./import-worker.mjs', import.meta.url), { workerData: job });
}

function rebuilt(m: Extract<WorkerMessage, { type: 'failed' }>, file: string): Error {
  const error =
    m.name === 'ImportCancelled' ? new ImportCancelled(file) : m.name === 'ImportError' ? new ImportError(m.message) : m.name === 'InputError' ? new InputError(m.message) : new Error(m.message);
  if (m.stack) error.stack = m.stack;
  return error;
}

export function runImportInWorker(path: string, input: InMemoryFile, request: RunInput, ctx: ImportContext): Promise<ImportSummary | ImportSummaryResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ path, input, request });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      ctx.signal?.removeEventListener('abort', abort);
      fn();
      void worker.terminate();
    };
    const abort = () => worker.postMessage({ type: 'abort' });
    if (ctx.signal?.aborted) abort();
    ctx.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') ctx.progress?.(m.message, m.fraction);
      else if (m.type === 'done') finish(() => resolve(m.summary as ImportSummary));
      else finish(() => reject(rebuilt(m, input.name)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`The import of ${input.name} stopped (worker exit ${code})`))));
  });
}
