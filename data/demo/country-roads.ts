// Roads beyond the built-up edge: the A and B roads run on into the
// countryside, lanes fan out to a rural loop, and the western A road meets
// the motorway junction.
import type { Rng } from './prng';
import type { Pt } from './planar';
import { RoadNetwork, roadTags } from './road-network';
import type { StreetKind } from './street-names';
import type { StreetWeb } from './street-web';
import { addMotorwayJunction } from './motorway-junction';
import { shapeFactor } from './town-plan';

const RURAL_LOOP = 3650;
const OUTER_END = 4450;

const bearingOf = (p: Pt) => Math.atan2(p[1], p[0]);
const along = (r: number, a: number): Pt => [r * shapeFactor(a) * Math.cos(a), r * shapeFactor(a) * Math.sin(a)];

export function addCountryRoads(net: RoadNetwork, web: StreetWeb, rng: Rng, nameStreet: (kind: StreetKind) => string) {
  const outer = web.rings[web.rings.length - 1];
  const loopStops: number[] = [];
  const main = web.radials.filter((r) => r.highway === 'primary' || r.highway === 'secondary');
  const westmost = main
    .filter((r) => r.highway === 'primary')
    .sort((a, b) => net.at(a.nodeIds[a.nodeIds.length - 1])[0] - net.at(b.nodeIds[b.nodeIds.length - 1])[0])[0];

  for (const road of main) {
    const last = road.nodeIds[road.nodeIds.length - 1];
    const a = bearingOf(net.at(last));
    const stop = net.addNode(along(RURAL_LOOP, a + rng.uniform(-0.03, 0.03)));
    loopStops.push(stop);
    const tags = roadTags(road.highway, road.name, { maxspeed: road.highway === 'primary' ? '60 mph' : '50 mph' });
    if (road === westmost) {
      const stopAt = net.at(stop);
      const roundabout = addMotorwayJunction(net, stopAt[1]);
      const bend = net.addNode([(stopAt[0] + net.at(roundabout)[0]) / 2, stopAt[1] + rng.uniform(-40, 40)]);
      net.addWay([last, stop, bend, roundabout], tags);
    } else {
      net.addWay([last, stop, net.addNode(along(OUTER_END, a + rng.uniform(-0.05, 0.05)))], tags);
    }
  }

  const mainEnds = new Set(main.map((r) => r.nodeIds[r.nodeIds.length - 1]));
  for (let j = 0; j < outer.length; j += rng.int(4, 6)) {
    const from = outer[j];
    if (mainEnds.has(from) || [-1, 1].some((d) => mainEnds.has(outer[(j + d + outer.length) % outer.length]))) continue;
    const a = bearingOf(net.at(from));
    const mid = net.addNode(along((RURAL_LOOP + 2900) / 2, a + rng.uniform(-0.04, 0.04)));
    const stop = net.addNode(along(RURAL_LOOP, a + rng.uniform(-0.03, 0.03)));
    loopStops.push(stop);
    net.addWay([from, mid, stop], roadTags('unclassified', nameStreet('radial').replace(/ \w+$/, ' Lane')));
  }

  // The rural loop joins every lane and main road end, as a ring of lanes.
  loopStops.sort((x, y) => bearingOf(net.at(x)) - bearingOf(net.at(y)));
  loopStops.forEach((id, i) => {
    const next = loopStops[(i + 1) % loopStops.length];
    const a0 = bearingOf(net.at(id));
    let a1 = bearingOf(net.at(next));
    if (a1 <= a0) a1 += 2 * Math.PI;
    // Intermediate points keep the lane following the curve of the loop.
    const steps = Math.max(1, Math.round(((a1 - a0) * RURAL_LOOP) / 400));
    const ids = [id];
    for (let s = 1; s < steps; s++) ids.push(net.addNode(along(RURAL_LOOP * rng.uniform(0.98, 1.02), a0 + ((a1 - a0) * s) / steps)));
    ids.push(next);
    net.addWay(ids, roadTags('unclassified', nameStreet('radial').replace(/ \w+$/, ' Lane')));
  });
}
