// The travel-time band table of the seed toolkit (§4 "Gap analysis"): for each
// segment, ranked by need, the cumulative share of its base population within
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
  /** 1 = most need; null on the all-population row. */
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
  /** Column labels, e.g. ["<5", "5–10", ..., ">25"]. */
  labels: string[];
  limits: number[];
  rows: BandRow[];
}

export function bandLabels(limits: number[]): string[] {
  return [`<${limits[0]}`, ...limits.slice(1).map((l, i) => `${limits[i]}–${l}`), `>${limits[limits.length - 1]}`];
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
  // Most need first; without rates, the largest base first; ties by code so the order is stable.
  segments.sort((a, b) => (b.need ?? -1) - (a.need ?? -1) || b.t.base - a.t.base || (a.code < b.code ? -1 : 1));
  const rows: BandRow[] = segments.map((s, i) => ({
    rank: i + 1, segmentCode: s.code, base: s.t.base, need: s.need, prevalence: s.prevalence,
    ...row(s.t.bands, s.t.unreachable, s.t.base),
  }));

  const all = tally();
  const population = input.population ?? [...byArea].map(([areaCode, base]) => ({ areaCode, base }));
  for (const p of population) if (p.base > 0) add(all, p.areaCode, p.base);
  const totalNeed = segments.some((s) => s.need !== null) ? segments.reduce((s, x) => s + (x.need ?? 0), 0) : null;
  rows.push({ rank: null, segmentCode: null, base: all.base, need: totalNeed, prevalence: null, ...row(all.bands, all.unreachable, all.base) });
  return { labels: bandLabels(limits), limits, rows };
}
