// The routing worker: travel-time bands and band tables (a national network
// takes seconds to route and trace) run here, in a thread of their own, so the
// main thread keeps answering the app. Each job opens the project file afresh
// (the main thread may have renamed a new copy into place since) and runs the
// same handler the main thread would; progress goes back as messages. Jobs run
// one at a time; routing-thread.ts cancels a running one by ending the thread.
import type { CallContext } from '../../shared/contract';
import { mapHandlers } from './map-handlers';
import { ProjectSession } from './project-session';
import { tableHandlers } from './table-handlers';
import { serveJobs } from './worker-job-host';

export const ROUTED_METHODS = ['getIsochrones', 'getBandTable'] as const;
export type RoutedMethod = (typeof ROUTED_METHODS)[number];

export interface RoutingJob {
  path: string;
  method: RoutedMethod;
  input: unknown;
}

export async function runRoutingJob(job: RoutingJob, ctx: CallContext): Promise<unknown> {
  const session = new ProjectSession(job.path);
  try {
    const handlers = { ...mapHandlers(session), ...tableHandlers(session) };
    const handler = handlers[job.method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return await handler(job.input, ctx);
  } finally {
    session.close();
  }
}

serveJobs('routing-worker', runRoutingJob);
