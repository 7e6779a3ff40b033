// Area of WGS84 polygons in km², for population density. The spherical
// excess formula (as in d3-geo / turf) is accurate enough for choropleths.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

const EARTH_RADIUS_M = 6_378_137;
const RAD = Math.PI / 180;

function ringArea(ring: Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const lower = ring[i];
    const middle = ring[(i + 1) % n];
    const upper = ring[(i + 2) % n];
    total += (upper[0] - lower[0]) * RAD * Math.sin(middle[1] * RAD);
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

function polygonArea(rings: Position[][]): number {
  if (rings.length === 0) return 0;
  let area = ringArea(rings[0]);
  for (let i = 1; i < rings.length; i++) area -= ringArea(rings[i]);
  return area;
}

export function areaKm2(geometry: Geometry | null): number {
  if (!geometry) return 0;
  if (geometry.type === 'Polygon') return polygonArea(geometry.coordinates) / 1e6;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.reduce((s, p) => s + polygonArea(p), 0) / 1e6;
  return 0;
}

/** Density is the first numeric measure an analyst maps; area is derived here once. */
export function addAreaMeasures(fc: FeatureCollection): FeatureCollection {
  for (const f of fc.features as Feature[]) {
    const props = (f.properties ??= {});
    const km2 = areaKm2(f.geometry);
    props.area_km2 = km2;
    const pop = typeof props.population === 'number' ? props.population : null;
    props.density = pop !== null && km2 > 0 ? pop / km2 : null;
    // Present only where a households base is imported (the population layer can then follow that base).
    if ('households' in props) props.household_density = typeof props.households === 'number' && km2 > 0 ? props.households / km2 : null;
  }
  return fc;
}
