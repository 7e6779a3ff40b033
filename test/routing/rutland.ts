// The real Rutland extract, read once per test file.
import { existsSync } from 'node:fs';
import { readOsmFile } from '../../electron/routing/osm-read';
import type { OsmRoadData } from '../../electron/routing/osm-data';

export const RUTLAND_PBF = '/work/shared/data/uk/rutland/rutland-latest.osm.pbf';
export const haveRutland = existsSync(RUTLAND_PBF);

let cached: Promise<OsmRoadData> | null = null;
export function rutland(): Promise<OsmRoadData> {
  cached ??= readOsmFile(RUTLAND_PBF);
  return cached;
}
