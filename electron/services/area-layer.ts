// Areas of one geography level as GeoJSON, each with its population (and its
// households, where imported) and its segment. Segments assigned at a finer
// level (OA) are carried up to the requested level (LSOA) as the segment
// holding most of the population.
import type Database from 'better-sqlite3';
import type { FeatureCollection } from 'geojson';
import { readFeatures } from '../store/gpkg';
import { areaParents, requireScheme, schemeSegments } from '../analysis/inputs';
import { areaLifter, segmentLifter } from '../analysis/segment-levels';
import { InputError } from '../../shared/errors';
import type { AttributeValues } from '../../shared/contract/area-columns';
import { areasLiftInto, hasBase, ownAssignments, ownCounts, type OwnAssignment } from '../store/area-figures';

interface GeographyRow {
  level: string;
  table_name: string;
  parent_level: string | null;
}

export function geographies(db: Database.Database): GeographyRow[] {
  return db.prepare('SELECT level, table_name, parent_level FROM cgm_geographies ORDER BY rank, level').all() as GeographyRow[];
}

/** child code → code of its ancestor at `level` (identity for areas of that level). */
export function ancestorAt(db: Database.Database, level: string): Map<string, string> {
  const geo = geographies(db).find((g) => g.level === level);
  const own = geo ? (db.prepare(`SELECT code FROM "${geo.table_name}"`).pluck().all() as string[]) : [];
  const result = new Map<string, string>();
  for (const code of own) result.set(code, code);
  // Only finer areas (other levels' tables, a level's members) need their chain followed: a
  // national project's finest level skips reading 190k parent links into an object.
  if (!geo || !areasLiftInto(db, geo.table_name)) return result;
  const parents = areaParents(db, level);
  const lift = areaLifter(parents, new Set(own));
  for (const code of Object.keys(parents)) {
    if (result.has(code)) continue;
    const ancestor = lift(code);
    if (ancestor) result.set(code, ancestor);
  }
  return result;
}

export function areaLayer(
  db: Database.Database,
  level: string,
  scheme?: string,
  segmentLevel?: string,
  withGeometry = true,
): FeatureCollection {
  const geo = geographies(db).find((g) => g.level === level);
  if (!geo) throw new InputError(`The project has no geography level "${level}".`);
  const collection = readFeatures(db, geo.table_name, { geometry: withGeometry });
  const codes = collection.features.map((f) => String(f.properties?.code));
  const figures = areaFigures(db, level, codes, scheme, segmentLevel);
  collection.features.forEach((f, i) => {
    const props = (f.properties ??= {});
    for (const { name, values } of figures) props[name] = values[i];
  });
  return collection;
}

/**
 * What the map shows of each area besides its table's own columns, in the
 * order of `codes` (the level table's key order): its population, its
 * households (only where a households base is imported, so a persons-only
 * project's layer and exports keep their attributes) and, with a scheme, its
 * segment. One place for getAreaLayer's features and getAreaColumns' columns.
 */
export function areaFigures(db: Database.Database, level: string, codes: readonly string[], scheme?: string, segmentLevel?: string): AttributeValues[] {
  const table = geographies(db).find((g) => g.level === level)?.table_name;
  return table && !areasLiftInto(db, table) ? ownFigures(db, table, scheme, segmentLevel) : liftedFigures(db, level, codes, scheme, segmentLevel);
}

/** areaFigures where no finer area lifts into the level: each area's own rows, matched to it by SQLite. */
export function ownFigures(db: Database.Database, table: string, scheme?: string, segmentLevel?: string): AttributeValues[] {
  const figures: AttributeValues[] = [{ name: 'population', values: ownCounts(db, table, 'persons') }];
  if (hasBase(db, 'households')) figures.push({ name: 'households', values: ownCounts(db, table, 'households') });
  if (scheme) {
    requireScheme(db, scheme);
    const lift = memoised(segmentLifter(schemeSegments(db, scheme), segmentLevel));
    const own = ownAssignments(db, table, scheme);
    const values = 'single' in own ? own.single.map((s) => (s === null ? null : lift(s))) : dominantOf(figures[0].values.length, own.rows, lift);
    figures.push({ name: 'segment', values });
  }
  return figures;
}

