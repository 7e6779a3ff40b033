// The town's street layout: a spider web of lumpy rings and radial streets,
// the plan of an old market town that grew outward along its main roads.
// A roads run out from a one-way gyratory round the market place; a B-road
// ring road circles the inner suburbs.
import type { Rng } from './prng';
import type { Pt } from './planar';
import { RoadNetwork, roadTags } from './road-network';
import type { StreetKind } from './street-names';
import { shapeFactor } from './town-plan';

const RING_RADII = [250, 520, 800, 1100, 1400, 1700, 2000, 2300, 2600, 2900];
const RING_ROAD = 4;
const TERTIARY_RING = 2;

export interface StreetWeb {
  /** Node ids of each ring, counter-clockwise. */
  rings: number[][];
  /** Radial streets as node ids from inner to outer end. */
  radials: { nodeIds: number[]; highway: string; name: string }[];
}

const bearingOf = (p: Pt) => Math.atan2(p[1], p[0]);
const polar = (r: number, a: number): Pt => [r * Math.cos(a), r * Math.sin(a)];

export function buildStreetWeb(net: RoadNetwork, rng: Rng, nameStreet: (kind: StreetKind) => string): StreetWeb {
  const rings = placeRingNodes(net, rng);
  const chains = radialChains(net, rings);
  // The six chains leaving the gyratory are the A roads, bar one left as a
  // local street so the gyratory has a quiet side.
  const aRoads = chains.filter((c) => c.ring === 0).slice(0, 5);
  const bRoads = pickByBearing(net, chains.filter((c) => c.ring === 1), [Math.PI / 4, (-3 * Math.PI) / 4]);
  const radials: StreetWeb['radials'] = [];
  for (const chain of chains) {
    const last = chain.nodeIds[chain.nodeIds.length - 1];
    if (aRoads.includes(chain)) {
      const name = aRoadName(bearingOf(net.at(last)));
      net.addWay(chain.nodeIds, roadTags('primary', name));
      radials.push({ nodeIds: chain.nodeIds, highway: 'primary', name });
    } else if (bRoads.includes(chain)) {
      const name = nameStreet('radial').replace(/ \w+$/, ' Road');
      net.addWay(chain.nodeIds, roadTags('secondary', name));
      radials.push({ nodeIds: chain.nodeIds, highway: 'secondary', name });
    } else {
      addResidentialRadial(net, chain, rng, nameStreet);
    }
  }
  addRingWays(net, rings, aRoads.map((c) => c.nodeIds), rng, nameStreet);
  return { rings, radials };
}

function placeRingNodes(net: RoadNetwork, rng: Rng): number[][] {
  const rings: number[][] = [];
  let count = 6;
  RING_RADII.forEach((r, k) => {
    if (k > 0) count = Math.max(count, Math.round((2 * Math.PI * r) / 300));
    const step = (2 * Math.PI) / count;
    const phase = rng.uniform(0, step);
    const ids: number[] = [];
    for (let j = 0; j < count; j++) {
      const a = phase + j * step + rng.uniform(-0.2, 0.2) * step;
      ids.push(net.addNode(polar(r * shapeFactor(a) * rng.uniform(0.97, 1.03), a)));
    }
    rings.push(ids);
  });
  return rings;
}

interface Chain {
  ring: number;
  nodeIds: number[];
}

