// The real Rutland extract, read once per test file.
import { readOsmFile } from '../../electron/routing/osm-read';
import type { OsmRoadData } from '../../electron/routing/osm-data';
import { requireSharedData, sharedData } from '../support/requirements';

export const RUTLAND_PBF = sharedData('uk', 'rutland', 'rutland-latest.osm.pbf');
export const haveRutland = requireSharedData('uk', 'rutland', 'rutland-latest.osm.pbf') !== null;

let cached: Promise<OsmRoadData> | null = null;
export function rutland(): Promise<OsmRoadData> {
  cached ??= readOsmFile(RUTLAND_PBF);
  return cached;
}
