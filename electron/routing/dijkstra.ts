// Multi-source Dijkstra over a CSR graph with an indexed binary min-heap held in
// typed arrays (decrease-key in place, so the heap never exceeds the node count).
// Each heap slot carries its node's time beside its id: a sift compares keys
// that sit next to each other instead of fetching seconds[] from across a
// 5M-node array, which is most of a national tree's time. The comparisons are
// the same as keying through seconds[], so nodes settle in the same order.
// A node equally near two sites goes to the first of them in the sources'
// order, whatever order the heap settles them in, so a tree split between
// threads (dijkstra-thread.ts) names the same site as one routed whole. Two
// cases still fall to the heap's order, whole or split: a tie reached over a
// zero-length arc from a node settled at the same time, and a tie made by
// rounding (two unequal times plus one arc giving the same double).
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
  /** Arrays of the node count to write the answer into (a thread's shared memory) instead of new ones. */
  into?: TravelTimes;
  /** Counted up every 65,536 nodes settled, so whoever waits on a thread can tell it is still working. */
  heartbeat?: Int32Array;
  /**
   * The times of another tree over the same arcs from other sources, being routed beside this one:
   * a node it already reaches strictly sooner is not labelled here, nor routed on from (its times
   * are only ever real routes, so no node this tree is nearest to is lost). The two are merged
   * after (dijkstra-thread.ts).
   */
  rival?: Float64Array;
}

export function multiSourceDijkstra(csr: Csr, sources: DijkstraSource[], options: DijkstraOptions = {}): TravelTimes {
  const { nodeCount: n, offsets, targets, weights } = csr;
  const maxSeconds = options.maxSeconds ?? Infinity;
  const seconds = (options.into?.seconds ?? new Float64Array(n)).fill(Infinity);
  const origin = (options.into?.origin ?? new Int32Array(n)).fill(-1);
  const { heartbeat, rival } = options;
  let settled = 0;
  const heap = new Int32Array(n); // node ids ordered by seconds[]
  const heapKey = new Float64Array(n); // heapKey[i] === seconds[heap[i]]
  const position = new Int32Array(n).fill(-1); // where each node sits in heap, -1 = not queued
  let size = 0;

  const siftUp = (i: number, node: number, key: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = heapKey[parent];
      if (pk <= key) break;
      const p = heap[parent];
      heap[i] = p;
      heapKey[i] = pk;
      position[p] = i;
      i = parent;
    }
    heap[i] = node;
    heapKey[i] = key;
    position[node] = i;
  };
  const siftDown = (i: number, node: number, key: number): void => {
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let ck = heapKey[child];
      if (child + 1 < size) {
        const rk = heapKey[child + 1];
        if (rk < ck) {
          child++;
          ck = rk;
        }
      }
      if (ck >= key) break;
      const c = heap[child];
      heap[i] = c;
      heapKey[i] = ck;
      position[c] = i;
      i = child;
    }
    heap[i] = node;
    heapKey[i] = key;
    position[node] = i;
  };

  for (let s = 0; s < sources.length; s++) {
    const { node, offsetSeconds = 0 } = sources[s];
    if (node < 0 || node >= n || !(offsetSeconds < seconds[node]) || offsetSeconds > maxSeconds) continue;
    seconds[node] = offsetSeconds;
    origin[node] = s;
    siftUp(position[node] < 0 ? size++ : position[node], node, offsetSeconds);
  }

  while (size > 0) {
    const u = heap[0];
    position[u] = -2; // settled
    if (heartbeat && (++settled & 0xffff) === 0) Atomics.add(heartbeat, 0, 1);
    if (--size > 0) siftDown(0, heap[size], heapKey[size]);
    const du = seconds[u];
    const ou = origin[u];
    for (let k = offsets[u], end = offsets[u + 1]; k < end; k++) {
      const v = targets[k];
      const dv = du + weights[k];
      const sv = seconds[v];
      if (dv < sv) {
        if (dv > maxSeconds || (rival !== undefined && rival[v] < dv)) continue;
        seconds[v] = dv;
        origin[v] = ou;
        const at = position[v];
        siftUp(at === -1 ? size++ : at, v, dv);
      } else if (dv === sv && ou < origin[v] && position[v] !== -2) {
        origin[v] = ou; // as near from an earlier source: it wins the tie, before v passes its origin on
      }
    }
  }
  return { seconds, origin };
}
