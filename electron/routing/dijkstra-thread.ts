// A national tree (300 sites over 5M road nodes, 3.5-6 s routed whole) routed
// in threads while the caller reads and snaps the area points, so a band table
// waits for the longer of the two, not their sum. The sources are split between
// two threads, each routing its half while leaving alone the nodes the other
// already reaches strictly sooner (dijkstra.ts `rival`), and the halves are
// merged node by node: each thread covers about half the network, and the
// merged times are those of the tree routed whole, as are the nearest sites
// but in dijkstra.ts's two exceptions (a tie over a zero-length arc or made by
// rounding, where the heap's order decides). The caller
// stays synchronous: the arcs and the answer live in shared memory and it waits
// on Atomics flags, so every routing caller keeps its shape. Threads are started
// per tree and end with it; a thread that cannot start, fails, or stops beating
// is given up and the tree routed here, so the answer is always the same arrays
// multiSourceDijkstra gives.
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
  /** The other half's times, being routed beside (dijkstra.ts `rival`). */
  rival?: Float64Array;
  state: Int32Array;
}

/** Threads a tree is split between: the machines this is for have two cores, and the caller has work too. */
const SPLIT = 2;

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
 * Starts the tree. In threads when the graph is large and its arcs are shared (`minNodes` is a
 * parameter only so tests can send a small graph), else right here.
 */
export function startTree(csr: Csr, sources: DijkstraSource[], maxSeconds?: number, minNodes = THREAD_MIN_NODES): PendingTree {
  if (csr.nodeCount < minNodes || !isShared(csr.offsets) || !isShared(csr.targets) || !isShared(csr.weights)) return routeHere(csr, sources, maxSeconds);
  const n = csr.nodeCount;
  // Every other source to each half: sites spread over the country leave each half spread over it too.
  const parts = Math.max(1, Math.min(SPLIT, sources.length));
  const halves = Array.from({ length: parts }, (_, h) => sources.filter((_, i) => i % parts === h));
  const jobs: TreeJob[] = halves.map((part) => ({
    csr, sources: part, maxSeconds,
    into: { seconds: new Float64Array(new SharedArrayBuffer(n * 8)), origin: new Int32Array(new SharedArrayBuffer(n * 4)) },
    state: new Int32Array(new SharedArrayBuffer(8)),
  }));
  // Each half reads the other's times from its first step: unreached (not the 0 new memory holds) until it labels them.
  for (const job of jobs) job.into.seconds.fill(Infinity);
  if (jobs.length === 2) [jobs[0].rival, jobs[1].rival] = [jobs[1].into.seconds, jobs[0].into.seconds];
  const workers: Worker[] = [];
  for (const job of jobs) {
    let worker: Worker | null = null;
    try {
      worker = startModuleThread(import.meta.url, './dijkstra-thread-entry.ts', './dijkstra-thread.mjs', { dijkstraTree: job });
    } catch {
      worker = null;
    }
    if (!worker) break;
    // Errors are answered through the state flag; the thread must not take the process with it.
    worker.on('error', () => {});
    worker.unref();
    workers.push(worker);
  }
  const cancel = () => workers.forEach((w) => void w.terminate());
  if (workers.length < jobs.length) {
    cancel();
    return routeHere(csr, sources, maxSeconds);
  }
  const wait = () => {
    const done = jobs.every(finished);
    cancel();
    if (!done) return routeHere(csr, sources, maxSeconds).wait();
    runs.threads++;
    return jobs.length === 1 ? jobs[0].into : merged(jobs[0].into, jobs[1].into, jobs.length);
  };
  return { wait, cancel };
}

/** Waits for the job's thread: true once it is done, false when it failed, never started or fell silent. */
function finished({ state }: TreeJob): boolean {
  let beat = 0, quiet = 0;
  while (Atomics.load(state, 0) === RUNNING && quiet < (beat === 0 ? STARTUP_MS : SILENCE_MS)) {
    if (Atomics.wait(state, 0, RUNNING, 1000) !== 'timed-out') continue;
    const now = Atomics.load(state, 1);
    quiet = now === beat ? quiet + 1000 : 0;
    beat = now;
  }
  return Atomics.load(state, 0) === DONE;
}

/**
 * The two halves as the tree routed whole: each node's sooner time, and its nearest source by its
 * index among all the sources (half h held sources h, h + halves, ...); a tie goes to the earlier
 * source, as multiSourceDijkstra breaks ties. Written into the first half's arrays.
 */
function merged(a: TravelTimes, b: TravelTimes, halves: number): TravelTimes {
  const { seconds, origin } = a;
  for (let v = 0; v < seconds.length; v++) {
    const oa = origin[v] < 0 ? -1 : origin[v] * halves;
    const ob = b.origin[v] < 0 ? -1 : b.origin[v] * halves + 1;
    const sa = seconds[v], sb = b.seconds[v];
    if (sb < sa || (sb === sa && ob >= 0 && ob < oa)) {
      seconds[v] = sb;
      origin[v] = ob;
    } else origin[v] = oa;
  }
  return a;
}

/** The tree routed here and now: small graphs, unshared arcs, callers with nothing to do meanwhile, a thread given up. */
export function routeHere(csr: Csr, sources: DijkstraSource[], maxSeconds?: number): PendingTree {
  runs.here++;
  const times = multiSourceDijkstra(csr, sources, { maxSeconds });
  return { wait: () => times, cancel: () => {} };
}
