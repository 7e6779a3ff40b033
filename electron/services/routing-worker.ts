// The routing worker: travel-time bands and band tables (a national network
// takes seconds to route and trace) run here, in a thread of their own, so the
// main thread keeps answering the app. Each job opens the project file afresh
// (the main thread may have renamed a new copy into place since) and runs the
// same handler the main thread would; progress goes back as messages. Jobs run
// one at a time; routing-thread.ts cancels a running one by ending the thread.
import { parentPort } from 'node:worker_threads';
import type { CallContext } from '../../shared/contract';
import { RequestError } from './dispatch';
import { mapHandlers } from './map-handlers';
import { ProjectSession } from './project-session';
import { tableHandlers } from './table-handlers';

export const ROUTED_METHODS = ['getIsochrones', 'getBandTable'] as const;
export type RoutedMethod = (typeof ROUTED_METHODS)[number];

export interface RoutingJob {
  id: number;
  path: string;
  method: RoutedMethod;
  input: unknown;
}

export type FromRoutingWorker = { id: number } & (
  | { type: 'progress'; message: string; fraction: number | null }
  | { type: 'done'; output: unknown }
  | { type: 'failed'; name: string; message: string; status?: number; stack?: string }
);

const port = parentPort!;
const post = (m: FromRoutingWorker) => port.postMessage(m);
// Never aborted here: a cancelled job's thread is ended from outside.
const idle = new AbortController().signal;

async function run(job: RoutingJob): Promise<void> {
  const session = new ProjectSession(job.path);
  try {
    const ctx: CallContext = { signal: idle, progress: (message, fraction) => post({ id: job.id, type: 'progress', message, fraction }) };
    const handlers = { ...mapHandlers(session), ...tableHandlers(session) };
    const handler = handlers[job.method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    post({ id: job.id, type: 'done', output: await handler(job.input, ctx) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ id: job.id, type: 'failed', name: e.name, message: e.message, status: e instanceof RequestError ? e.status : undefined, stack: e.stack });
  } finally {
    session.close();
  }
}

let queue = Promise.resolve();
port.on('message', (job: RoutingJob) => {
  queue = queue.then(() => run(job));
});
