// One geography level's polygons as typed arrays for the map (issue 18):
// read flat from the GeoPackage, triangulated once, kept while the table is
// unchanged, so reopening a national project or switching back to a level
// costs a cache lookup. Triangulation is earcut on Web Mercator, as deck.gl's
// own tessellator does it, so the fill covers the same pixels.
import type Database from 'better-sqlite3';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import { InputError } from '../../shared/errors';
import { readFlatPolygons } from '../store/gpkg-flat-read';
import { triangulate } from '../../shared/cartography/area-triangles';
import { geographies } from './area-layer';

const cache = new WeakMap<Database.Database, Map<string, AreaGeometry>>();
/** Levels kept per project: a national OA level is ~20 bytes a vertex, so only the few last asked for. */
const KEEP = 3;

export function areaGeometry(db: Database.Database, level: string): AreaGeometry {
  const geo = geographies(db).find((g) => g.level === level);
  if (!geo) throw new InputError(`The project has no geography level "${level}".`);
  const stamp = db.prepare('SELECT last_change FROM gpkg_contents WHERE table_name = ?').pluck().get(geo.table_name) as string | undefined;
  const rows = db.prepare(`SELECT count(*) FROM "${geo.table_name}"`).pluck().get() as number;
  const key = `${geo.table_name}|${stamp ?? ''}|${rows}`;
  const byKey = cache.get(db) ?? new Map<string, AreaGeometry>();
  cache.set(db, byKey);
  const hit = byKey.get(key);
  if (hit) {
    byKey.delete(key);
    byKey.set(key, hit); // most recent last
    return hit;
  }
  const flat = readFlatPolygons(db, geo.table_name);
  const geometry: AreaGeometry = { level, ...flat, triangles: triangulate(flat), bbox: bboxOf(flat.positions) };
  for (const k of byKey.keys()) if (k.startsWith(`${geo.table_name}|`)) byKey.delete(k);
  byKey.set(key, geometry);
  while (byKey.size > KEEP) byKey.delete(byKey.keys().next().value!);
  return geometry;
}

function bboxOf(positions: Float64Array): [number, number, number, number] | null {
  if (positions.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 2) {
    const x = positions[i], y = positions[i + 1];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}
