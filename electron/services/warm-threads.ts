// The app starts its worker threads once the page says its first map is drawn
// (warmWorkerThreads), so the first analysis and route find their thread
// loaded (worker-jobs.ts warm) without the threads' loading competing with
// that first map for the CPU. Tests and the CLI do not: a thread a test never
// uses would only cost its CPU; and a job asked for before the page says so
// starts its thread itself.
import type { Handlers } from '../../shared/contract';
import { warmAnalysisThreads } from './analysis-thread';
import { warmRoutingThread } from './routing-thread';

export function warmWorkerThreads(): void {
  warmAnalysisThreads();
  warmRoutingThread();
}

export function warmThreadHandlers(): Pick<Handlers, 'warmWorkerThreads'> {
  return {
    async warmWorkerThreads() {
      warmWorkerThreads();
      return {};
    },
  };
}
