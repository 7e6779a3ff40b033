// Recomputes a few Rutland edge costs from raw OSM coordinates read by a
// different tool (osmium), with a haversine written out here in atan2 form,
// so the edge list handed to pgRouting is not only checked against itself.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../electron/routing/graph-build';
import { defaultProfile } from '../../shared/travel/profiles';
import { requireTool } from '../support/requirements';
import { haveRutland, rutland, RUTLAND_PBF } from './rutland';

const haveOsmium = requireTool('osmium', 'apt-get install osmium-tool') !== null;

function osmiumWay(wayId: number): { coords: Map<number, [number, number]>; refs: number[] } {
  const opl = execFileSync('osmium', ['getid', '-r', RUTLAND_PBF, `w${wayId}`, '-f', 'opl', '-o', '-'], { encoding: 'utf8' });
  const coords = new Map<number, [number, number]>();
  let refs: number[] = [];
  for (const line of opl.trim().split('\n')) {
    const fields = line.split(' ');
    if (line.startsWith('n')) {
      const x = Number(fields.find((f) => f.startsWith('x'))!.slice(1));
      const y = Number(fields.find((f) => f.startsWith('y'))!.slice(1));
      coords.set(Number(fields[0].slice(1)), [x, y]);
    } else if (line.startsWith('w')) {
      refs = fields.find((f) => f.startsWith('N'))!.slice(1).split(',').map((r) => Number(r.slice(1)));
    }
  }
  return { coords, refs };
}

function byHand(a: [number, number], b: [number, number]): number {
  const r = 6371008.8, toRad = Math.PI / 180;
  const p1 = a[1] * toRad, p2 = b[1] * toRad;
  const dp = p2 - p1, dl = (b[0] - a[0]) * toRad;
  const h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
  return r * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

const CASES: { way: number; mode: 'walk' | 'drive'; kmh: number; dir: 'both' | 'forward' | 'backward' }[] = [
  { way: 2956393, mode: 'walk', kmh: 4.8, dir: 'both' }, // residential, Main Street
  { way: 3016081, mode: 'walk', kmh: 4.8, dir: 'both' }, // footway
  { way: 2956393, mode: 'drive', kmh: 32, dir: 'both' },
  { way: 2956385, mode: 'drive', kmh: 64, dir: 'both' }, // primary, Stamford Road
  { way: 2484492, mode: 'drive', kmh: 80, dir: 'forward' }, // trunk A47, oneway=yes
  { way: 3016083, mode: 'drive', kmh: 48, dir: 'forward' }, // tertiary roundabout
  { way: 3061621, mode: 'drive', kmh: 16, dir: 'both' }, // service
];

describe.skipIf(!haveOsmium || !haveRutland)('edge costs recomputed from raw OSM coordinates', async () => {
  const osm = haveRutland ? await rutland() : null;
  const graphs = osm ? { walk: buildGraph(osm, defaultProfile('walk')), drive: buildGraph(osm, defaultProfile('drive')) } : null;

  for (const c of CASES) {
    it(`way ${c.way}, ${c.mode}: one edge per node pair at length / (${c.kmh}/3.6), ${c.dir}`, () => {
      const g = graphs![c.mode];
      const { coords, refs } = osmiumWay(c.way);
      const edges = [];
      for (let e = 0; e < g.edgeWayId.length; e++) if (g.edgeWayId[e] === c.way) edges.push(e);
      expect(edges.length).toBe(refs.length - 1);
      edges.forEach((e, i) => {
        expect(g.nodeIds[g.edgeSource[e]]).toBe(refs[i]);
        expect(g.nodeIds[g.edgeTarget[e]]).toBe(refs[i + 1]);
        const seconds = byHand(coords.get(refs[i])!, coords.get(refs[i + 1])!) / ((c.kmh * 1000) / 3600);
        const forward = c.dir === 'backward' ? -1 : seconds;
        const backward = c.dir === 'forward' ? -1 : seconds;
        // 1e-6 s: osmium prints 7 decimals, the PBF parser computes offset + granularity × n.
        expect(g.edgeCost[e]).toBeCloseTo(forward, 6);
        expect(g.edgeReverseCost[e]).toBeCloseTo(backward, 6);
      });
    });
  }
});
