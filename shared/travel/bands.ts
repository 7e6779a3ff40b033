// The travel-time band table of the seed toolkit (§4 "Gap analysis"): for each
// segment, ranked by risk (prevalence, 1 = highest; equal rates share a rank),
// the cumulative share of its base population within
// <5, 5–10, 10–15, 15–20, 20–25 and >25 minutes of the nearest site, and a row
// for the whole population. Pure: the renderer draws the same table.
import type { SegmentBase, SegmentRate } from '../domain';

export const DEFAULT_BAND_LIMITS = [5, 10, 15, 20, 25];

export interface AreaTime {
  areaCode: string;
  /** Minutes from the nearest site; null when no site can be reached. */
  minutes: number | null;
}

export interface BandRow {
  /**
   * 1 = highest risk (prevalence), as the toolkit ranks; without rates, 1 = largest base.
   * Ties share a rank (1, 2, 2, 4). Null on the all-population row.
   */
  rank: number | null;
  /** Segment code; null on the all-population row. */
  segmentCode: string | null;
  base: number;
  /** Σ base × prevalence; null when no rates were given or the segment has none. */
  need: number | null;
  prevalence: number | null;
  /**
   * Cumulative % of base within each limit, then 100 for "over the last limit"
   * (which includes the unreachable). null when the base is 0.
   */
  cumulativePct: (number | null)[];
  /** % of base that cannot reach any site at all (part of the last column). */
  unreachablePct: number | null;
}

export interface BandTable {
  /** Column labels, e.g. ["Within 5 min", "Within 10 min", ..., "Any time"]. */
  labels: string[];
  limits: number[];
  rows: BandRow[];
}

/**
 * Column labels that say what the columns hold: cumulative shares, so "Within
 * 10 min" (a band label such as "5–10" read as the share between 5 and 10).
 * The last column is everyone, the unreachable included.
 */
export function bandLabels(limits: number[]): string[] {
  return [...limits.map((l) => `Within ${l} min`), 'Any time'];
}

export interface BandTableInput {
  areaTimes: AreaTime[];
  bases: SegmentBase[];
  rates?: SegmentRate[];
  /** Whole-population base per area for the last row; default: Σ of segment bases per area. */
  population?: { areaCode: string; base: number }[];
  limits?: number[];
}

/** Index of the first limit the time is within (t ≤ limit), limits.length for over, -1 unreachable. */
function bandOf(minutes: number | null | undefined, limits: number[]): number {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return -1;
  for (let b = 0; b < limits.length; b++) if (minutes <= limits[b]) return b;
  return limits.length;
}

function row(bandBase: number[], unreachable: number, base: number): Pick<BandRow, 'cumulativePct' | 'unreachablePct'> {
  if (!(base > 0)) return { cumulativePct: bandBase.map(() => null).concat([null]), unreachablePct: null };
  let running = 0;
  const cumulativePct = bandBase.map((b) => (100 * (running += b)) / base);
  // Over the last limit = everyone, the unreachable included: the table always ends at 100%.
  cumulativePct.push(100);
  return { cumulativePct, unreachablePct: (100 * unreachable) / base };
}

/** "1, 2, 2, 4" ranking of a list sorted by `key` descending: equal keys share the first position's rank. */
function competitionRank<T>(sorted: T[], i: number, key: (t: T) => number): number {
  let first = i;
  while (first > 0 && same(key(sorted[first - 1]), key(sorted[i]))) first--;
  return first + 1;
}

/** Equal up to floating-point rounding: a rate averaged from equal rates is a tie, not a rank apart. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Rates lifted to a coarser segment level (e.g. subgroup → supergroup), so the
 * band table has a need at every level: a parent's prevalence is its children's
 * need over their base, Σ(base × p) / Σ base, i.e. its need is the sum of theirs.
 * Fine segments without a rate are left out of both sums; a parent none of whose
 * children has a rate keeps a rate given for it directly, if any.
 */
