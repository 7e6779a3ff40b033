// Multi-source Dijkstra over a CSR graph with an indexed binary min-heap held in
// typed arrays (decrease-key in place, so the heap never exceeds the node count).
import type { Csr } from './csr';

export interface DijkstraSource {
  node: number;
  /** Time already spent before reaching `node`, e.g. an off-network walk from the site. */
  offsetSeconds?: number;
}

export interface TravelTimes {
  /** Seconds from the nearest source; Infinity where unreachable. */
  seconds: Float64Array;
  /** Index into the sources array of the source that reached each node first; -1 where unreachable. */
  origin: Int32Array;
}

export interface DijkstraOptions {
  /** Stop expanding past this many seconds; nodes beyond stay Infinity. */
  maxSeconds?: number;
}

export function multiSourceDijkstra(csr: Csr, sources: DijkstraSource[], options: DijkstraOptions = {}): TravelTimes {
  const { nodeCount: n, offsets, targets, weights } = csr;
  const maxSeconds = options.maxSeconds ?? Infinity;
  const seconds = new Float64Array(n).fill(Infinity);
  const origin = new Int32Array(n).fill(-1);
  const heap = new Int32Array(n); // node ids ordered by seconds[]
  const position = new Int32Array(n).fill(-1); // where each node sits in heap, -1 = not queued
  let size = 0;

  const siftUp = (i: number): void => {
    const node = heap[i];
    const key = seconds[node];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (seconds[p] <= key) break;
      heap[i] = p;
      position[p] = i;
      i = parent;
    }
    heap[i] = node;
    position[node] = i;
  };
  const siftDown = (i: number): void => {
    const node = heap[i];
    const key = seconds[node];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && seconds[heap[child + 1]] < seconds[heap[child]]) child++;
      const c = heap[child];
      if (seconds[c] >= key) break;
      heap[i] = c;
      position[c] = i;
      i = child;
    }
    heap[i] = node;
    position[node] = i;
  };

  for (let s = 0; s < sources.length; s++) {
    const { node, offsetSeconds = 0 } = sources[s];
    if (node < 0 || node >= n || !(offsetSeconds < seconds[node]) || offsetSeconds > maxSeconds) continue;
    seconds[node] = offsetSeconds;
    origin[node] = s;
    if (position[node] < 0) {
      heap[size] = node;
      position[node] = size++;
    }
    siftUp(position[node]);
  }

  while (size > 0) {
    const u = heap[0];
    position[u] = -2; // settled
    const last = heap[--size];
    if (size > 0) {
      heap[0] = last;
      position[last] = 0;
      siftDown(0);
    }
    const du = seconds[u];
    const ou = origin[u];
    for (let k = offsets[u], end = offsets[u + 1]; k < end; k++) {
      const v = targets[k];
      const dv = du + weights[k];
      if (dv < seconds[v] && dv <= maxSeconds) {
        seconds[v] = dv;
        origin[v] = ou;
        if (position[v] === -1) {
          heap[size] = v;
          position[v] = size++;
        }
        siftUp(position[v]);
      }
    }
  }
  return { seconds, origin };
}
