// The grid's k nearest against a brute-force sort of every point, and the
// road snap built on it against the same rule written out by hand (the 8
// nearest in plane units, then the least haversine) on the real Rutland network.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../electron/routing/graph-build';
import { buildNearestGrid } from '../../electron/routing/nearest-grid';
import { buildSnapIndex, usableNodes } from '../../electron/routing/snap';
import { haversineMeters } from '../../shared/travel/geo';
import { defaultProfile } from '../../shared/travel/profiles';
import { sharedData } from '../support/requirements';
import { haveRutland, rutland } from './rutland';

/** Every point's squared distance, nearest first; equal distances in index order. */
function bruteNearest(xs: Float64Array, ys: Float64Array, x: number, y: number, k: number): { index: number; d: number }[] {
  const best: { index: number; d: number }[] = [];
  for (let index = 0; index < xs.length; index++) {
    const d = (xs[index] - x) ** 2 + (ys[index] - y) ** 2;
    if (best.length === k && d >= best[k - 1].d) continue;
    best.push({ index, d });
    best.sort((a, b) => a.d - b.d || a.index - b.index);
    best.length = Math.min(best.length, k);
  }
  return best;
}

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
}

function gridAnswer(grid: ReturnType<typeof buildNearestGrid>, x: number, y: number, k: number) {
  const found = new Int32Array(k), squared = new Float64Array(k);
  const n = grid.nearest(x, y, k, found, squared);
  return { indexes: Array.from(found.subarray(0, n)), squared: Array.from(squared.subarray(0, n)) };
}

describe('nearest points by grid', () => {
  it('gives the k nearest of scattered and clustered points, nearest first, for queries inside and far outside', () => {
    const random = seeded(7);
    const count = 3000;
    const xs = new Float64Array(count), ys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      // Half spread over a 10 x 4 box, half crowded into a corner, so cells hold very different numbers.
      const crowd = i % 2 === 0;
      xs[i] = crowd ? 0.1 * random() : 10 * random();
      ys[i] = crowd ? 0.1 * random() : 4 * random();
    }
    const grid = buildNearestGrid(xs, ys);
    for (let q = 0; q < 500; q++) {
      const x = -30 + 70 * random(), y = -20 + 44 * random(); // most queries outside the points' box
      const k = 1 + (q % 12);
      const want = bruteNearest(xs, ys, x, y, k);
      const got = gridAnswer(grid, x, y, k);
      expect(got.squared).toEqual(want.map((w) => w.d));
      // Distinct random doubles: no ties, so the very same points.
      expect(got.indexes).toEqual(want.map((w) => w.index));
    }
  });

  it('answers with every point when there are fewer than k, and on repeated and collinear points', () => {
    const line = buildNearestGrid(new Float64Array([0, 1, 2, 3, 3, 3]), new Float64Array([5, 5, 5, 5, 5, 5]));
    expect(gridAnswer(line, 2.9, 5, 8).squared.map((d) => +d.toFixed(6))).toEqual([0.01, 0.01, 0.01, 0.81, 3.61, 8.41]);
    const one = buildNearestGrid(new Float64Array([4]), new Float64Array([-2]));
    expect(gridAnswer(one, 0, 0, 3)).toEqual({ indexes: [0], squared: [20] });
    const same = buildNearestGrid(new Float64Array(50).fill(1), new Float64Array(50).fill(1));
    expect(gridAnswer(same, 1, 1, 8).squared).toEqual(new Array(8).fill(0));
    const empty = buildNearestGrid(new Float64Array(0), new Float64Array(0));
    expect(gridAnswer(empty, 0, 0, 8).indexes).toEqual([]);
  });
});

describe.runIf(haveRutland)('snapping on the Rutland network', () => {
  it('snaps every Rutland postcode, and points beyond the county, as the rule says: 8 nearest in plane units, then least haversine', async () => {
    const osm = await rutland();
    const points = readFileSync(sharedData('uk', 'rutland', 'postcodes_codepoint_open.csv'), 'utf8').trim().split('\n').slice(1)
      .map((line) => line.split(','))
      .map((f) => ({ lat: Number(f[3]), lon: Number(f[4]) }));
    points.push({ lon: -1.1398, lat: 52.6369 }, { lon: 0.5, lat: 53.5 }, { lon: -0.6, lat: 52.0 }); // Leicester, the North Sea, south of the county
    expect(points.length).toBeGreaterThan(1000);
    for (const mode of ['drive', 'walk'] as const) {
      const g = buildGraph(osm, defaultProfile(mode));
      const usable = usableNodes(g);
      const nodes = [...usable.keys()].filter((i) => usable[i]);
      let latSum = 0;
      for (const i of nodes) latSum += g.lat[i];
      const k = Math.cos(((latSum / nodes.length) * Math.PI) / 180);
      const xs = Float64Array.from(nodes, (i) => g.lon[i] * k), ys = Float64Array.from(nodes, (i) => g.lat[i]);
      // Graph nodes themselves too: distance 0, where a wrong tie-break would show.
      const atNodes = nodes.filter((_, j) => j % 97 === 0).map((i) => ({ lon: g.lon[i], lat: g.lat[i] }));
      const snapper = buildSnapIndex(g, usable);
      for (const p of [...points, ...atNodes]) {
        const candidates = bruteNearest(xs, ys, p.lon * k, p.lat, 8).map((c) => nodes[c.index]);
        const meters = candidates.map((node) => haversineMeters(p.lon, p.lat, g.lon[node], g.lat[node]));
        const best = meters.indexOf(Math.min(...meters));
        const got = snapper.snap(p.lon, p.lat)!;
        expect(got.meters).toBe(meters[best]);
        expect(got.node).toBe(candidates[best]);
      }
    }
  });
});
