// British National Grid <-> WGS84, as Code-Point Open and ONS files use.
import proj4 from 'proj4';
import type { Pt } from './planar';

const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 ' +
  '+ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const toWgs84 = proj4(BNG, 'WGS84');

/** [easting, northing] → [lon, lat], rounded to 6 dp (about 0.1 m). */
export function bngToLonLat(en: Pt): Pt {
  const [lon, lat] = toWgs84.forward(en);
  return [round6(lon), round6(lat)];
}

export function lonLatToBng(lonLat: Pt): Pt {
  const [e, n] = toWgs84.inverse(lonLat);
  return [e, n];
}

export function round6(v: number): number {
  // Adding 0 turns -0 into 0 so it never prints as "-0".
  return Math.round(v * 1e6) / 1e6 + 0;
}
