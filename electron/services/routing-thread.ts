// Runs the routing handlers (routing-worker.ts) in a worker thread and waits
// for each as if it ran here: progress arrives through the call's context,
// errors come back as the same kinds (an InputError still answers 422), and
// the signal cancels: a queued job is dropped, a running one (synchronous
// routing, deaf to messages) by ending the thread, which the next job starts
// afresh. A what-if drag stays on the main thread: its kept travel tree
// (drag-access.ts) lives with the main thread's project connection.
import { Worker } from 'node:worker_threads';
import type { CallContext, Handlers } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { RequestError } from './dispatch';
import type { ProjectSession } from './project-session';
import type { FromRoutingWorker, RoutedMethod, RoutingJob } from './routing-worker';

export class RoutingCancelled extends Error {
  override name = 'RoutingCancelled';
}

interface Job extends RoutingJob {
  ctx: CallContext;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

/** From the sources (tsx, tests) the worker registers tsx itself; the bundled app ships it beside main.mjs. */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./routing-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(entry)}));`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./routing-worker.mjs', import.meta.url));
}

function rebuilt(m: Extract<FromRoutingWorker, { type: 'failed' }>): Error {
  const error = m.status !== undefined ? new RequestError(m.message, m.status) : m.name === 'InputError' ? new InputError(m.message) : new Error(m.message);
  if (m.stack) error.stack = m.stack;
  return error;
}

let worker: Worker | null = null;
let nextId = 1;
const jobs = new Map<number, Job>();

function routingWorker(): Worker {
  if (worker) return worker;
  const w = startWorker();
  w.unref();
  w.on('message', (m: FromRoutingWorker) => {
    const job = jobs.get(m.id);
    if (!job) return;
    if (m.type === 'progress') return job.ctx.progress?.(m.message, m.fraction);
    jobs.delete(m.id);
    if (jobs.size === 0) w.unref();
    if (m.type === 'done') job.resolve(m.output);
    else job.reject(rebuilt(m));
  });
  const ended = (error: Error) => {
    if (worker !== w) return;
    worker = null;
    for (const [id, job] of jobs) {
      jobs.delete(id);
      job.reject(error);
    }
  };
  w.on('error', ended);
  w.on('exit', (code) => ended(new Error(`The routing worker stopped (exit ${code})`)));
  worker = w;
  return w;
}

/** The thread that routes now, if started: a cancel ends it (tests watch this). */
export function routingThreadId(): number | null {
  return worker?.threadId ?? null;
}

/** Ends the thread with the cancelled job in it; the jobs queued behind it go to a fresh one. */
function cancel(id: number): void {
  const job = jobs.get(id);
  if (!job) return;
  jobs.delete(id);
  job.reject(new RoutingCancelled(`${job.method} was cancelled`));
  const old = worker;
  worker = null;
  void old?.terminate();
  const requeued = [...jobs.values()];
  jobs.clear();
  for (const j of requeued) send(j);
}

function send(job: Job): void {
  const w = routingWorker();
  jobs.set(job.id, job);
  w.ref(); // held while a job runs, so the process waits for it
  const { ctx: _ctx, resolve: _resolve, reject: _reject, ...message } = job;
  w.postMessage(message satisfies RoutingJob);
}

export function runRoutingInWorker(path: string, method: RoutedMethod, input: unknown, ctx: CallContext): Promise<unknown> {
  if (ctx.signal.aborted) return Promise.reject(new RoutingCancelled(`${method} was cancelled`));
  const id = nextId++;
  const onAbort = () => cancel(id);
  return new Promise<unknown>((resolve, reject) => {
    send({ id, path, method, input, ctx, resolve, reject });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  }).finally(() => ctx.signal.removeEventListener('abort', onAbort));
}

/** The routing handlers, answered from the worker thread (a drag's bands stay here: getDragBands, drag-access.ts). */
export function routingThreadHandlers(session: ProjectSession): Pick<Handlers, RoutedMethod> {
  return {
    getIsochrones: (input, ctx) =>
      runRoutingInWorker(session.project.path, 'getIsochrones', input, ctx) as ReturnType<Handlers['getIsochrones']>,
    getBandTable: (input, ctx) => runRoutingInWorker(session.project.path, 'getBandTable', input, ctx) as ReturnType<Handlers['getBandTable']>,
  };
}
