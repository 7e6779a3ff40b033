// The service profile as the toolkit prints it: users and base by segment
// (or by area), from the project's aggregated counts.
import type Database from 'better-sqlite3';
import type { DisclosedProfile } from '../../shared/analysis/disclosure';
import { profileTable, TOTAL_CODE, type ProfileInput, type ProfileTable } from '../../shared/analysis/profile';
import { areaParents, indicatorInputs, levelAreas, requireService, schemeSegments } from './inputs';
import { scopedInputs, type AnalysisScope, type ScopeRequest } from './analysis-scope';
import { areaLifter, segmentLifter } from './segment-levels';
import { imdDecileIndicator, indicatorEverywhere } from './area-indicator-levels';
import { InputError } from '../../shared/errors';
import { attributeUsers, profileUsersShown, type AttributedUsers } from '../../shared/analysis/attribution';
import type { BaseKind } from '../../shared/domain';

export interface ProfileRequest extends ScopeRequest {
  service: string;
  scheme: string;
  /** Segment level (supergroup, group...); default the level assigned. */
  segmentLevel?: string;
  /** When given, rows are the areas of this geography level instead of segments. */
  geographyLevel?: string;
  /** Adds need rank and expected users from this indicator's rates. */
  indicator?: string;
  /** Only the areas in these IMD deciles (1 = most deprived), e.g. [1, 2]: the profile of the most deprived 20%. */
  deciles?: number[];
}

export interface ProfileResult {
  table: ProfileTable;
  baseKind: BaseKind;
  /** Which users were counted, how their segments were found, and who was left out. */
  attributed: AttributedUsers;
  /** Users left out because their area has no base in the scheme (= attributed.leftOut.users). */
  usersWithoutSegment: number;
  scope: AnalysisScope;
  /** Set when the areas were filtered by IMD decile: which deciles, of which indicator, and how areas got one. */
  decileFilter?: string;
}

export function runProfile(db: Database.Database, request: ProfileRequest): ProfileResult {
  requireService(db, request.service);
  const segments = schemeSegments(db, request.scheme);
  if (segments.length === 0) throw new InputError(`no segmentation scheme "${request.scheme}" in the project`);
  const lift = segmentLifter(segments, request.segmentLevel);
  const scoped = scopedInputs(db, request.service, request.scheme, request);
  const { users, scope, baseKind } = scoped;
  const parents = areaParents(db);
  const attributed = attributeUsers(users, scoped.bases, parents);
  // Users are attributed over every area first (so none is "left out" for lying in another decile), then both sides are kept to the chosen deciles.
  const filter = request.deciles?.length ? decileFilter(db, request.deciles) : null;
  const bases = filter ? scoped.bases.filter((b) => filter.keep(b.areaCode)) : scoped.bases;
  const usedRows = filter ? attributed.rows.filter((u) => filter.keep(u.areaCode)) : attributed.rows;
  const result = (table: ProfileTable): ProfileResult => ({ table, baseKind, attributed, usersWithoutSegment: attributed.leftOut.users, scope, ...(filter ? { decileFilter: filter.sentence } : {}) });

  const base = new Map<string, number>();
  const used = new Map<string, number>();

  if (request.geographyLevel) {
    const areas = levelAreas(db, request.geographyLevel).areas;
    const up = areaLifter(areaParents(db, request.geographyLevel), new Set(areas.map((a) => a.code)));
    for (const b of bases) {
      const a = up(b.areaCode);
      if (a) base.set(a, (base.get(a) ?? 0) + b.base);
    }
    for (const u of usedRows) {
      const a = up(u.areaCode);
      if (a) used.set(a, (used.get(a) ?? 0) + u.users);
    }
    const inputs: ProfileInput[] = areas
      .filter((a) => base.has(a.code))
      .map((a) => ({ segmentCode: a.code, segmentName: a.name ?? a.code, users: used.get(a.code) ?? 0, base: base.get(a.code) ?? 0 }));
    return result(profileTable(inputs));
  }

  for (const b of bases) {
    const s = lift(b.segmentCode);
    base.set(s, (base.get(s) ?? 0) + b.base);
  }
  for (const u of usedRows) {
    const s = lift(u.segmentCode);
    used.set(s, (used.get(s) ?? 0) + u.users);
  }
  const names = new Map(segments.map((s) => [s.code, s.name]));
  const codes = [...new Set([...base.keys(), ...used.keys()])].sort();
  const inputs = codes.map((code) => ({ segmentCode: code, segmentName: names.get(code) ?? code, users: used.get(code) ?? 0, base: base.get(code) ?? 0 }));

  let needRates: Record<string, number> | undefined;
  if (request.indicator) {
    const rates = new Map(indicatorInputs(db, request.indicator).rates.map((r) => [r.segmentCode, r.prevalence]));
    // Rates at the requested segment level: base-weighted mean of the finer rates.
    const weighted = new Map<string, { cases: number; base: number }>();
    for (const b of bases) {
      const p = rates.get(b.segmentCode) ?? rates.get(lift(b.segmentCode));
      if (p === undefined) continue;
      const s = lift(b.segmentCode);
      const w = weighted.get(s) ?? { cases: 0, base: 0 };
      w.cases += b.base * p;
      w.base += b.base;
      weighted.set(s, w);
    }
    needRates = Object.fromEntries([...weighted].map(([s, w]) => [s, w.base > 0 ? w.cases / w.base : 0]));
  }
  return result(profileTable(inputs, { needRates }));
}

/** Which areas are in the chosen IMD deciles (an area without a decile is in none), and the sentence that says so. */
function decileFilter(db: Database.Database, deciles: number[]): { keep: (area: string) => boolean; sentence: string } {
  const bad = deciles.filter((d) => !(Number.isInteger(d) && d >= 1 && d <= 10));
  if (bad.length) throw new InputError(`deciles are whole numbers 1 to 10, not ${bad.join(', ')}`);
  const name = imdDecileIndicator(db);
  const { values, method } = indicatorEverywhere(db, name);
  const chosen = new Set(deciles);
  const list = [...chosen].sort((a, b) => a - b).join(', ');
  return { keep: (area) => chosen.has(values.get(area) ?? 0), sentence: `areas in IMD decile${chosen.size === 1 ? '' : 's'} ${list} only (${name}, 1 = most deprived; ${method})` };
}

/** The toolkit's profile columns, as CSV and exports print them: one row per segment, then TOTAL. */
export const PROFILE_COLUMNS = ['segment_code', 'segment_name', 'users', 'users_pct', 'base', 'base_pct', 'penetration', 'index'] as const;

export function profileRecords(shown: DisclosedProfile): Record<(typeof PROFILE_COLUMNS)[number], string | number | null>[] {
  return [...shown.rows, shown.total].map((r) => ({
    segment_code: r.segmentCode === TOTAL_CODE ? 'TOTAL' : r.segmentCode,
    segment_name: r.segmentName,
    users: typeof r.users === 'number' ? profileUsersShown(r.users) : r.users,
    users_pct: r.usersPct,
    base: r.base,
    base_pct: r.basePct,
    penetration: r.penetration,
    index: r.index,
  }));
}
