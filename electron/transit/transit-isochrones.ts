// Isochrones by public transport. A bus journey's time depends on where the
// traveller starts far more than on any street's position, so the bands are
// drawn from areas, not from a grid of street nodes: each band is the union
// of the areas whose median journey is within its limit (cumulative, as the
// road isochrones), or between it and the limit before (incremental).
import type * as GeoJSON from 'geojson';
import { dissolveGroup, type AreaPolygon } from '../importers/dissolve';
import { geographies, finestLevel } from '../importers/project-tables';
import { readFeatures } from '../store/gpkg';
import type { Project } from '../store/project';
import { projectTransitTimes, type TransitRequest } from './transit-access';

export interface TransitIsochroneOptions extends TransitRequest {
  minutes: number[];
  rings: 'cumulative' | 'incremental';
}

export function transitIsochrones(project: Project, opts: TransitIsochroneOptions): GeoJSON.FeatureCollection<GeoJSON.MultiPolygon> {
  const times = projectTransitTimes(project, opts);
  const geo = geographies(project.db).find((g) => g.level === times.level) ?? finestLevel(project.db)!;
  const polygons = new Map(
    readFeatures(project.db, geo.table_name, { columns: ['code'] }).features
      .filter((f) => f.geometry)
      .map((f) => [String(f.properties?.code), f.geometry as AreaPolygon]),
  );
  const minutes = [...opts.minutes].sort((a, b) => a - b);
  const features: GeoJSON.Feature<GeoJSON.MultiPolygon>[] = [];
  minutes.forEach((limit, b) => {
    const lo = opts.rings === 'incremental' && b > 0 ? minutes[b - 1] * 60 : -1;
    const parts = times.areas
      .filter((a) => a.seconds !== null && a.seconds <= limit * 60 && a.seconds > lo)
      .flatMap((a) => (polygons.has(a.code) ? [polygons.get(a.code)!] : []));
    const geometry = dissolveGroup(parts);
    if (!geometry) return;
    features.push({
      type: 'Feature',
      properties: {
        minutes: limit, fromMinutes: opts.rings === 'incremental' && b > 0 ? minutes[b - 1] : 0,
        mode: 'transit', date: times.date, depart: times.window, level: times.level, areas: parts.length,
      },
      geometry,
    });
  });
  return { type: 'FeatureCollection', features };
}
