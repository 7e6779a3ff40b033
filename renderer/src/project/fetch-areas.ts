// The one place the renderer asks for a level's areas: kept apart from
// area-geometry.ts so the pure geometry helpers load without the API client
// (tests and the print page read them without a window).
import type { FeatureCollection } from 'geojson';
import { api } from '../api/client';
import { areasFromColumns } from './area-geometry';

/** The areas of one level (with a scheme's segments when asked): figures as columns, shapes as typed arrays, fetched together. */
export async function fetchAreas(input: { level: string; scheme?: string; segmentLevel?: string }): Promise<FeatureCollection> {
  const [columns, geometry] = await Promise.all([api.call('getAreaColumns', input), api.call('getAreaGeometry', { level: input.level })]);
  return areasFromColumns(columns, geometry);
}
