// A national tree (300 sites over 5M road nodes, ~3.5 s) routed in a thread of
// its own while the caller reads and snaps the area points (~2 s), so a band
// table waits for the longer of the two, not their sum. The caller stays
// synchronous: the arcs and the answer live in shared memory and it waits on
// an Atomics flag, so every routing caller keeps its shape. The thread is
// started per tree and ends with it; a thread that cannot start, fails, or
// stops beating is given up and the tree routed here, so the answer is always
// the same arrays multiSourceDijkstra gives.
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../threads/module-thread';
import type { Csr } from './csr';
import { multiSourceDijkstra, type DijkstraSource, type TravelTimes } from './dijkstra';

/** Below this a tree takes well under the ~50 ms a thread takes to start. */
export const THREAD_MIN_NODES = 500_000;

/** state[0]: where the tree is; state[1]: the heartbeat (dijkstra.ts counts it up as nodes settle). */
export const RUNNING = 0, DONE = 1, FAILED = 2;

/**
 * How long a thread may take to start (its module loaded: ~50 ms bundled, seconds through tsx), then how long
 * it may go without a heartbeat, before the tree is routed here instead. The caller waits on a flag and cannot
 * hear the thread's 'error' event meanwhile: a thread that never loads is noticed only by its silence.
 */
const STARTUP_MS = 10_000, SILENCE_MS = 30_000;

export interface TreeJob {
  csr: Csr;
  sources: DijkstraSource[];
  maxSeconds?: number;
  into: TravelTimes;
  state: Int32Array;
}

const runs = { threads: 0, here: 0 };
/** Trees routed in a thread and here so far (tests check which path a tree took). */
export const dijkstraThreadRuns = () => ({ ...runs });

const isShared = (a: ArrayBufferView) => a.buffer instanceof SharedArrayBuffer;

/** A tree being routed: `wait` gives it, `cancel` ends its thread when the caller no longer needs it. */
export interface PendingTree {
  wait(): TravelTimes;
  cancel(): void;
}

/**
 * Starts the tree. In a thread when the graph is large and its arcs are shared (`minNodes` is a
 * parameter only so tests can send a small graph), else right here.
 */
export function startTree(csr: Csr, sources: DijkstraSource[], maxSeconds?: number, minNodes = THREAD_MIN_NODES): PendingTree {
  if (csr.nodeCount < minNodes || !isShared(csr.offsets) || !isShared(csr.targets) || !isShared(csr.weights)) return routeHere(csr, sources, maxSeconds);
  const n = csr.nodeCount;
  const job: TreeJob = {
    csr, sources, maxSeconds,
    into: { seconds: new Float64Array(new SharedArrayBuffer(n * 8)), origin: new Int32Array(new SharedArrayBuffer(n * 4)) },
    state: new Int32Array(new SharedArrayBuffer(8)),
  };
  let worker: Worker | null = null;
  try {
    worker = startModuleThread(import.meta.url, './dijkstra-thread-entry.ts', './dijkstra-thread.mjs', { dijkstraTree: job });
  } catch {
    worker = null;
  }
  if (!worker) return routeHere(csr, sources, maxSeconds);
  // Errors are answered through the state flag; the thread must not take the process with it.
  worker.on('error', () => {});
  worker.unref();
  const started = worker;
  const wait = () => {
    const { state } = job;
    let beat = 0, quiet = 0;
    while (Atomics.load(state, 0) === RUNNING && quiet < (beat === 0 ? STARTUP_MS : SILENCE_MS)) {
      if (Atomics.wait(state, 0, RUNNING, 1000) !== 'timed-out') continue;
      const now = Atomics.load(state, 1);
      quiet = now === beat ? quiet + 1000 : 0;
      beat = now;
    }
    void started.terminate();
    if (Atomics.load(state, 0) !== DONE) return routeHere(csr, sources, maxSeconds).wait();
    runs.threads++;
    return job.into;
  };
  return { wait, cancel: () => void started.terminate() };
}

/** The tree routed here and now: small graphs, unshared arcs, callers with nothing to do meanwhile, a thread given up. */
export function routeHere(csr: Csr, sources: DijkstraSource[], maxSeconds?: number): PendingTree {
  runs.here++;
  const times = multiSourceDijkstra(csr, sources, { maxSeconds });
  return { wait: () => times, cancel: () => {} };
}
