// Lifting segment and area codes to a coarser level of their hierarchy.
import type { Segment } from '../../shared/domain';
import { InputError } from '../../shared/errors';

/** segment code → code of its ancestor at `level` (itself when already there or no level given). */
export function segmentLifter(segments: readonly Segment[], level?: string): (code: string) => string {
  if (!level) return (code) => code;
  const known = new Set(segments.map((s) => s.level));
  if (!known.has(level)) throw new InputError(`the scheme has no segment level "${level}" (levels: ${[...known].join(', ')})`);
  const byCode = new Map(segments.map((s) => [s.code, s]));
  return (code) => {
    let s = byCode.get(code);
    for (let depth = 0; s && depth < 8; depth++) {
      if (s.level === level) return s.code;
      s = s.parentCode ? byCode.get(s.parentCode) : undefined;
    }
    return code;
  };
}

/** area code → its ancestor at the target level, following parent codes. */
export function areaLifter(parents: Record<string, string | null | undefined>, targetCodes: Set<string>): (code: string) => string | null {
  return (code) => {
    let c: string | null | undefined = code;
    for (let depth = 0; c && depth < 8; depth++) {
      if (targetCodes.has(c)) return c;
      c = parents[c];
    }
    return null;
  };
}
