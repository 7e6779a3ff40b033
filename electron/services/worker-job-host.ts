// The worker's side of worker-jobs.ts: takes each job the main thread sends,
// runs it with a context whose progress goes back as messages and whose signal
// an 'abort' message fires, and answers with its output or why it failed.
import { parentPort, workerData } from 'node:worker_threads';
import type { CallContext } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { RequestError } from './dispatch';
import type { FromJobThread, JobFailure, JobRunner, ToJobThread } from './worker-jobs';

function failureOf(error: unknown): JobFailure {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, status: e instanceof RequestError ? e.status : undefined, input: e instanceof InputError, stack: e.stack };
}

/**
 * Serves jobs on this thread's port, one after another, until the thread is
 * ended, if this thread was started for `entry`: imported anywhere else (the
 * main thread, for the CLI's inline runs) the module serves nothing.
 */
export function serveJobs<J>(entry: string, run: JobRunner<J>): void {
  const port = parentPort;
  if (!port || (workerData as { jobEntry?: unknown } | null)?.jobEntry !== entry) return;
  const post = (m: FromJobThread) => port.postMessage(m);
  const running = new Map<number, AbortController>();
  let queue = Promise.resolve();
  port.on('message', (m: ToJobThread) => {
    if (m.type === 'abort') return running.get(m.id)?.abort();
    const controller = new AbortController();
    running.set(m.id, controller);
    const ctx: CallContext = { signal: controller.signal, progress: (message, fraction) => post({ id: m.id, type: 'progress', message, fraction }) };
    queue = queue.then(async () => {
      try {
        post({ id: m.id, type: 'done', output: await run(m.job as J, ctx) });
      } catch (error) {
        post({ id: m.id, type: 'failed', failure: failureOf(error) });
      } finally {
        running.delete(m.id);
      }
    });
  });
}
