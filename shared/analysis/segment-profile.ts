// What the gap rules know about a segment's behaviour: from a segment profile
// file (shares, car access, the channels it responds to, key facts) or, in the
// demo, flags set by its builder. "Unknown" is kept distinct from "no": a rule
// that would need an unknown fact says so instead of guessing.

export interface SegmentAttributes {
  /** Flags (the demo builder): the segment's people are mostly working-age / employed. */
  workingAge?: boolean;
  employed?: boolean;
  /** Segment profile: share of residents aged 16–64, 0–1. */
  workingAgeShare?: number;
  /** Segment profile: share of residents in employment, 0–1. */
  employedShare?: number;
  /** Segment profile: share of households with a car or van, 0–1. */
  carAccessShare?: number;
  /** Contact channels the segment responds to best, most effective first (e.g. "text", "face to face"). */
  channels?: string[];
  /** Key facts from the segment's pen portrait. */
  keyFacts?: string;
  name?: string;
}

/** A share at or above this counts as "mostly" (a majority). */
export const MAJORITY = 0.5;

/**
 * Whether the segment is mostly working-age/employed: true, false, or null when
 * nothing is known. The employed share decides when given (it is what limits the
 * hours people can attend); otherwise the working-age share; otherwise the flags.
 */
export function isMostlyWorking(a: SegmentAttributes | undefined): boolean | null {
  if (!a) return null;
  if (a.employedShare !== undefined) return a.employedShare >= MAJORITY;
  if (a.workingAgeShare !== undefined) return a.workingAgeShare >= MAJORITY;
  if (a.workingAge === true || a.employed === true) return true;
  if (a.workingAge === false || a.employed === false) return false;
  return null;
}

/** The segment's working figures as the rule quotes them, e.g. "employed 62%". */
export function workingFigure(a: SegmentAttributes | undefined): string {
  if (a?.employedShare !== undefined) return `employed ${Math.round(a.employedShare * 100)}%`;
  if (a?.workingAgeShare !== undefined) return `working-age ${Math.round(a.workingAgeShare * 100)}%`;
  const known = isMostlyWorking(a);
  return known === null ? 'working status unknown' : known ? 'working-age/employed' : 'not working-age/employed';
}

/**
 * Attributes per segment code, each filled in from its ancestors: a profile
 * given for OAC supergroups applies to their groups and subgroups unless these
 * have their own figures.
 */
export function inheritedAttributes(
  segments: readonly { code: string; parentCode: string | null; attributes: SegmentAttributes }[],
): Record<string, SegmentAttributes> {
  const byCode = new Map(segments.map((s) => [s.code, s]));
  const resolve = (code: string, depth = 0): SegmentAttributes => {
    const s = byCode.get(code);
    if (!s) return {};
    const parent = s.parentCode && depth < 8 ? resolve(s.parentCode, depth + 1) : {};
    const { name: _parentName, ...inherited } = parent;
    return { ...inherited, ...s.attributes };
  };
  return Object.fromEntries(segments.map((s) => [s.code, resolve(s.code)]));
}
