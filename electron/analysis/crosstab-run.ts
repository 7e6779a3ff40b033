// cgm crosstab and the Crosstab tab: a service's segments (base and users)
// across IMD deciles, an indicator's bands or a second scheme's segments.
import type Database from 'better-sqlite3';
import { crosstab, type ColumnShare, type CrosstabTable } from '../../shared/analysis/crosstab';
import { attributeUsers } from '../../shared/analysis/attribution';
import { expectedCases } from '../../shared/analysis/need';
import { InputError } from '../../shared/errors';
import type { BaseKind } from '../../shared/domain';
import { imdDecileIndicator, indicatorEverywhere } from './area-indicator-levels';
import { scopedInputs, type AnalysisScope, type ScopeRequest } from './analysis-scope';
import { areaParents, indicatorInputs, requireService, schemeSegments } from './inputs';
import { segmentLifter } from './segment-levels';

export interface CrosstabRequest extends ScopeRequest {
  service: string;
  scheme: string;
  segmentLevel?: string;
  /** imd_decile, an area indicator's name, or a scheme's name. */
  by: string;
  /** With a scheme in `by`: its segment level (default the level its areas are assigned at). */
  byLevel?: string;
  /** Need indicator: expected users from need instead of the overall rate. */
  indicator?: string;
}

export interface CrosstabResult {
  table: CrosstabTable;
  /** What the columns are and how areas got one, for notes and exports. */
  columnsAre: string;
  baseKind: BaseKind;
  scope: AnalysisScope;
}

/** Quintile bands of an area's value (Q1 lowest), areas counted equally, for scores, rates and counts. */
function quintiles(values: Map<string, number>): (v: number) => string {
  const sorted = [...values.values()].sort((a, b) => a - b);
  const cut = [1, 2, 3, 4].map((q) => sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 5))]);
  return (v) => `Q${1 + cut.filter((c) => v >= c).length}`;
}

export function runCrosstab(db: Database.Database, req: CrosstabRequest): CrosstabResult {
  requireService(db, req.service);
  const segments = schemeSegments(db, req.scheme);
  if (segments.length === 0) throw new InputError(`no segmentation scheme "${req.scheme}" in the project`);
  if (req.by === req.scheme) throw new InputError('--by names the same scheme as --scheme: choose another scheme, imd_decile or an indicator');
  const lift = segmentLifter(segments, req.segmentLevel);
  const { bases, users, scope, baseKind } = scopedInputs(db, req.service, req.scheme, req);
  const attributed = attributeUsers(users, bases, areaParents(db));
  const key = (a: string, s: string) => `${a}\u0000${s}`;
  const cells = new Map<string, { areaCode: string; rowCode: string; base: number; users: number }>();
  const cell = (a: string, s: string) => cells.get(key(a, s)) ?? cells.set(key(a, s), { areaCode: a, rowCode: s, base: 0, users: 0 }).get(key(a, s))!;
  for (const b of bases) cell(b.areaCode, lift(b.segmentCode)).base += b.base;
  for (const u of attributed.rows) cell(u.areaCode, lift(u.segmentCode)).users += u.users;
  const names = new Map(segments.map((s) => [s.code, s.name]));
  const rowCodes = [...new Set([...cells.values()].map((c) => c.rowCode))].sort();

  let columns: string[];
  let columnsOf: (area: string) => ColumnShare[];
  let columnsAre: string;
  const isScheme = schemeSegments(db, req.by).length > 0;
  if (isScheme) {
    // A second scheme: each area's shares of its segments in that scheme (one segment: share 1).
    const liftOther = segmentLifter(schemeSegments(db, req.by), req.byLevel);
    const other = scopedInputs(db, null, req.by, req).bases.map((b) => ({ ...b, segmentCode: liftOther(b.segmentCode) }));
    const perArea = new Map<string, Map<string, number>>();
    for (const b of other) {
      const m = perArea.get(b.areaCode) ?? new Map<string, number>();
      m.set(b.segmentCode, (m.get(b.segmentCode) ?? 0) + b.base);
      perArea.set(b.areaCode, m);
    }
    columns = [...new Set(other.map((b) => b.segmentCode))].sort();
    columnsOf = (area) => {
      const m = perArea.get(area);
      const total = m ? [...m.values()].reduce((a, b) => a + b, 0) : 0;
      return m && total > 0 ? [...m].map(([column, n]) => ({ column, share: n / total })) : [];
    };
    columnsAre = `segments of ${req.by}; an area split among several shares its base and users in proportion to their counts`;
  } else {
    const name = req.by === 'imd_decile' ? imdDecileIndicator(db) : req.by;
    const { values, method, kind } = indicatorEverywhere(db, name);
    if (kind === 'decile') {
      columns = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
      columnsOf = (area) => (values.has(area) ? [{ column: String(values.get(area)), share: 1 }] : []);
      columnsAre = `deciles of ${name} (1 = most deprived); ${method}`;
    } else {
      const band = quintiles(values);
      columns = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'];
      columnsOf = (area) => (values.has(area) ? [{ column: band(values.get(area)!), share: 1 }] : []);
      columnsAre = `quintiles of ${name} over the areas (Q1 lowest value); ${method}`;
    }
  }

  let expectedByArea: Map<string, number> | undefined;
  if (req.indicator) {
    const need = expectedCases(bases, indicatorInputs(db, req.indicator).rates).areas;
    const totalNeed = need.reduce((s, a) => s + a.expected, 0);
    const totalUsers = attributed.rows.reduce((s, u) => s + u.users, 0);
    // Indirect standardisation, as the area analysis does: users expected if every area took up in line with its need.
    expectedByArea = new Map(need.map((a) => [a.areaCode, totalNeed > 0 ? (totalUsers * a.expected) / totalNeed : 0]));
  }
  const table = crosstab({ cells: [...cells.values()], columnsOf, columns, rows: rowCodes.map((code) => ({ code, name: names.get(code) ?? code })), expectedByArea });
  return { table, columnsAre, baseKind, scope };
}