/** Each area's segment from its several rows: the heaviest after lifting, a tie to the lowest code (as dominantSegments). */
function dominantOf(areas: number, rows: OwnAssignment[], lift: (code: string) => string): (string | null)[] {
  const out = new Array<string | null>(areas).fill(null);
  let weights = new Map<string, number>();
  rows.forEach(([area, segment, weight], k) => {
    const seg = lift(segment);
    weights.set(seg, (weights.get(seg) ?? 0) + weight);
    if (rows[k + 1]?.[0] === area) return;
    // One segment after lifting is the area's whatever its weight, as dominantSegments keeps it.
    let best = weights.size === 1 ? seg : '';
    let bestWeight = -1;
    for (const [s, w] of weights) if (w > bestWeight || (w === bestWeight && s < best)) [best, bestWeight] = [s, w];
    out[area] = best;
    weights = new Map();
  });
  return out;
}

/** A segment lifter asked once per distinct code: a national level repeats a few dozen codes 190k times. */
function memoised(lift: (code: string) => string): (code: string) => string {
  const seen = new Map<string, string>();
  return (code) => {
    let lifted = seen.get(code);
    if (lifted === undefined) seen.set(code, (lifted = lift(code)));
    return lifted;
  };
}

/** areaFigures in general: finer areas' counts summed into their ancestor, their assignments pooled with its own. */
export function liftedFigures(db: Database.Database, level: string, codes: readonly string[], scheme?: string, segmentLevel?: string): AttributeValues[] {
  const population = baseCounts(db, 'persons');
  const households = baseCounts(db, 'households');

  const up = ancestorAt(db, level);
  const totals = liftedTotals(up, population);
  const householdTotals = liftedTotals(up, households);
  const figures: AttributeValues[] = [{ name: 'population', values: codes.map((code) => population.get(code) ?? totals.get(code) ?? null) }];
  if (households.size) figures.push({ name: 'households', values: codes.map((code) => households.get(code) ?? householdTotals.get(code) ?? null) });
  if (scheme) {
    const dominant = dominantSegments(db, up, population, scheme, segmentLevel);
    figures.push({ name: 'segment', values: codes.map((code) => dominant.get(code) ?? null) });
  }
  return figures;
}

/** Each area's segment: the one holding most of its population where finer areas were assigned. */
function dominantSegments(db: Database.Database, up: Map<string, string>, population: Map<string, number>, scheme: string, segmentLevel?: string): Map<string, string> {
  const dominant = new Map<string, string>();
  requireScheme(db, scheme);
  const lift = segmentLifter(schemeSegments(db, scheme), segmentLevel);
  // Most areas have one assignment row: their segment is kept as it is, and a
  // weight map is made only for an area with several (190k maps cost a second).
  const single = new Map<string, { seg: string; weight: number }>();
  const weights = new Map<string, Map<string, number>>();
  const rows = db.prepare('SELECT area_code, segment_code, count FROM cgm_assignments WHERE scheme = ?').all(scheme) as {
    area_code: string;
    segment_code: string;
    count: number | null;
  }[];
  for (const r of rows) {
    const target = up.get(r.area_code);
    if (!target) continue;
    const weight = r.count ?? population.get(r.area_code) ?? 1;
    const seg = lift(r.segment_code);
    const m = weights.get(target);
    if (m) {
      m.set(seg, (m.get(seg) ?? 0) + weight);
      continue;
    }
    const first = single.get(target);
    if (!first) single.set(target, { seg, weight });
    else if (first.seg === seg) first.weight += weight;
    else {
      single.delete(target);
      weights.set(target, new Map([[first.seg, first.weight], [seg, weight]]));
    }
  }
  for (const [area, { seg }] of single) dominant.set(area, seg);
  // The heaviest segment; a tie goes to the lowest code. No sort: a national level has 190k areas.
  for (const [area, m] of weights) {
    let best = '';
    let bestWeight = -1;
    for (const [seg, w] of m) {
      if (w > bestWeight || (w === bestWeight && seg < best)) [best, bestWeight] = [seg, w];
    }
    dominant.set(area, best);
  }
  return dominant;
}

function baseCounts(db: Database.Database, base: 'persons' | 'households'): Map<string, number> {
  const rows = db.prepare('SELECT area_code, count FROM cgm_population WHERE base_kind = ?').all(base) as { area_code: string; count: number }[];
  return new Map(rows.map((r) => [r.area_code, r.count]));
}

/** Counts of finer areas summed into their ancestor at the level drawn. */
function liftedTotals(up: Map<string, string>, counts: Map<string, number>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [code, ancestor] of up) {
    const n = counts.get(code);
    if (n !== undefined && code !== ancestor) totals.set(ancestor, (totals.get(ancestor) ?? 0) + n);
  }
  return totals;
}
