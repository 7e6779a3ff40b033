// The box [west, south, east, north] around some of the map's areas, to zoom to what Find found.
import type { FeatureCollection } from 'geojson';

export type Bounds = [number, number, number, number];

export function boundsOfAreas(areas: FeatureCollection, codes: readonly string[]): Bounds | null {
  const wanted = new Set(codes);
  const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    } else if (Array.isArray(c)) for (const child of c) visit(child);
  };
  for (const f of areas.features) {
    if (wanted.has(String(f.properties?.code)) && f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  }
  return Number.isFinite(box[0]) ? box : null;
}
