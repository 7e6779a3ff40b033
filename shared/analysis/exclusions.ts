// Areas that should not count, and communal-establishment residents left out
// of the base. Applied to the finest-level bases and users before anything is
// summed, so need, base, users and every ranking drop them alike at every level.
import type { SegmentBase, UserCount } from '../domain';
import type { ParentMap } from './hierarchy';

export interface ExclusionScope {
  /** Excluded area codes at any level, with the analyst's reason. */
  areas: { code: string; reason: string }[];
  /** Communal residents per area, taken off the base; null when they stay in. */
  communal: ReadonlyMap<string, number> | null;
}

/** An area drops out when it, or any area above it, is excluded. */
export function exclusionTest(excluded: readonly { code: string }[], parents: ParentMap): (areaCode: string) => boolean {
  const codes = new Set(excluded.map((a) => a.code));
  if (codes.size === 0) return () => false;
  return (code) => {
    for (let c: string | null | undefined = code, depth = 0; c && depth < 16; c = parents[c], depth++) if (codes.has(c)) return true;
    return false;
  };
}

export interface ScopedBases {
  bases: SegmentBase[];
  /** Communal residents taken off the base in areas that still count. */
  communalExcluded: number;
}

export function scopeBases(bases: readonly SegmentBase[], excluded: (areaCode: string) => boolean, communal: ReadonlyMap<string, number> | null): ScopedBases {
  let communalExcluded = 0;
  const out: SegmentBase[] = [];
  for (const b of bases) {
    if (excluded(b.areaCode)) continue;
    const c = Math.min(communal?.get(b.areaCode) ?? 0, b.base);
    communalExcluded += c;
    out.push(c > 0 ? { ...b, base: b.base - c } : b);
  }
  return { bases: out, communalExcluded };
}

export function scopeUsers<T extends Pick<UserCount, 'areaCode'>>(users: readonly T[], excluded: (areaCode: string) => boolean): T[] {
  return users.filter((u) => !excluded(u.areaCode));
}

/** The lines reports and exports carry, so a reader knows what was left out. */
export function exclusionNotes(scope: { areas: readonly { code: string; name?: string | null; reason: string }[]; communalExcluded: number | null }): string[] {
  const notes = scope.areas.map((a) => `Excluded: ${a.code}${a.name ? ` (${a.name})` : ''}, reason ${a.reason}`);
  if (scope.communalExcluded !== null) notes.push(`Communal residents excluded from base: ${Math.round(scope.communalExcluded).toLocaleString('en-GB')}`);
  return notes;
}