/** Each ring node links outward to the nearest-bearing node on the next ring. */
function radialChains(net: RoadNetwork, rings: number[][]): Chain[] {
  const outward = new Map<number, number>();
  for (let k = 0; k + 1 < rings.length; k++) {
    const claimed = new Map<number, number>();
    for (const id of rings[k]) {
      const a = bearingOf(net.at(id));
      let best = rings[k + 1][0];
      let bestD = Infinity;
      for (const o of rings[k + 1]) {
        const d = Math.abs(Math.atan2(Math.sin(bearingOf(net.at(o)) - a), Math.cos(bearingOf(net.at(o)) - a)));
        if (d < bestD) [best, bestD] = [o, d];
      }
      // Two inner nodes never share an outer one: junctions stay four-way.
      if (!claimed.has(best)) {
        claimed.set(best, id);
        outward.set(id, best);
      }
    }
  }
  const hasInward = new Set(outward.values());
  const chains: Chain[] = [];
  rings.forEach((ring, k) => {
    for (const id of ring) {
      if (hasInward.has(id) || !outward.has(id)) continue;
      const nodeIds = [id];
      while (outward.has(nodeIds[nodeIds.length - 1])) nodeIds.push(outward.get(nodeIds[nodeIds.length - 1])!);
      chains.push({ ring: k, nodeIds });
    }
  });
  return chains;
}

function pickByBearing(net: RoadNetwork, chains: Chain[], bearings: number[]): Chain[] {
  return bearings.map((b) => {
    const score = (c: Chain) => {
      const a = bearingOf(net.at(c.nodeIds[c.nodeIds.length - 1]));
      return Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));
    };
    return [...chains].sort((x, y) => score(x) - score(y))[0];
  });
}

function aRoadName(bearing: number): string {
  const compass = Math.round(((bearing + 2 * Math.PI) % (2 * Math.PI)) / (Math.PI / 4)) % 8;
  return ['Wrenby Road', 'Eastgate', 'Northgate', 'Heath Road', 'Westgate', 'Fen Road', 'Southgate', 'Carr Road'][compass];
}

/** Residential radials come in short named pieces; a few inner ones are one-way. */
function addResidentialRadial(net: RoadNetwork, chain: Chain, rng: Rng, nameStreet: (kind: StreetKind) => string) {
  const ids = chain.nodeIds;
  let start = 0;
  if (chain.ring === 1 && rng.chance(0.35)) {
    // Filtered-permeability style one-way street near the centre.
    const segment = rng.chance(0.5) ? [ids[0], ids[1]] : [ids[1], ids[0]];
    net.addWay(segment, roadTags('residential', nameStreet('radial'), { oneway: 'yes' }));
    start = 1;
  }
  while (start < ids.length - 1) {
    const end = Math.min(ids.length - 1, start + rng.int(2, 4));
    net.addWay(ids.slice(start, end + 1), roadTags('residential', nameStreet('radial')));
    start = end;
  }
}

const GYRATORY_NAMES = ['Market Street', 'Church Street', 'Castle Street', 'Bridge Street', 'Sheep Street', 'Corn Hill'];

function addRingWays(net: RoadNetwork, rings: number[][], aRoads: number[][], rng: Rng, nameStreet: (kind: StreetKind) => string) {
  const aNodes = new Set(aRoads.flat());
  rings.forEach((ring, k) => {
    const breaks = ring.map((id, j) => (aNodes.has(id) ? j : -1)).filter((j) => j >= 0);
    if (k !== 0 && k !== RING_ROAD) {
      // Local rings change name every few blocks.
      breaks.length = 0;
      for (let j = 0; j < ring.length; j += rng.int(3, 5)) if (ring.length - j >= 2) breaks.push(j);
    }
    if (breaks.length === 0) breaks.push(0);
    const ringRoadName = k === RING_ROAD ? 'Kestrel Way' : null;
    breaks.forEach((from, b) => {
      const to = breaks[(b + 1) % breaks.length];
      const span = (to - from + ring.length) % ring.length || ring.length;
      const ids = Array.from({ length: span + 1 }, (_, s) => ring[(from + s) % ring.length]);
      if (k === 0) {
        // The gyratory runs clockwise, one-way, like most English town centres.
        net.addWay(ids.reverse(), roadTags('tertiary', GYRATORY_NAMES[b % GYRATORY_NAMES.length], { oneway: 'yes' }));
      } else if (k === RING_ROAD) {
        net.addWay(ids, roadTags('secondary', ringRoadName));
      } else {
        net.addWay(ids, roadTags(k === TERTIARY_RING ? 'tertiary' : 'residential', nameStreet('ring')));
      }
    });
  });
}