export function liftRates(fineBases: SegmentBase[], rates: SegmentRate[], lift: (code: string) => string): SegmentRate[] {
  const p = new Map(rates.map((r) => [r.segmentCode, r.prevalence]));
  const sums = new Map<string, { need: number; base: number }>();
  for (const b of fineBases) {
    const prevalence = p.get(b.segmentCode);
    if (prevalence === undefined || !(b.base > 0)) continue;
    const code = lift(b.segmentCode);
    if (code === b.segmentCode) continue; // already at the level: its own rate, exactly
    const s = sums.get(code) ?? { need: 0, base: 0 };
    s.need += b.base * prevalence;
    s.base += b.base;
    sums.set(code, s);
  }
  const lifted = new Map(rates.map((r) => [r.segmentCode, r.prevalence]));
  for (const [code, s] of sums) lifted.set(code, s.need / s.base);
  return [...lifted].map(([segmentCode, prevalence]) => ({ segmentCode, prevalence }));
}

/**
 * A time exactly on a limit counts as within it ("within 5 minutes" includes 5:00).
 * Areas with a base but no entry in areaTimes count as unreachable.
 */
export function bandTable(input: BandTableInput): BandTable {
  const limits = [...(input.limits ?? DEFAULT_BAND_LIMITS)].sort((a, b) => a - b);
  if (limits.length === 0 || limits.some((l) => !(l > 0))) throw new RangeError('band limits must be positive minutes');
  const bandOfArea = new Map(input.areaTimes.map((a) => [a.areaCode, bandOf(a.minutes, limits)]));
  const prevalence = new Map((input.rates ?? []).map((r) => [r.segmentCode, r.prevalence]));

  const tally = () => ({ bands: new Array<number>(limits.length).fill(0), unreachable: 0, base: 0 });
  const add = (t: ReturnType<typeof tally>, areaCode: string, base: number) => {
    t.base += base;
    const b = bandOfArea.get(areaCode) ?? -1;
    if (b < 0) t.unreachable += base;
    else if (b < limits.length) t.bands[b] += base;
  };

  const bySegment = new Map<string, ReturnType<typeof tally>>();
  const byArea = new Map<string, number>();
  for (const sb of input.bases) {
    if (!(sb.base > 0)) continue;
    const t = bySegment.get(sb.segmentCode) ?? tally();
    add(t, sb.areaCode, sb.base);
    bySegment.set(sb.segmentCode, t);
    byArea.set(sb.areaCode, (byArea.get(sb.areaCode) ?? 0) + sb.base);
  }

  const segments = [...bySegment.entries()].map(([code, t]) => {
    const p = prevalence.get(code);
    return { code, t, prevalence: p ?? null, need: input.rates && p !== undefined ? t.base * p : null };
  });
  // Highest risk first; without rates, the largest base first. Ties in the ranking
  // measure share a rank; within a tie, the larger need (then base, then code) is listed first.
  const key = (s: (typeof segments)[number]) => (input.rates ? (s.prevalence ?? -1) : s.t.base);
  segments.sort((a, b) => (same(key(a), key(b)) ? 0 : key(b) - key(a)) || (b.need ?? -1) - (a.need ?? -1) || b.t.base - a.t.base || (a.code < b.code ? -1 : 1));
  const rows: BandRow[] = segments.map((s, i) => ({
    rank: competitionRank(segments, i, key), segmentCode: s.code, base: s.t.base, need: s.need, prevalence: s.prevalence,
    ...row(s.t.bands, s.t.unreachable, s.t.base),
  }));

  const all = tally();
  const population = input.population ?? [...byArea].map(([areaCode, base]) => ({ areaCode, base }));
  for (const p of population) if (p.base > 0) add(all, p.areaCode, p.base);
  const totalNeed = segments.some((s) => s.need !== null) ? segments.reduce((s, x) => s + (x.need ?? 0), 0) : null;
  rows.push({ rank: null, segmentCode: null, base: all.base, need: totalNeed, prevalence: null, ...row(all.bands, all.unreachable, all.base) });
  return { labels: bandLabels(limits), limits, rows };
}
