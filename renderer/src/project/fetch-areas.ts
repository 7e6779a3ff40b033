// The one place the renderer asks for a level's areas: kept apart from
// area-geometry.ts so the pure geometry helpers load without the API client
// (tests and the print page read them without a window).
import type { FeatureCollection } from 'geojson';
import { api } from '../api/client';
import { attachAreaGeometry } from './area-geometry';

/** The areas of one level (with a scheme's segments when asked): figures as JSON, shapes as typed arrays, fetched together. */
export async function fetchAreas(input: { level: string; scheme?: string; segmentLevel?: string }): Promise<FeatureCollection> {
  const [areas, geometry] = await Promise.all([
    api.call('getAreaLayer', { ...input, geometry: false }) as Promise<FeatureCollection>,
    api.call('getAreaGeometry', { level: input.level }),
  ]);
  return attachAreaGeometry(areas, geometry);
}
