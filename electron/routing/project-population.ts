// Population bases, segments and indicator rates as the travel-time tables need
// them. Plain reads of the cgm_ tables described in electron/store/schema.ts.
import type Database from 'better-sqlite3';
import type { BaseKind, SegmentBase, SegmentRate } from '../../shared/domain';
import { geographies, levelOfCode } from '../importers/project-tables';
import { quoteId } from '../store/gpkg';
import { communalResidents, indicatorInputs, schemeSegments } from '../analysis/inputs';
import { excludeCommunalSetting, scopedInputs } from '../analysis/analysis-scope';
import { segmentLifter } from '../analysis/segment-levels';
import { InputError } from '../../shared/errors';

export interface SegmentBases {
  scheme: string;
  baseKind: BaseKind;
  /** The geography level of the assignments' area codes. */
  level: string | null;
  bases: SegmentBase[];
  population: { areaCode: string; base: number }[];
}

export function indicatorRates(db: Database.Database, name: string): { scheme: string; rates: SegmentRate[] } {
  const { scheme, rates } = indicatorInputs(db, name);
  return { scheme, rates };
}

/** The scheme to use: the one asked for, or the project's only scheme. */
export function pickScheme(db: Database.Database, scheme?: string): string {
  const all = db.prepare('SELECT name FROM cgm_schemes ORDER BY name').pluck().all() as string[];
  if (scheme) {
    if (!all.includes(scheme)) throw new InputError(`no segmentation scheme "${scheme}" in this project`);
    return scheme;
  }
  if (all.length === 1) return all[0];
  throw new InputError(all.length === 0 ? 'this project has no segmentation scheme yet' : `choose a scheme with --scheme (${all.join(', ')})`);
}

/**
 * Base of each segment in each area. An assignment with count NULL means the
 * whole area belongs to the segment (OAC), so its base is the area's population;
 * otherwise the count is the segment's own base there (Mosaic/Acorn counts).
 * With `segmentLevel`, codes are rolled up their parent chain to that level.
 * `base` picks persons or households (default: the scheme's own, base-kind.ts).
 */
export function segmentBases(db: Database.Database, scheme: string, segmentLevel?: string, base?: BaseKind): SegmentBases {
  const lift = segmentLifter(schemeSegments(db, scheme), segmentLevel);
  // Excluded areas and (when the project says so) communal residents are left out, as in every analysis.
  const scoped = scopedInputs(db, null, scheme, { base });
  const baseKind = scoped.baseKind;
  // The scoped bases are this call's own objects, read for it: lifted in place, not copied (190,000 nationally).
  const bases: SegmentBase[] = scoped.bases;
  if (segmentLevel) for (const b of bases) b.segmentCode = lift(b.segmentCode);
  const communal = baseKind === 'persons' && excludeCommunalSetting(db) ? communalResidents(db, scheme) : new Map<string, number>();
  const level = bases.length ? levelOfCode(db, bases[0].areaCode) : null;
  // The all-population row covers every area with a population at the assignments' level.
  const population: SegmentBases['population'] = [];
  const params = level !== null ? { baseKind } : { baseKind, codes: JSON.stringify(bases.map((b) => b.areaCode)) };
  const rows = populationAt(db, level).raw().all(params) as [string, number][];
  for (const [areaCode, count] of rows) {
    if (!scoped.isExcluded(areaCode)) population.push({ areaCode, base: count - Math.min(communal.get(areaCode) ?? 0, count) });
  }
  return { scheme, baseKind, level, bases, population };
}

/**
 * The population rows of `level`'s areas (those whose first level, as levelOfCode finds it, is
 * `level`), or with no level of the codes bound as a JSON array; in the table's order, as all the
 * rows were read before. By the levels' code indexes: reading every code was ~0.25 s nationally.
 */
function populationAt(db: Database.Database, level: string | null) {
  // `+area_code`: the table is scanned in its own order, each code looked up in the lists, rather
  // than the lists walked in code order.
  const where = ['base_kind = @baseKind'];
  if (level === null) where.push('+area_code IN (SELECT value FROM json_each(@codes))');
  else {
    const levels = geographies(db);
    const at = levels.findIndex((g) => g.level === level);
    where.push(`+area_code IN (SELECT code FROM ${quoteId(levels[at].table_name)})`);
    for (const g of levels.slice(0, at)) where.push(`+area_code NOT IN (SELECT code FROM ${quoteId(g.table_name)} WHERE code IS NOT NULL)`);
  }
  return db.prepare(`SELECT area_code, count FROM cgm_population WHERE ${where.join(' AND ')}`);
}
