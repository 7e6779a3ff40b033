// A comparator base beside the profile (the toolkit compares a local profile
// with a national one): each segment's share of the comparator (England, a
// region, a neighbour), the users' index against it, and the study area's own
// base indexed against it. Computed from the counts as shown, like the
// profile's own index, so a suppressed count suppresses its index too.
import { SUPPRESSED, type Disclosed, type DisclosedProfile } from './disclosure';
import { roundRatio } from './rounding';

export interface ComparatorColumns {
  comparator_base: number | null;
  /** Segment's share of the comparator base, %, 2 dp. */
  comparator_pct: number | null;
  /** users % / comparator %, × 100, integer: the users against the comparator. */
  index_vs_comparator: Disclosed | null;
  /** base % / comparator %, × 100, integer: how the study area's population differs from the comparator's. */
  base_index_vs_comparator: Disclosed | null;
}

export const COMPARATOR_COLUMNS = ['comparator_base', 'comparator_pct', 'index_vs_comparator', 'base_index_vs_comparator'] as const;

/** share(a of A) / share(c of C) × 100 = a × C × 100 / (A × c), rounded once as the profile's index is. */
function indexOf(a: Disclosed, total: Disclosed, c: number, cTotal: number): Disclosed | null {
  if (a === SUPPRESSED || total === SUPPRESSED) return SUPPRESSED;
  if (!(c > 0) || !(total > 0)) return null;
  return roundRatio(a * cTotal, total * c, 100, 0);
}

/** Comparator columns per profile row (by segment code; the TOTAL row compares totals). */
export function comparatorColumns(shown: DisclosedProfile, counts: ReadonlyMap<string, number>): Map<string, ComparatorColumns> {
  // Shares of the whole comparator: England's share of a segment the study area lacks still counts in its total.
  const cTotal = [...counts.values()].reduce((s, n) => s + n, 0);
  const out = new Map<string, ComparatorColumns>();
  for (const r of shown.rows) {
    const c = counts.get(r.segmentCode);
    out.set(r.segmentCode, c === undefined
      ? { comparator_base: null, comparator_pct: null, index_vs_comparator: null, base_index_vs_comparator: null }
      : {
        comparator_base: c,
        comparator_pct: cTotal > 0 ? roundRatio(c, cTotal, 100, 2) : null,
        index_vs_comparator: indexOf(r.users, shown.total.users, c, cTotal),
        base_index_vs_comparator: indexOf(r.base, shown.total.base, c, cTotal),
      });
  }
  out.set(shown.total.segmentCode, { comparator_base: cTotal, comparator_pct: cTotal > 0 ? 100 : null, index_vs_comparator: cTotal > 0 ? 100 : null, base_index_vs_comparator: cTotal > 0 ? 100 : null });
  return out;
}

/** Comparator counts at the profile's segment level: finer codes summed into their segment at that level. */
export function comparatorAtLevel(counts: ReadonlyMap<string, number>, lift: (code: string) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [code, n] of counts) out.set(lift(code), (out.get(lift(code)) ?? 0) + n);
  return out;
}
