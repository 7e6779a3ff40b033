// Area of WGS84 polygons in km², for population density. The spherical
// excess formula (as in d3-geo / turf) is accurate enough for choropleths.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { AreaGeometry } from '../../../shared/contract/area-geometry';
import { areaGeometryOf } from './area-geometry';

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

/** The same sum as ringArea, over a ring of the flat arrays. */
function flatRingArea(g: AreaGeometry, r: number): number {
  const start = g.ringStarts[r];
  const n = g.ringStarts[r + 1] - start;
  if (n < 3) return 0;
  const x = (k: number) => g.positions[2 * (start + (k % n))];
  const y = (k: number) => g.positions[2 * (start + (k % n)) + 1];
  let total = 0;
  for (let i = 0; i < n; i++) total += (x(i + 2) - x(i)) * RAD * Math.sin(y(i + 1) * RAD);
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** km² of every area of the flat arrays, without building their polygons. */
export function areasKm2(g: AreaGeometry): Float64Array {
  const km2 = new Float64Array(g.codes.length);
  for (let p = 0; p < g.polygonArea.length; p++) {
    const r0 = g.polygonRings[p];
    let m2 = flatRingArea(g, r0);
    for (let r = r0 + 1; r < g.polygonRings[p + 1]; r++) m2 -= flatRingArea(g, r);
    km2[g.polygonArea[p]] += m2 / 1e6;
  }
  return km2;
}

/** Density is the first numeric measure an analyst maps; area is derived here once. */
export function addAreaMeasures(fc: FeatureCollection): FeatureCollection {
  const flat = areaGeometryOf(fc);
  const flatKm2 = flat ? areasKm2(flat) : null;
  (fc.features as Feature[]).forEach((f, i) => {
    const props = (f.properties ??= {});
    const km2 = flatKm2 ? flatKm2[i] : areaKm2(f.geometry);
    props.area_km2 = km2;
    const pop = typeof props.population === 'number' ? props.population : null;
    props.density = pop !== null && km2 > 0 ? pop / km2 : null;
    // Present only where a households base is imported (the population layer can then follow that base).
    if ('households' in props) props.household_density = typeof props.households === 'number' && km2 > 0 ? props.households / km2 : null;
  });
  return fc;
}
