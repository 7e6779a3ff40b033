// Compressed sparse row adjacency: arcs of node v are targets[offsets[v]..offsets[v+1]).
// Typed arrays keep a 1M-node graph in tens of MB and make Dijkstra cache-friendly.

/** On shared memory, so a routing thread reads the arcs without a copy (dijkstra-thread.ts). */
const sharedInt32 = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));
const sharedFloat64 = (length: number) => new Float64Array(new SharedArrayBuffer(length * 8));

export interface Csr {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/**
 * Directed arcs from an undirected-style edge list: an edge gives source→target
 * when cost ≥ 0 and target→source when reverseCost ≥ 0 (pgRouting's convention,
 * where a negative cost means "no travel this way").
 */
export function buildCsr(
  nodeCount: number,
  source: Int32Array,
  target: Int32Array,
  cost: Float64Array,
  reverseCost: Float64Array,
): Csr {
  const degree = sharedInt32(nodeCount + 1);
  const m = source.length;
  for (let e = 0; e < m; e++) {
    if (cost[e] >= 0) degree[source[e] + 1]++;
    if (reverseCost[e] >= 0) degree[target[e] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) degree[v + 1] += degree[v];
  const offsets = degree;
  const arcCount = offsets[nodeCount];
  const targets = sharedInt32(arcCount);
  const weights = sharedFloat64(arcCount);
  const fill = offsets.slice(0, nodeCount);
  for (let e = 0; e < m; e++) {
    if (cost[e] >= 0) {
      const k = fill[source[e]]++;
      targets[k] = target[e];
      weights[k] = cost[e];
    }
    if (reverseCost[e] >= 0) {
      const k = fill[target[e]]++;
      targets[k] = source[e];
      weights[k] = reverseCost[e];
    }
  }
  return { nodeCount, offsets, targets, weights };
}

/** The same graph with every arc turned round: times *to* sources instead of *from*. */
export function reverseCsr(csr: Csr): Csr {
  const { nodeCount, offsets, targets, weights } = csr;
  const inDegree = new Int32Array(nodeCount + 1);
  for (let k = 0; k < targets.length; k++) inDegree[targets[k] + 1]++;
  for (let v = 0; v < nodeCount; v++) inDegree[v + 1] += inDegree[v];
  const rTargets = new Int32Array(targets.length);
  const rWeights = new Float64Array(targets.length);
  const fill = inDegree.slice(0, nodeCount);
  for (let u = 0; u < nodeCount; u++) {
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const slot = fill[targets[k]]++;
      rTargets[slot] = u;
      rWeights[slot] = weights[k];
    }
  }
  return { nodeCount, offsets: inDegree, targets: rTargets, weights: rWeights };
}
