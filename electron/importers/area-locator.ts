// Point-in-polygon against one boundary level, with a Flatbush index of the
// polygons' boxes so a national postcode file is mostly rejected by a box test.
import type * as GeoJSON from 'geojson';
import Flatbush from 'flatbush';
import * as turf from '@turf/turf';
import { readFeatures } from '../store/gpkg';
import type { Bbox } from './crs';
import type { ProjectHandle } from './project-tables';
import { finestLevel } from './project-tables';

export interface AreaLocator {
  level: string;
  bbox: Bbox;
  /** Code of the area containing [lon, lat], or null. */
  locate(lon: number, lat: number): string | null;
}

export function areaLocator(project: ProjectHandle, level?: string): AreaLocator | null {
  const g = level
    ? (project.db.prepare('SELECT level, table_name FROM cgm_geographies WHERE level = ?').get(level) as { level: string; table_name: string } | undefined)
    : finestLevel(project.db);
  if (!g) return null;
  const features = readFeatures(project.db, g.table_name, { columns: ['code'] }).features.filter(
    (f): f is GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> => !!f.geometry && /Polygon$/.test(f.geometry.type),
  );
  if (features.length === 0) return null;
  const index = new Flatbush(features.length);
  const all: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const [a, b, c, d] = turf.bbox(f);
    index.add(a, b, c, d);
    all[0] = Math.min(all[0], a);
    all[1] = Math.min(all[1], b);
    all[2] = Math.max(all[2], c);
    all[3] = Math.max(all[3], d);
  }
  index.finish();
  return {
    level: g.level,
    bbox: all,
    locate(lon, lat) {
      if (lon < all[0] || lon > all[2] || lat < all[1] || lat > all[3]) return null;
      for (const i of index.search(lon, lat, lon, lat)) {
        if (turf.booleanPointInPolygon([lon, lat], features[i])) return String(features[i].properties?.code);
      }
      return null;
    },
  };
}
