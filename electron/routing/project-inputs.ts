// What travel-time analysis reads from a project: the sites of one service and
// one point per area where its people live.
import type * as GeoJSON from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { ServiceSite } from '../../shared/domain';
import { finestLevel, geographies } from '../importers/project-tables';
import { readFeatures } from '../store/gpkg';
import { areaParents, serviceSites as sitesOfService } from '../analysis/inputs';
import type { Project } from '../store/project';
import { InputError } from '../../shared/errors';
import type { ParentMap } from '../../shared/analysis/hierarchy';
import type Database from 'better-sqlite3';

/** Every site of the service, what-if sites included (callers filter with `proposed`). */
export function serviceSites(project: Pick<Project, 'db'>, service: string): ServiceSite[] {
  return sitesOfService(project.db, service, true);
}

export interface AreaPoint {
  code: string;
  name: string | null;
  lon: number;
  lat: number;
  /** 'postcodes': mean of the area's live postcodes, a population-weighted proxy; else a point inside the polygon. */
  source: 'postcodes' | 'point-on-surface';
}

/**
 * One point per area of `level` (default: the finest level). Postcodes are
 * where addresses are, so their mean stands in for a population-weighted
 * centroid; an area without postcodes falls back to a point guaranteed to lie
 * inside its polygon (a plain centroid can fall outside a crescent-shaped area).
 * `parents` (areaParents towards the level) may be passed by a caller that has it.
 */
export function areaPoints(project: Pick<Project, 'db'>, level?: string, parents?: ParentMap): { level: string; points: AreaPoint[] } {
  const { db } = project;
  const geo = level ? geographies(db).find((g) => g.level === level) : finestLevel(db);
  if (!geo) throw new InputError(level ? `no geography level "${level}" in this project` : 'this project has no area boundaries yet');

  // Postcodes carry their finest-level area; walk parent codes up to the level asked for.
  const parentOf = parents ?? areaParents(db, geo.level);
  // Codes and names first: polygons are decoded only for areas without postcodes
  // (nationally that was 190,000 polygons decoded to find none needed).
  const fc = readFeatures(db, geo.table_name, { columns: ['code', 'name'], geometry: false });
  const codes = new Set(fc.features.map((f) => String(f.properties?.code)));
  const sums = new Map<string, { lon: number; lat: number; n: number }>();
  const postcodes = db
    .prepare("SELECT lon, lat, area_code FROM cgm_postcodes WHERE status = 'live' AND lon IS NOT NULL AND lat IS NOT NULL AND area_code IS NOT NULL")
    .raw()
    .all() as [number, number, string][];
  for (const [lon, lat, areaCode] of postcodes) {
    let code: string | null | undefined = areaCode;
    for (let guard = 0; code && !codes.has(code) && guard < 10; guard++) code = parentOf[code];
    if (!code || !codes.has(code)) continue;
    let s = sums.get(code);
    if (!s) sums.set(code, (s = { lon: 0, lat: 0, n: 0 }));
    s.lon += lon;
    s.lat += lat;
    s.n++;
  }
  const shapes = polygonsOf(db, geo.table_name, fc.features.map((f) => String(f.properties?.code)).filter((code) => !sums.has(code)));
  const points: AreaPoint[] = [];
  for (const f of fc.features) {
    const code = String(f.properties?.code);
    const name = (f.properties?.name as string | null) ?? null;
    const s = sums.get(code);
    const shape = shapes.get(code);
    if (s) points.push({ code, name, lon: s.lon / s.n, lat: s.lat / s.n, source: 'postcodes' });
    else if (shape) {
      const [lon, lat] = pointOnFeature(shape).geometry.coordinates;
      points.push({ code, name, lon, lat, source: 'point-on-surface' });
    }
  }
  points.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { level: geo.level, points };
}

/** The polygons of `codes` (those with a geometry), read by the layer's code index. */
function polygonsOf(db: Database.Database, table: string, codes: string[]): Map<string, GeoJSON.Feature> {
  const shapes = new Map<string, GeoJSON.Feature>();
  if (codes.length === 0) return shapes;
  for (const f of readFeatures(db, table, { columns: ['code'], where: { column: 'code', in: codes } }).features) {
    if (f.geometry) shapes.set(String(f.properties?.code), f);
  }
  return shapes;
}
