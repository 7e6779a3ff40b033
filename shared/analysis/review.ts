// Review against a saved baseline (toolkit step 8): save the profile and the
// uptake figures under a name, then compare a later users extract with it —
// change in users, index and uptake, by segment and by area.

import type { ProfileRow, ProfileTable } from './profile';
import type { Significance, UptakeResult } from './uptake';

export interface UptakeSnapshotRow {
  code: string;
  observed: number;
  expected: number;
  ratio: number | null;
  significance95: Significance;
}

export interface Baseline {
  name: string;
  /** ISO time saved. */
  savedAt: string;
  profile: ProfileRow[];
  areaUptake: UptakeSnapshotRow[];
  segmentUptake: UptakeSnapshotRow[];
}

export function snapshotUptake(results: readonly UptakeResult[]): UptakeSnapshotRow[] {
  return results.map((r) => ({ code: r.areaCode, observed: r.observed, expected: r.expected, ratio: r.ratio, significance95: r.significance95 }));
}

/** Freeze the current figures under a name. `segmentUptake` uses UptakeResult.areaCode as the segment code. */
export function saveBaseline(
  name: string, savedAt: string, profile: ProfileTable, areaUptake: readonly UptakeResult[], segmentUptake: readonly UptakeResult[] = [],
): Baseline {
  if (!name.trim()) throw new Error('a baseline needs a name');
  return {
    name: name.trim(), savedAt,
    profile: profile.rows.map((r) => ({ ...r })),
    areaUptake: snapshotUptake(areaUptake),
    segmentUptake: snapshotUptake(segmentUptake),
  };
}

export interface UptakeChange {
  code: string;
  usersBefore: number | null;
  usersAfter: number | null;
  usersChange: number | null;
  ratioBefore: number | null;
  ratioAfter: number | null;
  ratioChange: number | null;
  significanceBefore: Significance | null;
  significanceAfter: Significance | null;
}

export interface SegmentChange extends UptakeChange {
  segmentName: string;
  indexBefore: number | null;
  indexAfter: number | null;
  indexChange: number | null;
}

export interface ReviewResult {
  baselineName: string;
  bySegment: SegmentChange[];
  byArea: UptakeChange[];
}

const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : b - a);

function compareUptake(before: readonly UptakeSnapshotRow[], after: readonly UptakeSnapshotRow[]): UptakeChange[] {
  const b = new Map(before.map((r) => [r.code, r]));
  const a = new Map(after.map((r) => [r.code, r]));
  const codes = [...new Set([...b.keys(), ...a.keys()])].sort();
  return codes.map((code) => {
    const x = b.get(code);
    const y = a.get(code);
    return {
      code,
      usersBefore: x?.observed ?? null, usersAfter: y?.observed ?? null, usersChange: diff(x?.observed, y?.observed),
      ratioBefore: x?.ratio ?? null, ratioAfter: y?.ratio ?? null, ratioChange: diff(x?.ratio, y?.ratio),
      significanceBefore: x?.significance95 ?? null, significanceAfter: y?.significance95 ?? null,
    };
  });
}

/** Compare a later snapshot (built the same way as the baseline) with the baseline. */
export function compareToBaseline(baseline: Baseline, later: Omit<Baseline, 'name' | 'savedAt'>): ReviewResult {
  const segUptake = new Map(compareUptake(baseline.segmentUptake, later.segmentUptake).map((c) => [c.code, c]));
  const before = new Map(baseline.profile.map((r) => [r.segmentCode, r]));
  const after = new Map(later.profile.map((r) => [r.segmentCode, r]));
  const codes = [...new Set([...before.keys(), ...after.keys()])];
  const bySegment = codes.map((code): SegmentChange => {
    const x = before.get(code);
    const y = after.get(code);
    const u = segUptake.get(code);
    return {
      code,
      segmentName: y?.segmentName ?? x?.segmentName ?? code,
      usersBefore: x?.users ?? null, usersAfter: y?.users ?? null, usersChange: diff(x?.users, y?.users),
      indexBefore: x?.index ?? null, indexAfter: y?.index ?? null, indexChange: diff(x?.index, y?.index),
      ratioBefore: u?.ratioBefore ?? null, ratioAfter: u?.ratioAfter ?? null, ratioChange: u?.ratioChange ?? null,
      significanceBefore: u?.significanceBefore ?? null, significanceAfter: u?.significanceAfter ?? null,
    };
  });
  return { baselineName: baseline.name, bySegment, byArea: compareUptake(baseline.areaUptake, later.areaUptake) };
}
