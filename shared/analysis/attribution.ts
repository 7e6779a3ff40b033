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

/** An area's segments in the order the bases list them, with their bases and the cells users went to. */
interface AreaSegments {
  codes: string[];
  bases: number[];
  total: number;
  /** Cell of each segment in `codes` once a user reached it. */
  cells: (AttributedUsers['rows'][number] | undefined)[];
}

export function attributeUsers(users: readonly UserCell[], bases: readonly SegmentBase[], parents: ParentMap = {}): AttributedUsers {
  // Arrays per area, not a Map per area: an area has a few segments, and England has 190,000 areas.
  const segmentsOf = new Map<string, AreaSegments>();
  for (const b of bases) {
    let area = segmentsOf.get(b.areaCode);
    if (!area) segmentsOf.set(b.areaCode, (area = { codes: [], bases: [], total: 0, cells: [] }));
    const k = area.codes.indexOf(b.segmentCode);
    if (k < 0) {
      area.codes.push(b.segmentCode);
      area.bases.push(0 + b.base); // as a sum from 0 (a -0 base stays 0)
    } else area.bases[k] += b.base;
  }
  // Summed in the segments' order from 0, as the total always was.
  for (const area of segmentsOf.values()) area.total = area.bases.reduce((s, v) => s + v, 0);
  const baseArea = (code: string): string | null => {
    let c: string | null | undefined = code;
    for (let depth = 0; c && depth < 8; depth++) {
      if ((segmentsOf.get(c)?.total ?? 0) > 0) return c;
      c = parents[c];
    }
    return null;
  };

  // Cells in the order users first reach them; a segment the area's bases do not list is found by its key.
  const rows: AttributedUsers['rows'] = [];
  const others = new Map<string, AttributedUsers['rows'][number]>();
  const add = (areaCode: string, area: AreaSegments, segmentCode: string, users: number) => {
    const k = area.codes.indexOf(segmentCode);
    let cell = k < 0 ? others.get(`${areaCode}\u0000${segmentCode}`) : area.cells[k];
    if (!cell) {
      rows.push((cell = { areaCode, segmentCode, users: 0 }));
      if (k < 0) others.set(`${areaCode}\u0000${segmentCode}`, cell);
      else area.cells[k] = cell;
    }
    cell.users += users;
  };
  const bySource: Record<SegmentSource, number> = { 'users-file': 0, postcode: 0, area: 0, 'area-proportion': 0 };
  const leftOutAreas = new Set<string>();
  let leftOut = 0;
  for (const u of users) {
    if (u.count === 0) continue;
    const code = baseArea(u.areaCode);
    if (code === null) {
      leftOut += u.count;
      leftOutAreas.add(u.areaCode);
      continue;
    }
    const area = segmentsOf.get(code)!;
    if (u.segmentCode) {
      add(code, area, u.segmentCode, u.count);
      bySource[u.source ?? 'area'] += u.count;
    } else if (area.codes.length === 1) {
      add(code, area, area.codes[0], u.count);
      bySource.area += u.count;
    } else {
      for (let k = 0; k < area.codes.length; k++) if (area.bases[k] > 0) add(code, area, area.codes[k], (u.count * area.bases[k]) / area.total);
      bySource['area-proportion'] += u.count;
    }
  }
  return { rows, bySource, leftOut: { users: leftOut, areas: [...leftOutAreas].sort() } };
}

/** Attributed users as an exact view prints them: one decimal place (whole counts print unchanged). */
export function profileUsersShown(users: number): number {
  return Math.round(users * 10) / 10;
}
