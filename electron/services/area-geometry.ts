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

/** Builds a level's arrays on a miss of the project's cache, and stores them there if it can: here, or in a worker thread. */
export type LevelGeometryBuilder = (level: string, table: string, fingerprint: string) => Promise<CachedGeometry>;

export function areaGeometry(db: Database.Database, level: string): AreaGeometry {
  const { table, key, hit } = keptLevel(db, level);
  if (hit) return hit;
  const codes = areaCodes(db, table);
  const arrays = cachedArrays(db, level, key, codes.length) ?? storeLevelGeometry(db, level, table, key);
  return keep(db, key, { level, codes, ...arrays, bbox: bboxOf(arrays.positions) });
}

/**
 * areaGeometry with a miss of the project's cache (the first open of a national project after
 * the upgrade that added it) built and stored by `build`: the app's is a worker thread, so the
 * main thread neither triangulates 190k areas nor writes ~60 MB into the project meanwhile.
 */
export async function areaGeometryBuiltBy(db: Database.Database, level: string, build: LevelGeometryBuilder): Promise<AreaGeometry> {
  const { table, key, hit } = keptLevel(db, level);
  if (hit) return hit;
  const codes = areaCodes(db, table);
  let arrays = cachedArrays(db, level, key, codes.length);
  if (!arrays) {
    // One build of a level at a time: a page reloaded during a national first open asks again.
    const building = buildsUnderWay.get(db) ?? new Map<string, Promise<CachedGeometry>>();
    buildsUnderWay.set(db, building);
    let under = building.get(key);
    if (!under) {
      under = build(level, table, key).finally(() => building.delete(key));
      building.set(key, under);
    }
    arrays = await under;
    // The worker reads the file on its own connection: arrays of another file than this one's codes are built here instead.
    if (!fits(arrays, codes.length)) arrays = storeLevelGeometry(db, level, table, key);
  }
  return keep(db, key, { level, codes, ...arrays, bbox: bboxOf(arrays.positions) });
}

const buildsUnderWay = new WeakMap<Database.Database, Map<string, Promise<CachedGeometry>>>();

const fits = (arrays: CachedGeometry, areas: number): boolean => !arrays.polygonArea.some((a) => a >= areas);

function keptLevel(db: Database.Database, level: string): { table: string; key: string; hit: AreaGeometry | null } {
  const geo = geographies(db).find((g) => g.level === level);
  if (!geo) throw new InputError(`The project has no geography level "${level}".`);
  const key = levelFingerprint(db, geo.table_name);
  const byKey = cache.get(db);
  const hit = byKey?.get(key);
  if (!byKey || hit?.level !== level) return { table: geo.table_name, key, hit: null };
  byKey.delete(key);
  byKey.set(key, hit); // most recent last
  return { table: geo.table_name, key, hit };
}

function keep(db: Database.Database, key: string, geometry: AreaGeometry): AreaGeometry {
  const byKey = cache.get(db) ?? new Map<string, AreaGeometry>();
  cache.set(db, byKey);
  for (const [k, g] of byKey) if (g.level === geometry.level) byKey.delete(k);
  byKey.set(key, geometry);
  while (byKey.size > KEEP) byKey.delete(byKey.keys().next().value!);
  return geometry;
}

/** The project's cached arrays of this table (an import fills them), or null when there are none for it. */
function cachedArrays(db: Database.Database, level: string, fingerprint: string, areas: number): CachedGeometry | null {
  const arrays = readCachedGeometry(db, level, fingerprint);
  return arrays && fits(arrays, areas) ? arrays : null;
}

/** The level's arrays read from the blobs and triangulated, and cached in the project while its table is the one fingerprinted. */
export function storeLevelGeometry(db: Database.Database, level: string, table: string, fingerprint: string): CachedGeometry {
  const arrays = buildLevelGeometry(db, table);
  try {
    // A worker's connection may see another file than the asker's (an import renamed into place since): then not stored.
    if (levelFingerprint(db, table) === fingerprint) writeCachedGeometry(db, level, fingerprint, arrays);
  } catch {
    // A read-only or busy project answers from memory, and the next open reads the blobs again.
  }
  return arrays;
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
