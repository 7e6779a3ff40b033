// The thread dijkstra-thread.ts starts for one tree: route it into the shared
// answer, then say so on the state flag (the caller waits on it, not on a message).
import { workerData } from 'node:worker_threads';
import { multiSourceDijkstra } from './dijkstra';
import { DONE, FAILED, type TreeJob } from './dijkstra-thread';

const job = (workerData as { dijkstraTree?: TreeJob } | null)?.dijkstraTree;
if (job) {
  Atomics.add(job.state, 1, 1);
  let outcome = FAILED;
  try {
    multiSourceDijkstra(job.csr, job.sources, { maxSeconds: job.maxSeconds, into: job.into, rival: job.rival, heartbeat: job.state.subarray(1) });
    outcome = DONE;
  } finally {
    Atomics.store(job.state, 0, outcome);
    Atomics.notify(job.state, 0);
  }
}
