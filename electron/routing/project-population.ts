// Population bases, segments and indicator rates as the travel-time tables need
// them. Plain reads of the cgm_ tables described in electron/store/schema.ts.
import type Database from 'better-sqlite3';
import type { SegmentBase, SegmentRate } from '../../shared/domain';
import { areaCodes } from '../importers/project-tables';

export interface SegmentBases {
  scheme: string;
  baseKind: string;
  /** The geography level of the assignments' area codes. */
  level: string | null;
  bases: SegmentBase[];
  population: { areaCode: string; base: number }[];
}

export function indicatorRates(db: Database.Database, name: string): { scheme: string; rates: SegmentRate[] } {
  const ind = db.prepare('SELECT scheme FROM cgm_indicators WHERE name = ?').get(name) as { scheme: string } | undefined;
  if (!ind) throw new Error(`no indicator "${name}" in this project`);
  const rates = db.prepare('SELECT segment_code AS segmentCode, prevalence FROM cgm_rates WHERE indicator = ?').all(name) as SegmentRate[];
  return { scheme: ind.scheme, rates };
}

/** The scheme to use: the one asked for, or the project's only scheme. */
export function pickScheme(db: Database.Database, scheme?: string): string {
  const all = db.prepare('SELECT name FROM cgm_schemes ORDER BY name').pluck().all() as string[];
  if (scheme) {
    if (!all.includes(scheme)) throw new Error(`no segmentation scheme "${scheme}" in this project`);
    return scheme;
  }
  if (all.length === 1) return all[0];
  throw new Error(all.length === 0 ? 'this project has no segmentation scheme yet' : `choose a scheme with --scheme (${all.join(', ')})`);
}

/**
 * Base of each segment in each area. An assignment with count NULL means the
 * whole area belongs to the segment (OAC), so its base is the area's population;
 * otherwise the count is the segment's own base there (Mosaic/Acorn counts).
 * With `segmentLevel`, codes are rolled up their parent chain to that level.
 */
export function segmentBases(db: Database.Database, scheme: string, segmentLevel?: string): SegmentBases {
  const baseKind = (db.prepare('SELECT base_kind FROM cgm_schemes WHERE name = ?').pluck().get(scheme) as string | undefined) ?? 'persons';
  const pop = new Map(
    (db.prepare('SELECT area_code, count FROM cgm_population WHERE base_kind = ?').all(baseKind) as { area_code: string; count: number }[]).map(
      (r) => [r.area_code, r.count],
    ),
  );
  const segs = db.prepare('SELECT code, parent_code, level FROM cgm_segments WHERE scheme = ?').all(scheme) as {
    code: string; parent_code: string | null; level: string;
  }[];
  const segInfo = new Map(segs.map((s) => [s.code, s]));
  const rollUp = (code: string): string => {
    if (!segmentLevel) return code;
    let c: string | null = code;
    for (let guard = 0; c && guard < 10; guard++) {
      const info = segInfo.get(c);
      if (!info || info.level === segmentLevel) return c;
      c = info.parent_code;
    }
    return code;
  };
  const rows = db.prepare('SELECT area_code, segment_code, count FROM cgm_assignments WHERE scheme = ?').all(scheme) as {
    area_code: string; segment_code: string; count: number | null;
  }[];
  const bases: SegmentBase[] = [];
  for (const r of rows) {
    const base = r.count ?? pop.get(r.area_code) ?? 0;
    bases.push({ areaCode: r.area_code, segmentCode: rollUp(r.segment_code), base });
  }
  const levels = areaCodes(db);
  const level = rows.length ? (levels.get(rows[0].area_code) ?? null) : null;
  const assigned = new Set(rows.map((r) => r.area_code));
  // The all-population row covers every area with a population at the assignments' level.
  const population = [...pop]
    .filter(([code]) => (level ? levels.get(code) === level : assigned.has(code)))
    .map(([areaCode, base]) => ({ areaCode, base }));
  return { scheme, baseKind, level, bases, population };
}
