// Population bases, segments and indicator rates as the travel-time tables need
// them. Plain reads of the cgm_ tables described in electron/store/schema.ts.
import type Database from 'better-sqlite3';
import type { BaseKind, SegmentBase, SegmentRate } from '../../shared/domain';
import { areaCodes } from '../importers/project-tables';
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
  const bases: SegmentBase[] = scoped.bases.map((b) => ({ ...b, segmentCode: lift(b.segmentCode) }));
  const communal = baseKind === 'persons' && excludeCommunalSetting(db) ? communalResidents(db, scheme) : new Map<string, number>();
  const pop = new Map(
    (db.prepare('SELECT area_code, count FROM cgm_population WHERE base_kind = ?').all(baseKind) as { area_code: string; count: number }[]).map(
      (r) => [r.area_code, r.count],
    ),
  );
  const rows = bases.map((b) => ({ area_code: b.areaCode }));
  const levels = areaCodes(db);
  const level = rows.length ? (levels.get(rows[0].area_code) ?? null) : null;
  const assigned = new Set(rows.map((r) => r.area_code));
  // The all-population row covers every area with a population at the assignments' level.
  const population = [...pop]
    .filter(([code]) => (level ? levels.get(code) === level : assigned.has(code)) && !scoped.isExcluded(code))
    .map(([areaCode, base]) => ({ areaCode, base: base - Math.min(communal.get(areaCode) ?? 0, base) }));
  return { scheme, baseKind, level, bases, population };
}
