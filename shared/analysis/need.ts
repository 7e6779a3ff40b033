// Need: how many people in each area we would expect to need the service,
// from the population base of each segment and the segment's prevalence.
//   expected(area) = Σ_segments base(area, segment) × prevalence(segment)

import type { SegmentBase, SegmentRate, UserCount } from '../domain';
import { ancestorOf, type ParentMap, sumBy } from './hierarchy';

/** A rate quoted as an index (100 = reference) becomes index/100 × reference prevalence. */
export function rateFromIndex(index: number, referencePrevalence: number): number {
  if (!(index >= 0)) throw new RangeError(`index must be >= 0, got ${index}`);
  if (!(referencePrevalence >= 0 && referencePrevalence <= 1)) {
    throw new RangeError(`reference prevalence must be in 0..1, got ${referencePrevalence}`);
  }
  return (index / 100) * referencePrevalence;
}

export function ratesFromIndices(indices: Record<string, number>, referencePrevalence: number): SegmentRate[] {
  return Object.entries(indices).map(([segmentCode, index]) => ({ segmentCode, prevalence: rateFromIndex(index, referencePrevalence) }));
}

export interface AreaNeed {
  areaCode: string;
  base: number;
  expected: number;
  bySegment: Record<string, { base: number; expected: number }>;
}

export interface NeedResult {
  areas: AreaNeed[];
  /** Segments with a base but no rate: their base counts toward the area base but adds no need. */
  segmentsWithoutRate: string[];
}

/** Expected cases per area. */
export function expectedCases(bases: readonly SegmentBase[], rates: readonly SegmentRate[]): NeedResult {
  const prevalence = new Map(rates.map((r) => [r.segmentCode, r.prevalence]));
  const missing = new Set<string>();
  const byArea = new Map<string, AreaNeed>();
  for (const b of bases) {
    let area = byArea.get(b.areaCode);
    // Set once, when the area is first met (not again at each of its bases).
    if (!area) byArea.set(b.areaCode, (area = { areaCode: b.areaCode, base: 0, expected: 0, bySegment: {} }));
    const p = prevalence.get(b.segmentCode);
    if (p === undefined) missing.add(b.segmentCode);
    const expected = b.base * (p ?? 0);
    area.base += b.base;
    area.expected += expected;
    const seg = (area.bySegment[b.segmentCode] ??= { base: 0, expected: 0 });
    seg.base += b.base;
    seg.expected += expected;
  }
  return { areas: [...byArea.values()], segmentsWithoutRate: [...missing].sort() };
}

/** Expected cases per segment over all areas. */
export function expectedBySegment(bases: readonly SegmentBase[], rates: readonly SegmentRate[]): Record<string, number> {
  const prevalence = new Map(rates.map((r) => [r.segmentCode, r.prevalence]));
  return sumBy(bases, (b) => b.segmentCode, (b) => b.base * (prevalence.get(b.segmentCode) ?? 0));
}

/**
 * Need at a coarser area level: expected cases are counts, so they add.
 * Compute at the finest level, then sum up with `sumUpLevels`; this helper
 * does both for one call.
 */
export function expectedAtLevel(bases: readonly SegmentBase[], rates: readonly SegmentRate[], areaParent: ParentMap, steps: number): Record<string, number> {
  const fine = expectedCases(bases, rates).areas;
  return sumBy(fine, (a) => ancestorOf(a.areaCode, areaParent, steps), (a) => a.expected);
}

/** Re-key bases to a parent segment level (subgroup → group → supergroup). */
export function basesAtSegmentLevel(bases: readonly SegmentBase[], segmentParent: ParentMap, steps: number): SegmentBase[] {
  const merged = new Map<string, SegmentBase>();
  for (const b of bases) {
    const segmentCode = ancestorOf(b.segmentCode, segmentParent, steps);
    if (segmentCode === null) continue;
    const key = `${b.areaCode}\u0000${segmentCode}`;
    const row = merged.get(key) ?? { areaCode: b.areaCode, segmentCode, base: 0 };
    row.base += b.base;
    merged.set(key, row);
  }
  return [...merged.values()];
}

/**
 * Prevalence at a parent segment level: the base-weighted mean of the
 * children's rates (so expected cases are unchanged by the regrouping).
 */
export function ratesAtSegmentLevel(bases: readonly SegmentBase[], rates: readonly SegmentRate[], segmentParent: ParentMap, steps: number): SegmentRate[] {
  const prevalence = new Map(rates.map((r) => [r.segmentCode, r.prevalence]));
  const cases = new Map<string, number>();
  const base = new Map<string, number>();
  for (const b of bases) {
    const p = prevalence.get(b.segmentCode);
    const parent = ancestorOf(b.segmentCode, segmentParent, steps);
    if (p === undefined || parent === null) continue;
    cases.set(parent, (cases.get(parent) ?? 0) + b.base * p);
    base.set(parent, (base.get(parent) ?? 0) + b.base);
  }
  return [...base.entries()]
    .filter(([, total]) => total > 0)
    .map(([segmentCode, total]) => ({ segmentCode, prevalence: (cases.get(segmentCode) ?? 0) / total }));
}

/** Service users per area (all segments). */
export function usersByArea(users: readonly UserCount[]): Record<string, number> {
  return sumBy(users, (u) => u.areaCode, (u) => u.count);
}

/** Service users per segment; rows without a segment are left out. */
export function usersBySegment(users: readonly UserCount[]): Record<string, number> {
  return sumBy(users, (u) => u.segmentCode, (u) => u.count);
}

/** Users per 1,000 base; null when there is no base. */
export function ratePer1000(users: number, base: number): number | null {
  return base > 0 ? (users / base) * 1000 : null;
}

/**
 * A rate applies to every segment below it in the scheme's hierarchy (an OAC
 * supergroup rate to its groups and subgroups); where a file gives rates at
 * several levels the most specific wins. Without this, supergroup rates over
 * group assignments matched nothing and need came out 0 everywhere.
 */
export function inheritRates(rates: readonly SegmentRate[], segmentParent: ParentMap): SegmentRate[] {
  const own = new Map(rates.map((r) => [r.segmentCode, r.prevalence]));
  const out = new Map(own);
  for (const code of Object.keys(segmentParent)) {
    if (own.has(code)) continue;
    for (let up = segmentParent[code] ?? null, depth = 0; up !== null && depth < 16; up = segmentParent[up] ?? null, depth++) {
      const p = own.get(up);
      if (p !== undefined) {
        out.set(code, p);
        break;
      }
    }
  }
  return [...out].map(([segmentCode, prevalence]) => ({ segmentCode, prevalence })).sort((a, b) => a.segmentCode.localeCompare(b.segmentCode));
}

/** How many levels a segment sits below the top of its hierarchy (a supergroup 0, a group 1…). */
export function segmentDepth(code: string, segmentParent: ParentMap): number {
  let depth = 0;
  for (let up = segmentParent[code] ?? null; up !== null && depth < 16; up = segmentParent[up] ?? null) depth++;
  return depth;
}

/**
 * Rate codes that can reach no area: finer than every level areas are
 * assigned at (a subgroup rate over group assignments cannot be spread up to
 * the whole group without knowing its subgroups' shares).
 */
export function ratesBelowAssignments(rateCodes: readonly string[], assignedCodes: readonly string[], segmentParent: ParentMap): string[] {
  if (assignedCodes.length === 0) return [];
  const deepest = Math.max(...assignedCodes.map((c) => segmentDepth(c, segmentParent)));
  return rateCodes.filter((c) => segmentDepth(c, segmentParent) > deepest);
}
