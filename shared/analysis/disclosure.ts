// Disclosure control: the ONE place that decides what may leave the analyst's
// screen (exports and presentation views both call this).
//
// Rules (domain DisclosureRule):
//   nhs       — NHS Digital rule for sub-national figures: service-user counts
//               1–7 shown as "*", every other count rounded to the nearest 5,
//               zero stays 0; percentages and rates computed from the rounded counts.
//   threshold — counts 1..k−1 suppressed, plus secondary (complementary)
//               suppression so no row/column total gives a suppressed cell back.
//   none      — exact counts, for the analyst's own screen.

import type { DisclosureRule } from '../domain';
import type { ProfileRow, ProfileTable } from './profile';
import { roundRatio } from './rounding';

export const SUPPRESSED = '*' as const;
export type Disclosed = number | typeof SUPPRESSED;

export const NHS_SMALL_MAX = 7;

/** Nearest multiple of 5, halves away from zero. */
export function roundToNearest5(n: number): number {
  return Math.sign(n) * Math.floor(Math.abs(n) / 5 + 0.5) * 5;
}

/** Protect one service-user count on its own (primary suppression only). */
export function suppressCount(count: number, rule: DisclosureRule): Disclosed {
  if (!(count >= 0)) throw new RangeError(`counts must be >= 0, got ${count}`);
  if (count === 0 || rule.kind === 'none') return count;
  if (rule.kind === 'nhs') return count <= NHS_SMALL_MAX ? SUPPRESSED : roundToNearest5(count);
  return count < rule.k ? SUPPRESSED : count;
}

/** Population base counts are not service-user counts: rounded under nhs, never suppressed. */
export function protectBase(count: number, rule: DisclosureRule): number {
  return rule.kind === 'nhs' ? roundToNearest5(count) : count;
}

/**
 * A figure summed over many areas from exact counts (total unmet need),
 * disclosed as a whole rather than as the sum of its shown parts (which would
 * drop every suppressed area): a whole number, then 1–7 as "*" and the rest to
 * the nearest 5 under nhs. A threshold rule hides it under k and rounds it to 5
 * too: unmet need is clipped at zero per area, so an exact total less the
 * shown areas could give one hidden area's figure back.
 */
export function protectDerivedTotal(total: number, rule: DisclosureRule): Disclosed {
  if (rule.kind === 'none') return total;
  const n = Math.round(total);
  if (rule.kind === 'nhs') return suppressCount(n, rule);
  return n > 0 && n < rule.k ? SUPPRESSED : roundToNearest5(n);
}

// ---- generic table -----------------------------------------------------------

export interface CountTable {
  rowLabels: string[];
  colLabels: string[];
  cells: number[][];
}

export interface ProtectedTable {
  rowLabels: string[];
  colLabels: string[];
  cells: Disclosed[][];
  rowTotals: Disclosed[] | null;
  colTotals: Disclosed[] | null;
  grandTotal: Disclosed | null;
  /** Cells suppressed only to protect others, as [row, col] (-1 = a total). */
  secondary: [number, number][];
}

export interface TableOptions {
  rowTotals?: boolean;
  colTotals?: boolean;
}

/** Positions of an (r+1)×(c+1) grid; index r / c is the total row / column. */
type Grid = { value: number; suppressed: boolean; isTotal: boolean }[][];

function buildGrid(t: CountTable): Grid {
  const rows = t.cells.length;
  const cols = t.colLabels.length;
  const grid: Grid = [];
  for (let i = 0; i <= rows; i++) {
    grid.push([]);
    for (let j = 0; j <= cols; j++) {
      const value =
        i < rows && j < cols ? t.cells[i][j]
          : i < rows ? t.cells[i].reduce((s, v) => s + v, 0)
          : j < cols ? t.cells.reduce((s, r) => s + r[j], 0)
          : t.cells.reduce((s, r) => s + r.reduce((a, v) => a + v, 0), 0);
      grid[i].push({ value, suppressed: false, isTotal: i === rows || j === cols });
    }
  }
  return grid;
}

/** Each published total makes one linear constraint: its members must not leave a single unknown. */
function constraintGroups(rows: number, cols: number, o: Required<TableOptions>): [number, number][][] {
  const groups: [number, number][][] = [];
  if (o.rowTotals) {
    for (let i = 0; i < rows; i++) groups.push([...Array.from({ length: cols }, (_, j) => [i, j] as [number, number]), [i, cols]]);
    if (o.colTotals) groups.push([...Array.from({ length: cols }, (_, j) => [rows, j] as [number, number]), [rows, cols]]);
  }
  if (o.colTotals) {
    for (let j = 0; j < cols; j++) groups.push([...Array.from({ length: rows }, (_, i) => [i, j] as [number, number]), [rows, j]]);
    if (o.rowTotals) groups.push([...Array.from({ length: rows }, (_, i) => [i, cols] as [number, number]), [rows, cols]]);
  }
  return groups;
}

/**
 * Complementary suppression: while some constraint has exactly one suppressed
 * member, also suppress its smallest non-zero body cell (else its total, else a
 * zero cell). Greedy and not minimal, but every published total then covers
 * 0 or ≥ 2 unknowns, so no single suppressed cell follows by subtraction.
 */
