// What travel-time analysis reads from a project: the sites of one service and
// one point per area where its people live.
import type * as GeoJSON from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { ServiceSite } from '../../shared/domain';
import { finestLevel, geographies } from '../importers/project-tables';
import { quoteId, readColumns, readFeatures } from '../store/gpkg';
import { areaParents, serviceSites as sitesOfService } from '../analysis/inputs';
import type { Project } from '../store/project';
import { InputError } from '../../shared/errors';
import type { ParentMap } from '../../shared/analysis/hierarchy';
import type Database from 'better-sqlite3';
import { livePlaces } from '../importers/postcode-index';

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
 * `parents` (areaParents towards the level) may be passed by a caller that has it; `names: false`
 * leaves every name null for a caller that shows codes only (a band table), and reads the codes by
 * the level's code index alone, not its rows (geometry and all: ~0.3 s nationally).
 */
export function areaPoints(project: Pick<Project, 'db'>, level?: string, options: { parents?: ParentMap; names?: boolean } = {}): { level: string; points: AreaPoint[] } {
  const { db } = project;
  const geo = level ? geographies(db).find((g) => g.level === level) : finestLevel(db);
  if (!geo) throw new InputError(level ? `no geography level "${level}" in this project` : 'this project has no area boundaries yet');

  // Postcodes carry their finest-level area; walk parent codes up to the level asked for. The chain
  // (every area's row, ~0.15 s nationally) is read only once a code is not of the level itself.
  let parentOf = options.parents;
  const parent = (code: string) => (parentOf ??= areaParents(db, geo.level))[code];
  // Codes and names first, as columns: polygons are decoded only for areas without postcodes
  // (nationally that was 190,000 polygons decoded to find none needed).
  const [codeColumn, nameColumn] = options.names === false ? [codesByIndex(db, geo.table_name), []] : readColumns(db, geo.table_name, ['code', 'name']);
  const codes = codeColumn.map((c) => String(c));
  const indexOf = new Map<string, number>();
  codes.forEach((code, i) => { if (!indexOf.has(code)) indexOf.set(code, i); });
  // The directory's live places (postcode-index.ts), nationally 1.7M postcodes, from the index's
  // two blobs rather than as rows of cgm_postcodes (~2 s). Each of its area codes is found in
  // this layer once (-1: in none), walking parent codes up to the level asked for.
  const places = livePlaces(db);
  const rowOf = new Int32Array(places.areaCodes.length).fill(-1);
  places.areaCodes.forEach((areaCode, a) => {
    let code: string | null | undefined = areaCode;
    let i = code ? indexOf.get(code) : undefined;
    for (let guard = 0; code && i === undefined && guard < 10; guard++) i = (code = parent(code)) ? indexOf.get(code) : undefined;
    if (i !== undefined) rowOf[a] = i;
  });
  // Sums by the area's row, in typed arrays, in postcode order: the order cgm_postcodes holds
  // them in, so each mean is the same to the last bit whichever way the places were read.
  const sumLon = new Float64Array(codes.length), sumLat = new Float64Array(codes.length), n = new Int32Array(codes.length);
  const { areas, lons, lats } = places;
  for (let p = 0; p < areas.length; p++) {
    const i = rowOf[areas[p]];
    if (i < 0) continue;
    sumLon[i] += lons[p];
    sumLat[i] += lats[p];
    n[i]++;
  }
  // A code listed twice sums into its first row, and every row of it shows that sum (as the map by code did).
  const counted = (i: number) => n[indexOf.get(codes[i])!] > 0;
  const shapes = polygonsOf(db, geo.table_name, codes.filter((_, i) => !counted(i)));
  const points: AreaPoint[] = [];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const name = (nameColumn[i] as string | null) ?? null;
    const k = indexOf.get(code)!;
    if (n[k] > 0) points.push({ code, name, lon: sumLon[k] / n[k], lat: sumLat[k] / n[k], source: 'postcodes' });
    else {
      const shape = shapes.get(code);
      if (!shape) continue;
      const [lon, lat] = pointOnFeature(shape).geometry.coordinates;
      points.push({ code, name, lon, lat, source: 'point-on-surface' });
    }
  }
  // Most layers are stored in code order already: a stable sort would leave them as they are.
  if (!inCodeOrder(points)) points.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { level: geo.level, points };
}

/** A level's codes in code order, from its code index (replaceAreaLevel makes it unique): the order areaPoints sorts its points into. */
function codesByIndex(db: Database.Database, table: string): string[] {
  return db.prepare(`SELECT code FROM ${quoteId(table)} WHERE code IS NOT NULL ORDER BY code`).pluck().all() as string[];
}

function inCodeOrder(points: readonly AreaPoint[]): boolean {
  for (let i = 1; i < points.length; i++) if (points[i - 1].code > points[i].code) return false;
  return true;
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
