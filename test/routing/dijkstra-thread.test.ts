// A national tree routed in a thread of its own (electron/routing/dijkstra-thread.ts)
// while the caller snaps the areas: the thread's answer must be the very arrays
// multiSourceDijkstra gives in-thread (times and nearest site), on the real
// Rutland network both ways and with a cut-off; arcs not on shared memory are
// routed here; a thread that fails ends the wait with the same error as routing here.
import { describe, expect, it } from 'vitest';
import { buildCsr, type Csr } from '../../electron/routing/csr';
import { multiSourceDijkstra } from '../../electron/routing/dijkstra';
import { dijkstraThreadRuns, startTree } from '../../electron/routing/dijkstra-thread';
import { buildGraph } from '../../electron/routing/graph-build';
import { defaultProfile } from '../../shared/travel/profiles';
import { requireSharedData } from '../support/requirements';
import { rutland } from './rutland';

const haveRutland = requireSharedData('uk', 'rutland', 'rutland-latest.osm.pbf') !== null;

const unshared = (csr: Csr): Csr => ({ nodeCount: csr.nodeCount, offsets: Int32Array.from(csr.offsets), targets: Int32Array.from(csr.targets), weights: Float64Array.from(csr.weights) });

describe.runIf(haveRutland)('travel trees in a thread', () => {
  it('gives the same times and nearest sites as routing in-thread, walking and driving, with and without a cut-off', async () => {
    const osm = await rutland();
    for (const mode of ['walk', 'drive'] as const) {
      const { csr } = buildGraph(osm, defaultProfile(mode));
      expect(csr.targets.buffer).toBeInstanceOf(SharedArrayBuffer);
      const n = csr.nodeCount;
      const sources = [0.1, 0.35, 0.6, 0.85].map((f, i) => ({ node: Math.floor(f * n), offsetSeconds: 30 * i }));
      for (const maxSeconds of [undefined, 600]) {
        const before = dijkstraThreadRuns();
        const tree = startTree(csr, sources, maxSeconds, 0);
        // The caller's own work goes on meanwhile; here, the same tree routed in-thread to compare with.
        const want = multiSourceDijkstra(csr, sources, { maxSeconds });
        const got = tree.wait();
        expect(dijkstraThreadRuns().threads - before.threads).toBe(1);
        expect(got.seconds.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Array.from(got.seconds)).toEqual(Array.from(want.seconds));
        expect(Array.from(got.origin)).toEqual(Array.from(want.origin));
        // The cut-off leaves the county's far side unreached: the thread must leave the same nodes at Infinity.
        if (maxSeconds !== undefined) expect(want.seconds.includes(Infinity)).toBe(true);
      }
    }
  }, 120_000);

  it('routes here, with no thread, when the arcs are not on shared memory or the graph is small', async () => {
    const { csr } = buildGraph(await rutland(), defaultProfile('drive'));
    const sources = [{ node: 5 }];
    const before = dijkstraThreadRuns();
    const a = startTree(unshared(csr), sources, undefined, 0).wait();
    const b = startTree(csr, sources).wait(); // Rutland is far below the national threshold
    expect(dijkstraThreadRuns()).toEqual({ threads: before.threads, here: before.here + 2 });
    expect(Array.from(a.seconds)).toEqual(Array.from(b.seconds));
  });
});

/** A w×h lattice, every street both ways and 10 s long: nodes equally near two sources everywhere. */
function lattice(w: number, h: number): Csr {
  const edges: [number, number][] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    if (x + 1 < w) edges.push([y * w + x, y * w + x + 1]);
    if (y + 1 < h) edges.push([y * w + x, (y + 1) * w + x]);
  }
  const source = Int32Array.from(edges, (e) => e[0]), target = Int32Array.from(edges, (e) => e[1]);
  const ten = new Float64Array(edges.length).fill(10);
  return buildCsr(w * h, source, target, ten, ten);
}

describe('a node equally near two sources', () => {
  it('goes to the first of them in the sources\' order, whichever the heap settles first', () => {
    // A street of five nodes, sources at both ends: the middle node is 20 s from each.
    const street = lattice(5, 1);
    expect(Array.from(multiSourceDijkstra(street, [{ node: 4 }, { node: 0 }]).origin)).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(multiSourceDijkstra(street, [{ node: 0 }, { node: 4 }]).origin)).toEqual([0, 0, 0, 1, 1]);
    // With a walk to the second source, the tie moves one node along.
    expect(Array.from(multiSourceDijkstra(street, [{ node: 4 }, { node: 0, offsetSeconds: 10 }]).origin)).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(multiSourceDijkstra(street, [{ node: 0, offsetSeconds: 10 }, { node: 4 }]).origin)).toEqual([0, 0, 1, 1, 1]);
  });

  it('split between two threads, gives the very times and nearest sources of the tree routed whole, run after run', () => {
    const grid = lattice(300, 200);
    // Sources on lattice points, so ties are everywhere; a cut-off leaves corners unreached.
    const sources = Array.from({ length: 24 }, (_, i) => ({ node: ((i * 7919) % 200) * 300 + ((i * 104729) % 300), offsetSeconds: (i % 3) * 10 }));
    for (const maxSeconds of [undefined, 400]) {
      const want = multiSourceDijkstra(grid, sources, { maxSeconds });
      for (let run = 0; run < 3; run++) {
        const before = dijkstraThreadRuns();
        const got = startTree(grid, sources, maxSeconds, 0).wait();
        expect(dijkstraThreadRuns().threads - before.threads).toBe(1);
        expect(Array.from(got.seconds)).toEqual(Array.from(want.seconds));
        expect(Array.from(got.origin)).toEqual(Array.from(want.origin));
      }
      if (maxSeconds !== undefined) expect(want.seconds.includes(Infinity)).toBe(true);
    }
  }, 60_000);
});

it('ends the wait when the thread fails, with the error routing here gives', () => {
  const shared = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
  const csr: Csr = { nodeCount: 2, offsets: shared(3), targets: shared(0), weights: new Float64Array(new SharedArrayBuffer(0)) };
  // A missing source fails inside the thread (and here) as it reads the source's node.
  const tree = startTree(csr, [undefined as never], undefined, 0);
  expect(() => tree.wait()).toThrow(TypeError);
});
