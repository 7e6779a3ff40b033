// The profile table, as the segmentation profiling toolkit prints it: one row
// per segment plus a total row, with users, users %, base, base %, penetration
// and index.
//
// Rounding (see rounding.ts): percentages and penetration to 2 decimals, index
// to an integer, each rounded half away from zero from the EXACT value. The
// index is users% / base% × 100 on the unrounded percentages: the published
// toolkit table only reproduces that way (group C: 24 from exact values, 26
// from the printed 0.08 / 0.31; group J: 76 exact, 77 from 12.24 / 16.00).

import { roundRatio } from './rounding';

export interface ProfileInput {
  segmentCode: string;
  segmentName: string;
  users: number;
  base: number;
}

export interface ProfileRow {
  segmentCode: string;
  segmentName: string;
  users: number;
  /** Share of all users, %, 2 dp. */
  usersPct: number;
  base: number;
  /** Share of all base, %, 2 dp. */
  basePct: number;
  /** users / base × 100, 2 dp; null when base is 0. */
  penetration: number | null;
  /** users% / base% × 100, integer; null when base is 0. */
  index: number | null;
  /** 1 = highest need (risk) rate; only when rates are given. */
  needRank?: number | null;
  /** Users this segment would have if uptake matched need; only when rates are given. */
  expectedUsers?: number | null;
}

export interface ProfileTable {
  rows: ProfileRow[];
  total: ProfileRow;
}

export interface ProfileOptions {
  /** Need prevalence (0..1) per segment code: adds need rank and expected users. */
  needRates?: Record<string, number>;
}

export const TOTAL_CODE = 'Total';

function pct(part: number, whole: number): number {
  return whole > 0 ? roundRatio(part, whole, 100, 2) : 0;
}

/** users% / base% × 100 = users × totalBase × 100 / (base × totalUsers), rounded once. */
function indexOf(users: number, base: number, totalUsers: number, totalBase: number): number | null {
  if (base <= 0 || totalUsers <= 0) return null;
  return roundRatio(users * totalBase, base * totalUsers, 100, 0);
}

/** Rank 1 = highest rate; ties share the best rank (competition ranking). */
export function needRanks(rates: Record<string, number>): Record<string, number> {
  const sorted = Object.values(rates).sort((a, b) => b - a);
  const ranks: Record<string, number> = {};
  for (const [code, rate] of Object.entries(rates)) ranks[code] = sorted.indexOf(rate) + 1;
  return ranks;
}

export function profileTable(inputs: readonly ProfileInput[], options: ProfileOptions = {}): ProfileTable {
  for (const r of inputs) {
    if (!(r.users >= 0 && r.base >= 0)) throw new RangeError(`${r.segmentCode}: users and base must be >= 0`);
  }
  const totalUsers = inputs.reduce((s, r) => s + r.users, 0);
  const totalBase = inputs.reduce((s, r) => s + r.base, 0);
  const rates = options.needRates;
  const ranks = rates ? needRanks(pickRates(rates, inputs)) : null;
  // Expected users if uptake matched need: all users shared in proportion to expected cases.
  const needCases = rates ? inputs.map((r) => r.base * (rates[r.segmentCode] ?? 0)) : null;
  const totalNeed = needCases ? needCases.reduce((s, v) => s + v, 0) : 0;

  const rows = inputs.map((r, i): ProfileRow => {
    const row: ProfileRow = {
      segmentCode: r.segmentCode,
      segmentName: r.segmentName,
      users: r.users,
      usersPct: pct(r.users, totalUsers),
      base: r.base,
      basePct: pct(r.base, totalBase),
      penetration: r.base > 0 ? roundRatio(r.users, r.base, 100, 2) : null,
      index: indexOf(r.users, r.base, totalUsers, totalBase),
    };
    if (ranks && needCases) {
      row.needRank = ranks[r.segmentCode] ?? null;
      row.expectedUsers = totalNeed > 0 ? (totalUsers * needCases[i]) / totalNeed : null;
    }
    return row;
  });

  const total: ProfileRow = {
    segmentCode: TOTAL_CODE,
    segmentName: TOTAL_CODE,
    users: totalUsers,
    usersPct: totalUsers > 0 ? 100 : 0,
    base: totalBase,
    basePct: totalBase > 0 ? 100 : 0,
    penetration: totalBase > 0 ? roundRatio(totalUsers, totalBase, 100, 2) : null,
    index: totalBase > 0 && totalUsers > 0 ? 100 : null,
  };
  if (rates) {
    total.needRank = null;
    total.expectedUsers = totalNeed > 0 ? totalUsers : null;
  }
  return { rows, total };
}

function pickRates(rates: Record<string, number>, inputs: readonly ProfileInput[]): Record<string, number> {
  const picked: Record<string, number> = {};
  for (const r of inputs) if (rates[r.segmentCode] !== undefined) picked[r.segmentCode] = rates[r.segmentCode];
  return picked;
}
