// Finishing touches that make the network usable for access analysis:
// footpaths through the parks, the pedestrianised High Street, and a short
// cul-de-sac into any Output Area that no street reaches yet.
import type { Rng } from './prng';
import { distance, distanceToRingEdge, pointInRing, type Pt } from './planar';
import { RoadNetwork, roadTags } from './road-network';
import type { StreetKind } from './street-names';
import type { StreetWeb } from './street-web';
import { BUILT_UP_RADIUS, ringRadius } from './town-plan';
import type { OutputArea } from './town-zones';

const lerp = (a: Pt, b: Pt, t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

export function addHighStreet(net: RoadNetwork, web: StreetWeb) {
  const gyratory = web.rings[0];
  const half = Math.floor(gyratory.length / 2);
  const marketPlace = net.addNode([0, 0]);
  net.addWay([gyratory[0], marketPlace, gyratory[half]], roadTags('footway', 'High Street'));
}

/** Two crossing paths through a park block, sharing a node where they cross. */
export function addParkPaths(net: RoadNetwork, web: StreetWeb, rng: Rng, ringIndex: number, parkName: string) {
  const inner = web.rings[ringIndex];
  const outer = web.rings[ringIndex + 1];
  const j = rng.int(0, inner.length - 1);
  const a1 = inner[j];
  const a2 = inner[(j + 1) % inner.length];
  const nearest = (id: number) => [...outer].sort((x, y) => distance(net.at(x), net.at(id)) - distance(net.at(y), net.at(id)))[0];
  const b1 = nearest(a2);
  const b2 = nearest(a1);
  const pts = [a1, a2, b1, b2].map((id) => net.at(id));
  const middle = net.addNode([(pts[0][0] + pts[1][0] + pts[2][0] + pts[3][0]) / 4, (pts[0][1] + pts[1][1] + pts[2][1] + pts[3][1]) / 4]);
  for (const [from, to] of [[a1, b1], [a2, b2]]) {
    const wiggle = (t: number) => {
      const p = lerp(net.at(from), net.at(middle), t);
      return net.addNode([p[0] + rng.uniform(-12, 12), p[1] + rng.uniform(-12, 12)]);
    };
    const back = (t: number) => {
      const p = lerp(net.at(middle), net.at(to), t);
      return net.addNode([p[0] + rng.uniform(-12, 12), p[1] + rng.uniform(-12, 12)]);
    };
    net.addWay([from, wiggle(0.5), middle, back(0.5), to], roadTags('footway', parkName));
  }
}

const DRIVABLE = new Set(['primary', 'secondary', 'tertiary', 'residential', 'unclassified']);

/** Every OA gets at least one drivable node inside it, so every zone can be routed from. */
export function addAccessRoads(net: RoadNetwork, oas: readonly OutputArea[], nameStreet: (kind: StreetKind) => string) {
  const drivable = new Set<number>();
  for (const way of net.ways) if (DRIVABLE.has(way.tags.highway) && !way.tags.junction) way.nodeIds.forEach((id) => drivable.add(id));
  const candidates = [...drivable].map((id) => net.nodes[id - 1]);
  for (const oa of oas) {
    const served = candidates.some((n) => pointInRing(n.at, oa.ring) && distanceToRingEdge(n.at, oa.ring) > 2);
    if (served) continue;
    const target = oa.centre;
    const from = [...candidates].sort((x, y) => distance(x.at, target) - distance(y.at, target))[0];
    const rural = ringRadius(target) > BUILT_UP_RADIUS;
    const end = net.addNode(target);
    net.addWay([from.id, end], rural ? roadTags('unclassified', nameStreet('radial').replace(/ \w+$/, ' Farm Lane')) : roadTags('residential', nameStreet('close')));
    candidates.push(net.nodes[end - 1]);
  }
}
