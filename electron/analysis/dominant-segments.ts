// The segment an area is "mostly", named in the scheme and level the analyst
// has picked (OAC 2011 groups, say) rather than always the finest segments of
// the indicator's scheme: the map, the area panel and the gap table then speak
// of the same segments. The gap rules themselves still read the indicator's
// own finest segments; this only names the largest one for display.
import type Database from 'better-sqlite3';
import { largestSegment } from '../../shared/analysis/gaps';
import { InputError } from '../../shared/errors';
import { scopedInputs, type ScopeRequest } from './analysis-scope';
import { areaParents, levelAreas, schemeSegments } from './inputs';
import { areaLifter, segmentLifter } from './segment-levels';

export interface SegmentChoice {
  segmentScheme?: string;
  segmentLevel?: string;
}

/** area code (of `level`) → its largest segment of the chosen scheme at the chosen level, by the scoped base. */
export function dominantSegments(db: Database.Database, choice: { scheme: string; segmentLevel?: string }, level: string, scope: ScopeRequest): Map<string, string | null> {
  const segments = schemeSegments(db, choice.scheme);
  if (segments.length === 0) throw new InputError(`no segmentation scheme "${choice.scheme}" in the project`);
  const lift = segmentLifter(segments, choice.segmentLevel);
  const up = areaLifter(areaParents(db), new Set(levelAreas(db, level).areas.map((a) => a.code)));
  // Another scheme may lack the analysis's base kind: its own base then names its segments.
  let bases;
  try {
    bases = scopedInputs(db, null, choice.scheme, scope).bases;
  } catch (e) {
    if (!(e instanceof InputError) || scope.base === undefined) throw e;
    bases = scopedInputs(db, null, choice.scheme, { ...scope, base: undefined }).bases;
  }
  const perArea = new Map<string, Map<string, number>>();
  for (const b of bases) {
    const area = up(b.areaCode);
    if (!area) continue;
    const bySegment = perArea.get(area) ?? new Map<string, number>();
    const code = lift(b.segmentCode);
    bySegment.set(code, (bySegment.get(code) ?? 0) + b.base);
    perArea.set(area, bySegment);
  }
  return new Map([...perArea].map(([area, m]) => [area, largestSegment([...m].map(([segmentCode, base]) => ({ segmentCode, base })))]));
}

/** Rows with their dominant segment renamed into the chosen scheme and level; unchanged when none is chosen. */
export function withChosenSegments<R extends { code: string; dominantSegment: string | null }>(
  db: Database.Database, rows: R[], choice: SegmentChoice, level: string, scope: ScopeRequest,
): R[] {
  if (!choice.segmentScheme) return rows;
  const dominant = dominantSegments(db, { scheme: choice.segmentScheme, segmentLevel: choice.segmentLevel }, level, scope);
  return rows.map((r) => ({ ...r, dominantSegment: dominant.get(r.code) ?? null }));
}
