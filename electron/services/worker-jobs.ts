// Long work in worker threads, waited on as if it ran here: one pool of
// threads per kind of work (imports, routing, analyses and exports), each
// thread running one job at a time while the rest wait here. A job's progress
// arrives through its context, its errors come back as the same kinds (an
// InputError still answers 422, a RequestError its status), and its signal
// cancels it: a waiting job is dropped; a running one is told through its own
// AbortSignal (async work that checks it, as the importers do) or, for
// synchronous work deaf to messages, ended with its thread, which the next job
// replaces. The worker's side of the messages is worker-job-host.ts.
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../threads/module-thread';
import { InputError } from '../../shared/errors';
import { RequestError } from './dispatch';

/** Why a job failed, as the worker saw it (an Error does not cross threads whole). */
export interface JobFailure {
  name: string;
  message: string;
  status?: number;
  /** An InputError or one of its kinds (ImportError…): the transports answer those as the analyst's to fix. */
  input?: boolean;
  stack?: string;
}

export type ToJobThread = { type: 'job'; id: number; job: unknown } | { type: 'abort'; id: number };
export type FromJobThread = { id: number } & (
  | { type: 'progress'; message: string; fraction: number | null }
  | { type: 'done'; output: unknown }
  | { type: 'failed'; failure: JobFailure }
);

/** A job's view of the call that asked for it (CallContext and ImportContext both fit). */
export interface JobContext {
  signal?: AbortSignal;
  progress?: (message: string, fraction: number | null) => void;
}

/** What a worker thread does with each job (worker-job-host.ts). */
export type JobRunner<J> = (job: J, ctx: Required<JobContext>) => Promise<unknown>;

// The CLI's bundle (scripts/build-cli.mjs) defines this true: one command runs at a
// time with nothing else to answer, and the bundle ships no worker files beside it.
declare const CGM_JOBS_INLINE: boolean | undefined;
const JOBS_INLINE = typeof CGM_JOBS_INLINE !== 'undefined' && CGM_JOBS_INLINE === true;

/** A job given up on before it finished. */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
}

export interface JobThreadsOptions<J> {
  /** The worker module beside this one: `<entry>.ts` from the sources, `<entry>.mjs` beside main.mjs in the bundle. */
  entry: string;
  /** Names the thread when it dies: "The routing worker stopped (exit 1)". */
  label: string;
  /** 'signal': the job's AbortSignal in the worker; 'end-thread': the thread is ended and the job rejected at once. */
  cancel: 'signal' | 'end-thread';
  /** Jobs run side by side, a thread each (default 1). */
  threads?: number;
  /** The error a cancelled job answers with (a job the worker cancels through its signal throws its own). */
  cancelled?: (job: J) => Error;
  /** The error to throw here for a failure in the worker; the default keeps InputError and RequestError. */
  rebuild?: (failure: JobFailure, job: J) => Error | undefined;
}

interface Pending<J> {
  id: number;
  job: J;
  ctx: JobContext;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

interface Thread<J> {
  worker: Worker;
  running: Pending<J> | null;
}

/** Restores the kinds of error the transports answer differently; anything else is a plain Error with its message. */
export function rebuiltError(failure: JobFailure): Error {
  const error =
    failure.status !== undefined ? new RequestError(failure.message, failure.status)
    : failure.input || failure.name === 'InputError' ? new InputError(failure.message)
    : new Error(failure.message);
  if (failure.name !== 'Error' && failure.status === undefined) error.name = failure.name;
  if (failure.stack) error.stack = failure.stack;
  return error;
}

/** From the sources (tsx, tests) the worker registers tsx itself before loading its .ts entry; the bundled app ships it built. */
function startWorker(entry: string): Worker {
  // The entry serves jobs only in a thread started for it (worker-job-host.ts), never where it is merely imported.
  const worker = startModuleThread(import.meta.url, `./${entry}.ts`, `./${entry}.mjs`, { jobEntry: entry });
  if (!worker) throw new Error(`${entry}.mjs is missing beside the app's main bundle: the installation is incomplete`);
  return worker;
}

export class JobThreads<J> {
  private readonly threads = new Set<Thread<J>>();
  private readonly waiting: Pending<J>[] = [];
  private nextId = 1;

