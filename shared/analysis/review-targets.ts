// Numeric targets for review (toolkit step 8: "set targets to measure
// improvement ... likely to be measures of access by the groups identified"),
// checked against a comparison with a saved baseline. A target reads the
// comparison as it is shown: under a disclosure rule a suppressed figure
// leaves the target unknown, never met or not met from a hidden count.

export const TARGET_MEASURES = ['uptake', 'uptake_change', 'index', 'users', 'users_change', 'users_change_pct'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];
export const TARGET_OPS = ['>=', '<='] as const;
export type TargetOp = (typeof TARGET_OPS)[number];

export interface ReviewTarget {
  kind: 'segment' | 'area';
  code: string;
  measure: TargetMeasure;
  op: TargetOp;
  value: number;
}

/** A review row as `cgm review` prints it (numbers, '*' where suppressed, or empty). */
export type ReviewFigure = string | number | null;
export interface ReviewFigures {
  kind: ReviewFigure;
  code: ReviewFigure;
  users_before: ReviewFigure;
  users_after: ReviewFigure;
  users_change: ReviewFigure;
  index_after: ReviewFigure;
  uptake_after: ReviewFigure;
  uptake_change: ReviewFigure;
}

export type TargetStatus = 'met' | 'not met' | 'unknown';

export type TargetCheck<T extends ReviewTarget = ReviewTarget> = T & TargetResult;
interface TargetResult {
  /** The target as the analyst wrote it: "segment 2a uptake >= 0.9". */
  target: string;
  /** The figure the target was checked against: '*' when suppressed, null when there is none. */
  actual: number | '*' | null;
  status: TargetStatus;
  /** Why a target could not be judged. */
  reason: string | null;
}

export const MEASURE_LABELS: Record<TargetMeasure, string> = {
  uptake: 'uptake ratio after',
  uptake_change: 'change in uptake ratio',
  index: 'index after',
  users: 'users after',
  users_change: 'change in users',
  users_change_pct: 'change in users, %',
};

export function describeTarget(t: ReviewTarget): string {
  return `${t.kind} ${t.code} ${t.measure} ${t.op} ${t.value}`;
}

/**
 * Reads "segment 2a uptake >= 0.9" or "area E00012345 users_change_pct >= 10":
 * kind, code, measure, operator, value. Throws a message naming the part that
 * is wrong, for the CLI and the app alike.
 */
export function parseTarget(text: string): ReviewTarget {
  const m = /^\s*(segment|area)\s+(\S+)\s+([a-z_]+)\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(text);
  if (!m) throw new Error(`target "${text}" is not KIND CODE MEASURE >=|<= VALUE (e.g. "segment 2a uptake >= 0.9")`);
  const measure = m[3].toLowerCase();
  if (!(TARGET_MEASURES as readonly string[]).includes(measure)) {
    throw new Error(`target "${text}": the measure is one of ${TARGET_MEASURES.join(', ')}, not "${m[3]}"`);
  }
  const kind = m[1].toLowerCase() as ReviewTarget['kind'];
  if (kind === 'area' && measure === 'index') throw new Error(`target "${text}": areas have no index; use uptake or users`);
  return { kind, code: m[2], measure: measure as TargetMeasure, op: m[4] as TargetOp, value: Number(m[5]) };
}

const numeric = (v: ReviewFigure | undefined): number | '*' | null => {
  if (v === '*') return '*';
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

function figure(row: ReviewFigures, measure: TargetMeasure): { actual: number | '*' | null; reason: string | null } {
  switch (measure) {
    case 'uptake': return { actual: numeric(row.uptake_after), reason: null };
    case 'uptake_change': return { actual: numeric(row.uptake_change), reason: null };
    case 'index': return { actual: numeric(row.index_after), reason: null };
    case 'users': return { actual: numeric(row.users_after), reason: null };
    case 'users_change': return { actual: numeric(row.users_change), reason: null };
    case 'users_change_pct': {
      const before = numeric(row.users_before);
      const change = numeric(row.users_change);
      if (before === '*' || change === '*') return { actual: '*', reason: null };
      if (before === 0) return { actual: null, reason: 'no users in the baseline, so no % change' };
      if (before === null || change === null) return { actual: null, reason: null };
      return { actual: Math.round((1000 * change) / before) / 10, reason: null };
    }
  }
}

/** Checks each target against the comparison's rows (segments and areas, as shown). */
export function checkTargets<T extends ReviewTarget>(targets: readonly T[], rows: readonly ReviewFigures[]): TargetCheck<T>[] {
  return targets.map((t): TargetCheck<T> => {
    const base = { ...t, target: describeTarget(t) };
    const row = rows.find((r) => r.kind === t.kind && r.code === t.code);
    if (!row) return { ...base, actual: null, status: 'unknown', reason: `no ${t.kind} ${t.code} in the comparison` };
    const { actual, reason } = figure(row, t.measure);
    if (actual === '*') return { ...base, actual, status: 'unknown', reason: 'suppressed under the disclosure rule' };
    if (actual === null) return { ...base, actual, status: 'unknown', reason: reason ?? `no ${MEASURE_LABELS[t.measure]} for ${t.kind} ${t.code}` };
    const met = t.op === '>=' ? actual >= t.value : actual <= t.value;
    return { ...base, actual, status: met ? 'met' : 'not met', reason: null };
  });
}

export const TARGET_COLUMNS = ['target', 'kind', 'code', 'measure', 'op', 'value', 'actual', 'status', 'reason'] as const;
