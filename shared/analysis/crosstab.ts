// Cross-tabulations: the base and users of each segment across a second way of
// cutting the areas (IMD decile, an indicator's bands, another scheme's
// segments), with the uptake ratio of each column. Pure; the runner gathers
// the inputs (electron/analysis/crosstab-run.ts).
//
// An area belongs to one column (its decile) or, for a second scheme that
// counts per segment (Mosaic households), to several in proportion to their
// counts: a segment's base and users in the area are then shared the same way,
// i.e. the two classifications are taken as independent within an area.
import type { DisclosureRule } from '../domain';
import { protectBase, protectTable, SUPPRESSED, type Disclosed } from './disclosure';
import { uptakeRatio } from './uptake';

export interface CrosstabCell {
  areaCode: string;
  rowCode: string;
  base: number;
  users: number;
}

export interface ColumnShare {
  column: string;
  share: number;
}

export interface CrosstabInput {
  cells: readonly CrosstabCell[];
  /** The columns an area falls in, shares summing to 1; empty when it has no value (left out and counted). */
  columnsOf(areaCode: string): readonly ColumnShare[];
  /** Column order (deciles 1..10, segment codes). */
  columns: readonly string[];
  rows: readonly { code: string; name: string }[];
  /** Expected users per area from need; default the base × the overall users per base. */
  expectedByArea?: ReadonlyMap<string, number>;
}

export interface CrosstabTable {
  rows: { code: string; name: string }[];
  columns: string[];
  base: number[][];
  users: number[][];
  /** Per column: users expected (from need, or at the study area's overall rate) and the uptake ratio. */
  expected: number[];
  /** Base and users of areas with no column (no indicator value, no second-scheme segment). */
  leftOut: { base: number; users: number; areas: string[] };
}

export function crosstab(input: CrosstabInput): CrosstabTable {
  const col = new Map(input.columns.map((c, i) => [c, i]));
  const row = new Map(input.rows.map((r, i) => [r.code, i]));
  const grid = () => input.rows.map(() => new Array<number>(input.columns.length).fill(0));
  const base = grid();
  const users = grid();
  const areaBase = new Map<string, number>();
  const leftOut = { base: 0, users: 0, areas: new Set<string>() };
  let totalBase = 0;
  let totalUsers = 0;
  for (const c of input.cells) {
    const r = row.get(c.rowCode);
    if (r === undefined) continue;
    totalBase += c.base;
    totalUsers += c.users;
    const shares = input.columnsOf(c.areaCode);
    if (shares.length === 0) {
      leftOut.base += c.base;
      leftOut.users += c.users;
      leftOut.areas.add(c.areaCode);
      continue;
    }
    areaBase.set(c.areaCode, (areaBase.get(c.areaCode) ?? 0) + c.base);
    for (const s of shares) {
      const k = col.get(s.column);
      if (k === undefined) continue;
      base[r][k] += c.base * s.share;
      users[r][k] += c.users * s.share;
    }
  }
  // Expected users per column: need where given, else the study area's users per head.
  const rate = totalBase > 0 ? totalUsers / totalBase : 0;
  const expected = new Array<number>(input.columns.length).fill(0);
  for (const [area, b] of areaBase) {
    const e = input.expectedByArea ? (input.expectedByArea.get(area) ?? 0) : b * rate;
    for (const s of input.columnsOf(area)) {
      const k = col.get(s.column);
      if (k !== undefined) expected[k] += e * s.share;
    }
  }
  return { rows: [...input.rows], columns: [...input.columns], base, users, expected, leftOut: { ...leftOut, areas: [...leftOut.areas].sort() } };
}

export interface CrosstabRecord {
  row_code: string;
  row_name: string;
  column: string;
  base: number;
  users: Disclosed;
  /** users / base × 100. */
  penetration: number | typeof SUPPRESSED | null;
  /** The cell's share of users over its share of base, × 100 (the profile's index). */
  index: number | typeof SUPPRESSED | null;
  /** On TOTAL rows: expected users and observed / expected with its 95% interval. */
  expected: number | null;
  uptake_ratio: number | typeof SUPPRESSED | null;
  ci95_lower: number | typeof SUPPRESSED | null;
  ci95_upper: number | typeof SUPPRESSED | null;
  significance: string | null;
}

export const CROSSTAB_COLUMNS: readonly (keyof CrosstabRecord)[] = [
  'row_code', 'row_name', 'column', 'base', 'users', 'penetration', 'index', 'expected', 'uptake_ratio', 'ci95_lower', 'ci95_upper', 'significance',
];

const round = (v: number, dp: number) => Math.round(v * 10 ** dp) / 10 ** dp;

/**
 * The table as long records, one per row × column and a TOTAL per column,
 * under the disclosure rule: users through protectTable (with its secondary
 * suppression), bases as protectBase, and every rate from the shown counts.
 */
export function crosstabRecords(t: CrosstabTable, rule: DisclosureRule): CrosstabRecord[] {
  const shown = protectTable({ rowLabels: t.rows.map((r) => r.code), colLabels: t.columns, cells: t.users }, rule, { colTotals: true, rowTotals: true });
  const shownBase = t.base.map((r) => r.map((b) => protectBase(b, rule)));
  const colBase = t.columns.map((_, k) => protectBase(t.base.reduce((s, r) => s + r[k], 0), rule));
  const grandBase = colBase.reduce((a, b) => a + b, 0);
  const grandUsers = shown.grandTotal;
  const index = (u: Disclosed, b: number) =>
    u === SUPPRESSED || grandUsers === SUPPRESSED || grandUsers === null ? SUPPRESSED : b > 0 && grandUsers > 0 && grandBase > 0 ? Math.round(((u / grandUsers) / (b / grandBase)) * 100) : null;
  const penetration = (u: Disclosed, b: number) => (u === SUPPRESSED ? SUPPRESSED : b > 0 ? round((100 * u) / b, 2) : null);
  const out: CrosstabRecord[] = [];
  const blank = { expected: null, uptake_ratio: null, ci95_lower: null, ci95_upper: null, significance: null };
  t.rows.forEach((r, i) => t.columns.forEach((c, k) => {
    const u = shown.cells[i][k];
    out.push({ row_code: r.code, row_name: r.name, column: c, base: round(shownBase[i][k], 2), users: u, penetration: penetration(u, shownBase[i][k]), index: index(u, shownBase[i][k]), ...blank });
  }));
  t.columns.forEach((c, k) => {
    const u = shown.colTotals![k];
    const e = t.expected[k];
    const up = u === SUPPRESSED || !(e > 0) ? null : uptakeRatio({ areaCode: c, observed: u, expected: e });
    out.push({
      row_code: 'TOTAL', row_name: 'Total', column: c, base: round(colBase[k], 2), users: u, penetration: penetration(u, colBase[k]), index: index(u, colBase[k]),
      expected: round(e, 2),
      uptake_ratio: u === SUPPRESSED ? SUPPRESSED : up ? round(up.ratio!, 3) : null,
      ci95_lower: u === SUPPRESSED ? SUPPRESSED : up ? round(up.ci95!.lower, 3) : null,
      ci95_upper: u === SUPPRESSED ? SUPPRESSED : up ? round(up.ci95!.upper, 3) : null,
      significance: up ? up.significance95 : null,
    });
  });
  return out;
}
