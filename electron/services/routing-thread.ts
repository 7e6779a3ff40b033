// Runs the routing handlers (routing-worker.ts) in a worker thread and waits
// for each as if it ran here (worker-jobs.ts): progress arrives through the
// call's context, errors come back as the same kinds, and the signal cancels:
// a queued job is dropped, a running one (synchronous routing, deaf to
// messages) ended with its thread, which the next job starts afresh. A what-if
// drag stays on the main thread: its kept travel tree (drag-access.ts) lives
// with the main thread's project connection.
import type { CallContext, Handlers } from '../../shared/contract';
import { mapHandlers } from './map-handlers';
import type { ProjectSession } from './project-session';
import { runRoutingJob, type RoutedMethod, type RoutingJob } from './routing-worker';
import { tableHandlers } from './table-handlers';
import { JobCancelled, JobThreads } from './worker-jobs';

export class RoutingCancelled extends JobCancelled {
  override name = 'RoutingCancelled';
}

const routing = new JobThreads<RoutingJob>({
  entry: 'routing-worker',
  label: 'routing',
  cancel: 'end-thread',
  cancelled: (job) => new RoutingCancelled(`${job.method} was cancelled`),
});

/** The thread that routes now, if started: a cancel ends it (tests watch this). */
/** Starts the routing thread ahead of the first route (the app does on starting). */
export function warmRoutingThread(): void {
  routing.warm();
}

export function routingThreadId(): number | null {
  return routing.threadIds()[0] ?? null;
}

export function runRoutingInWorker(path: string, method: RoutedMethod, input: unknown, ctx: CallContext): Promise<unknown> {
  const job = { path, method, input };
  return routing.run(job, ctx, () => runRoutingJob(job, ctx));
}

/** The routing handlers, answered from the worker thread (a drag's bands stay here: getDragBands, drag-access.ts). */
export function routingThreadHandlers(session: ProjectSession): Pick<Handlers, RoutedMethod> {
  // In the CLI's bundle the same handlers run inline, on the session the command opened.
  const here = { ...mapHandlers(session), ...tableHandlers(session) };
  const routed = <M extends RoutedMethod>(method: M): Handlers[M] =>
    ((input: unknown, ctx: CallContext) => routing.run({ path: session.project.path, method, input }, ctx, () => (here[method] as (i: unknown, c: CallContext) => Promise<unknown>)(input, ctx))) as Handlers[M];
  return { getIsochrones: routed('getIsochrones'), getBandTable: routed('getBandTable') };
}
