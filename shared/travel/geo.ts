// Great-circle distance, pure so the renderer can measure with the same formula.

/** Mean Earth radius (IUGG), the sphere the issue specifies for edge lengths. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

export function haversineMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  // min() guards asin against rounding just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Seconds to cover `meters` at `speedKmh`. */
export function secondsAt(meters: number, speedKmh: number): number {
  return meters / (speedKmh / 3.6);
}
