// One geography level's polygons as typed arrays for the map (issue 18):
// read flat from the GeoPackage and triangulated once, then kept in the
// project (area-geometry-cache.ts) and in memory while the table is
// unchanged, so reopening a national project or switching back to a level
// reads arrays instead of 190k blobs. Triangulation is earcut on Web
// Mercator, as deck.gl's own tessellator does it, so the fill covers the same pixels.
import type Database from 'better-sqlite3';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import { InputError } from '../../shared/errors';
import { buildLevelGeometry, levelFingerprint, readCachedGeometry, writeCachedGeometry, type CachedGeometry } from '../store/area-geometry-cache';
import { areaCodes } from '../store/gpkg-columns';
import { geographies } from './area-layer';

const cache = new WeakMap<Database.Database, Map<string, AreaGeometry>>();
/** Levels kept per project: a national OA level is ~20 bytes a vertex, so only the few last asked for. */
const KEEP = 3;

export function areaGeometry(db: Database.Database, level: string): AreaGeometry {
  const geo = geographies(db).find((g) => g.level === level);
  if (!geo) throw new InputError(`The project has no geography level "${level}".`);
  const key = levelFingerprint(db, geo.table_name);
  const byKey = cache.get(db) ?? new Map<string, AreaGeometry>();
  cache.set(db, byKey);
  const hit = byKey.get(key);
  if (hit?.level === level) {
    byKey.delete(key);
    byKey.set(key, hit); // most recent last
    return hit;
  }
  const geometry = storedGeometry(db, level, geo.table_name, key);
  for (const [k, g] of byKey) if (g.level === level) byKey.delete(k);
  byKey.set(key, geometry);
  while (byKey.size > KEEP) byKey.delete(byKey.keys().next().value!);
  return geometry;
}

/** From the project's cache (an import fills it) when it holds this table's arrays, else read, triangulated and cached there. */
function storedGeometry(db: Database.Database, level: string, table: string, fingerprint: string): AreaGeometry {
  const codes = areaCodes(db, table);
  let arrays: CachedGeometry | null = readCachedGeometry(db, level, fingerprint);
  if (!arrays || arrays.polygonArea.some((a) => a >= codes.length)) {
    arrays = buildLevelGeometry(db, table);
    try {
      writeCachedGeometry(db, level, fingerprint, arrays);
    } catch {
      // A read-only or busy project answers from memory, and the next open reads the blobs again.
    }
  }
  return { level, codes, ...arrays, bbox: bboxOf(arrays.positions) };
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
