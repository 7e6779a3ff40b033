// Which users an analysis counts, and in which segment.
//
// Every level counts the SAME users over the SAME base: a user counts only
// where their own area (or an area above it) has a base in the scheme. Users
// in areas with no base (2011 OAs missing from 2021 population, say) are left
// out at every level and reported once, never counted at LSOA while their
// base is missing, which would show uptake that does not exist.
//
// A user's segment is the most specific one known (users file > postcode
// lookup > the area's one segment), fixed at import. Users with none, in an
// area with counts per segment (Mosaic households, a Census table in long
// format), are shared among its segments in proportion to the counts, so
// attributed users can be fractional. They are kept exact for every figure;
// exact views show them to one decimal place (profileUsersShown), and
// disclosure rules apply to the exact value (an attributed 0.4 is a small
// count and suppressed like any other).
import type { SegmentBase, SegmentSourceStored } from '../domain';
import type { ParentMap } from './hierarchy';

/** Where a user's segment came from, most specific first. */
export type SegmentSource = 'users-file' | 'postcode' | 'area' | 'area-proportion';
export const SEGMENT_SOURCES: readonly SegmentSource[] = ['users-file', 'postcode', 'area', 'area-proportion'];

export interface UserCell {
  areaCode: string;
  segmentCode: string | null;
  /** How the import found the segment; 'area' when unknown (legacy rows). */
  source?: SegmentSourceStored;
  count: number;
}

export interface AttributedUsers {
  /** Users by the base's area and segment (fractional where shared by proportion). */
  rows: { areaCode: string; segmentCode: string; users: number }[];
  /** Users counted, by where their segment came from. */
  bySource: Record<SegmentSource, number>;
  leftOut: { users: number; areas: string[] };
}

export function attributeUsers(users: readonly UserCell[], bases: readonly SegmentBase[], parents: ParentMap = {}): AttributedUsers {
  const segmentsOf = new Map<string, Map<string, number>>();
  for (const b of bases) {
    const m = segmentsOf.get(b.areaCode) ?? new Map<string, number>();
    m.set(b.segmentCode, (m.get(b.segmentCode) ?? 0) + b.base);
    segmentsOf.set(b.areaCode, m);
  }
  const totalOf = new Map([...segmentsOf].map(([a, m]) => [a, [...m.values()].reduce((s, v) => s + v, 0)]));
  const baseArea = (code: string): string | null => {
    let c: string | null | undefined = code;
    for (let depth = 0; c && depth < 8; depth++) {
      if ((totalOf.get(c) ?? 0) > 0) return c;
      c = parents[c];
    }
    return null;
  };

  const cells = new Map<string, { areaCode: string; segmentCode: string; users: number }>();
  const add = (areaCode: string, segmentCode: string, users: number) => {
    const key = `${areaCode}\u0000${segmentCode}`;
    const cell = cells.get(key) ?? { areaCode, segmentCode, users: 0 };
    cell.users += users;
    cells.set(key, cell);
  };
  const bySource: Record<SegmentSource, number> = { 'users-file': 0, postcode: 0, area: 0, 'area-proportion': 0 };
  const leftOutAreas = new Set<string>();
  let leftOut = 0;
  for (const u of users) {
    if (u.count === 0) continue;
    const area = baseArea(u.areaCode);
    if (area === null) {
      leftOut += u.count;
      leftOutAreas.add(u.areaCode);
      continue;
    }
    const segments = segmentsOf.get(area)!;
    if (u.segmentCode) {
      add(area, u.segmentCode, u.count);
      bySource[u.source ?? 'area'] += u.count;
    } else if (segments.size === 1) {
      add(area, [...segments.keys()][0], u.count);
      bySource.area += u.count;
    } else {
      const total = totalOf.get(area)!;
      for (const [segment, base] of segments) if (base > 0) add(area, segment, (u.count * base) / total);
      bySource['area-proportion'] += u.count;
    }
  }
  return { rows: [...cells.values()], bySource, leftOut: { users: leftOut, areas: [...leftOutAreas].sort() } };
}

/** Attributed users as an exact view prints them: one decimal place (whole counts print unchanged). */
export function profileUsersShown(users: number): number {
  return Math.round(users * 10) / 10;
}
