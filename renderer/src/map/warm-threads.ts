// Once the first map is drawn, the services are told to start their worker
// threads (shared/contract/threads.ts): ready for the first analysis, and not
// loading their code while the first map is being drawn.
import { api } from '../api/client';

let asked = false;

/** Asks once per page; a failed ask is not retried (a job starts its own thread anyway). */
export function warmWorkerThreadsOnce(): void {
  if (asked) return;
  asked = true;
  api.call('warmWorkerThreads', {}).catch(() => undefined);
}