  constructor(private readonly options: JobThreadsOptions<J>) {}

  /** Runs `job` in a thread and settles as the worker's handler does; in the CLI's bundle, `here` does the same work inline. */
  run(job: J, ctx: JobContext, here: () => Promise<unknown>): Promise<unknown> {
    if (JOBS_INLINE) return here();
    const { signal } = ctx;
    if (signal?.aborted && this.options.cancel === 'end-thread') return Promise.reject(this.cancelledError(job));
    const id = this.nextId++;
    const onAbort = () => this.cancel(id);
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.push({ id, job, ctx, resolve, reject });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.startNext();
      if (signal?.aborted) onAbort();
    }).finally(() => signal?.removeEventListener('abort', onAbort));
  }

  /**
   * Starts one thread ahead of the first job, so an app's first analysis does not also wait for
   * a worker to load its code (from the sources, tsx compiles it: seconds on a laptop).
   */
  warm(): void {
    if (JOBS_INLINE || this.threads.size > 0) return;
    try {
      this.startThread();
    } catch {
      // Said by the first job, which tries again.
    }
  }

  /** The threads now started (tests watch a cancel end one). */
  threadIds(): number[] {
    return [...this.threads].map((t) => t.worker.threadId);
  }

  private cancelledError(job: J): Error {
    return this.options.cancelled?.(job) ?? new JobCancelled('the job was cancelled');
  }

  private cancel(id: number): void {
    const queued = this.waiting.findIndex((p) => p.id === id);
    if (queued >= 0) {
      const [pending] = this.waiting.splice(queued, 1);
      // A job that never started ends here, whichever way its kind is cancelled.
      return pending.reject(this.cancelledError(pending.job));
    }
    const thread = [...this.threads].find((t) => t.running?.id === id);
    if (!thread?.running) return;
    if (this.options.cancel === 'signal') return thread.worker.postMessage({ type: 'abort', id } satisfies ToJobThread);
    const pending = thread.running;
    thread.running = null;
    this.threads.delete(thread);
    // Answered once the thread is gone, so whatever it was writing is closed before the caller cleans up.
    void thread.worker.terminate().finally(() => pending.reject(this.cancelledError(pending.job)));
    this.startNext();
  }

  private startNext(): void {
    const limit = this.options.threads ?? 1;
    while (this.waiting.length) {
      let thread = [...this.threads].find((t) => !t.running);
      if (!thread && this.threads.size < limit) {
        try {
          thread = this.startThread();
        } catch (error) {
          // A thread that cannot start (its file missing, node's flags refused) fails every job waiting for one, now.
          for (const pending of this.waiting.splice(0)) pending.reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
      }
      if (!thread) return;
      const pending = this.waiting.shift()!;
      thread.running = pending;
      thread.worker.ref(); // held while a job runs, so the process waits for it
      thread.worker.postMessage({ type: 'job', id: pending.id, job: pending.job } satisfies ToJobThread);
    }
  }

  private startThread(): Thread<J> {
    const thread: Thread<J> = { worker: startWorker(this.options.entry), running: null };
    const { worker } = thread;
    worker.unref();
    worker.on('message', (m: FromJobThread) => {
      const pending = thread.running;
      if (!pending || pending.id !== m.id) return;
      if (m.type === 'progress') return pending.ctx.progress?.(m.message, m.fraction);
      thread.running = null;
      worker.unref();
      if (m.type === 'done') pending.resolve(m.output);
      else pending.reject(this.options.rebuild?.(m.failure, pending.job) ?? rebuiltError(m.failure));
      this.startNext();
    });
    const ended = (error: Error) => {
      if (!this.threads.delete(thread)) return;
      const pending = thread.running;
      thread.running = null;
      pending?.reject(error);
      this.startNext();
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`The ${this.options.label} worker stopped (exit ${code})`)));
    this.threads.add(thread);
    return thread;
  }
}
