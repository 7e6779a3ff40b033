// The app starts its worker threads as it opens, beside the first map, so the
// first analysis and route find their thread loaded (worker-jobs.ts warm).
// Tests and the CLI do not: a thread a test never uses would only cost its CPU.
import { warmAnalysisThreads } from './analysis-thread';
import { warmRoutingThread } from './routing-thread';

export function warmWorkerThreads(): void {
  warmAnalysisThreads();
  warmRoutingThread();
}
