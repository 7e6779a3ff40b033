// Places the six stop-smoking sites from the town plan on the street beside
// their planned spot, with the postcode of the nearest unit.
import { bngToLonLat } from './bng';
import { distance, pointInRing, type Pt } from './planar';
import type { PostcodeUnit } from './postcode-directory';
import type { RoadNetwork } from './road-network';
import { CENTRE_BNG, SITE_PLANS } from './town-plan';
import type { OutputArea } from './town-zones';

export interface ServiceSite {
  name: string;
  type: string;
  /** Metres from the town centre. */
  at: Pt;
  lat: number;
  lon: number;
  postcode: string;
  openingHours: string;
}

const FRONTAGE = ['residential', 'tertiary', 'secondary', 'primary'];

export function placeSites(net: RoadNetwork, oas: readonly OutputArea[], postcodes: readonly PostcodeUnit[]): ServiceSite[] {
  const street = new Set<number>();
  for (const way of net.ways) if (FRONTAGE.includes(way.tags.highway) && !way.tags.junction) way.nodeIds.forEach((id) => street.add(id));
  const streetNodes = [...street].map((id) => net.nodes[id - 1]);
  return SITE_PLANS.map((plan) => {
    const node = [...streetNodes].sort((a, b) => distance(a.at, plan.at) - distance(b.at, plan.at))[0];
    // Set the building back 20 m from the junction, towards the planned spot.
    const d = Math.max(1, distance(node.at, plan.at));
    const at: Pt = [node.at[0] + ((plan.at[0] - node.at[0]) * Math.min(20, d)) / d, node.at[1] + ((plan.at[1] - node.at[1]) * Math.min(20, d)) / d];
    const oa = oas.find((o) => pointInRing(at, o.ring));
    if (!oa) throw new Error(`Site ${plan.name} is outside the town`);
    const en: Pt = [CENTRE_BNG[0] + at[0], CENTRE_BNG[1] + at[1]];
    const nearest = postcodes
      .filter((p) => p.oaCode === oa.code)
      .sort((a, b) => distance([a.easting, a.northing], en) - distance([b.easting, b.northing], en))[0];
    const [lon, lat] = bngToLonLat(en);
    return { name: plan.name, type: plan.type, at, lat, lon, postcode: nearest.postcode, openingHours: plan.openingHours };
  });
}