function secondarySuppression(grid: Grid, groups: [number, number][][]): [number, number][] {
  const added: [number, number][] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      if (group.filter(([i, j]) => grid[i][j].suppressed).length !== 1) continue;
      const open = group.filter(([i, j]) => !grid[i][j].suppressed);
      const rank = ([i, j]: [number, number]) => {
        const c = grid[i][j];
        return c.value > 0 && !c.isTotal ? 0 : c.isTotal ? 1 : 2;
      };
      open.sort((a, b) => rank(a) - rank(b) || grid[a[0]][a[1]].value - grid[b[0]][b[1]].value);
      const pick = open[0];
      if (!pick) continue;
      grid[pick[0]][pick[1]].suppressed = true;
      added.push(pick);
      changed = true;
    }
  }
  return added;
}

export function protectTable(table: CountTable, rule: DisclosureRule, options: TableOptions = {}): ProtectedTable {
  const o = { rowTotals: options.rowTotals ?? true, colTotals: options.colTotals ?? true };
  const rows = table.cells.length;
  const cols = table.colLabels.length;
  const grid = buildGrid(table);
  let secondary: [number, number][] = [];
  if (rule.kind === 'threshold') {
    for (const row of grid) for (const c of row) c.suppressed = c.value > 0 && c.value < rule.k;
    secondary = secondarySuppression(grid, constraintGroups(rows, cols, o)).map(([i, j]) => [i === rows ? -1 : i, j === cols ? -1 : j]);
  }
  const show = (i: number, j: number): Disclosed => {
    const c = grid[i][j];
    if (rule.kind === 'threshold') return c.suppressed ? SUPPRESSED : c.value;
    return suppressCount(c.value, rule);
  };
  return {
    rowLabels: table.rowLabels,
    colLabels: table.colLabels,
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => show(i, j))),
    rowTotals: o.rowTotals ? Array.from({ length: rows }, (_, i) => show(i, cols)) : null,
    colTotals: o.colTotals ? Array.from({ length: cols }, (_, j) => show(rows, j)) : null,
    grandTotal: o.rowTotals || o.colTotals ? show(rows, cols) : null,
    secondary,
  };
}

// ---- profile table -------------------------------------------------------------

export interface DisclosedProfileRow {
  segmentCode: string;
  segmentName: string;
  users: Disclosed;
  usersPct: Disclosed | null;
  base: Disclosed;
  basePct: number | null;
  penetration: Disclosed | null;
  index: Disclosed | null;
}

export interface DisclosedProfile {
  rule: DisclosureRule;
  rows: DisclosedProfileRow[];
  total: DisclosedProfileRow;
  /** For the footnote of any export. */
  note: string;
}

/** How figures derived from counts are published (why: so nothing shown contradicts, or reveals, a protected count). */
const DERIVED_NOTE =
  'Uptake ratios, intervals, significance, gap types, strata and ranks are computed from the counts as shown, so they agree with each other; totals are taken over every area and then protected as a whole.';

export function disclosureNote(rule: DisclosureRule): string {
  if (rule.kind === 'nhs') {
    return 'Counts of 1–7 shown as *; other counts rounded to the nearest 5; percentages and rates from rounded counts. ' +
      `${DERIVED_NOTE} Where a count is *, its ratio, interval and rank are too; its significance is shown only where every count from 1 to 7 gives the same.`;
  }
  if (rule.kind === 'threshold') return `Counts of 1–${rule.k - 1} and cells that would reveal them shown as *. ${DERIVED_NOTE} Where a count is *, so is everything derived from it.`;
  return 'Exact counts: not for release.';
}

/** Re-derive %, penetration and index from the protected counts. */
export function disclose(profile: ProfileTable | ProfileRow[], rule: DisclosureRule): DisclosedProfile {
  const rows = Array.isArray(profile) ? profile.filter((r) => r.segmentCode !== 'Total') : profile.rows;
  const exactUsers = rows.map((r) => r.users);
  let users: Disclosed[];
  let totalUsers: Disclosed;
  if (rule.kind === 'threshold') {
    const t = protectTable({ rowLabels: rows.map((r) => r.segmentCode), colLabels: ['users'], cells: exactUsers.map((u) => [u]) }, rule, { rowTotals: false, colTotals: true });
    users = t.cells.map((c) => c[0]);
    totalUsers = t.colTotals![0];
  } else {
    users = exactUsers.map((u) => suppressCount(u, rule));
    totalUsers = suppressCount(exactUsers.reduce((s, v) => s + v, 0), rule);
  }
  const bases = rows.map((r) => protectBase(r.base, rule));
  const totalBase = protectBase(rows.reduce((s, r) => s + r.base, 0), rule);
  const derive = (u: Disclosed, b: number): Pick<DisclosedProfileRow, 'usersPct' | 'basePct' | 'penetration' | 'index'> => {
    const basePct = totalBase > 0 ? roundRatio(b, totalBase, 100, 2) : null;
    if (u === SUPPRESSED || totalUsers === SUPPRESSED) return { usersPct: SUPPRESSED, basePct, penetration: SUPPRESSED, index: SUPPRESSED };
    return {
      usersPct: totalUsers > 0 ? roundRatio(u, totalUsers, 100, 2) : null,
      basePct,
      penetration: b > 0 ? roundRatio(u, b, 100, 2) : null,
      index: b > 0 && totalUsers > 0 ? roundRatio(u * totalBase, b * totalUsers, 100, 0) : null,
    };
  };
  const out = rows.map((r, i): DisclosedProfileRow => ({
    segmentCode: r.segmentCode, segmentName: r.segmentName, users: users[i], base: bases[i], ...derive(users[i], bases[i]),
  }));
  const total: DisclosedProfileRow = {
    segmentCode: 'Total', segmentName: 'Total', users: totalUsers, base: totalBase, ...derive(totalUsers, totalBase),
  };
  return { rule, rows: out, total, note: disclosureNote(rule) };
}
