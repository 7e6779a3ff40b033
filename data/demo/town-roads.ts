// Assembles the whole road network in build order. Later steps attach to
// nodes of earlier ones, which is what keeps the graph in one piece.
import type { Rng } from './prng';
import { RoadNetwork } from './road-network';
import { createStreetNamer } from './street-names';
import { buildStreetWeb } from './street-web';
import { addCountryRoads } from './country-roads';
import { addAccessRoads, addHighStreet, addParkPaths } from './local-access';
import type { OutputArea } from './town-zones';

export function buildTownRoads(oas: readonly OutputArea[], rng: Rng): RoadNetwork {
  const net = new RoadNetwork();
  const nameStreet = createStreetNamer(rng);
  const web = buildStreetWeb(net, rng, nameStreet);
  addCountryRoads(net, web, rng, nameStreet);
  addHighStreet(net, web);
  addParkPaths(net, web, rng, 2, 'Jubilee Park');
  addParkPaths(net, web, rng, 6, 'Millfield Park');
  addAccessRoads(net, oas, nameStreet);
  return net;
}
