// Area indicators (IMD scores, ranks and deciles; Census counts such as TS045
// car availability) imported at one geography level and read at another.
//
// How a value moves between levels depends on what it measures:
//   count          down: shared among the child areas by population; up: summed.
//   score / rate   down: each child takes its parent's value (the
//                  population-weighted mean of the children is then the parent's);
//                  up: the population-weighted mean of the children.
//   rank / decile  down: each child takes its parent's (an LSOA's IMD decile
//                  applies to each of its OAs); up: refused. A mean of ranks or
//                  deciles is neither: aggregate the score and rank that instead.
// Pure: the store reads the values, populations and parents (inputs.ts).
import type { ParentMap } from './hierarchy';

export const INDICATOR_KINDS = ['score', 'rate', 'count', 'rank', 'decile'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** The share TS045 gives, 100 × no_car / households, derived on import: the realistic band view reads it. */
export const NO_CAR_SHARE = 'households_without_car_pct';

export interface AreaIndicator {
  name: string;
  /** The geography level the file gave it at (e.g. LSOA). */
  level: string;
  kind: IndicatorKind;
  /** Where it came from, e.g. "IMD 2019 File 7" or a derived formula. */
  note: string | null;
}

/**
 * The kind a column's name and values say: IMD's "... Rank (where 1 is most
 * deprived)" is a rank, "... Decile ..." a decile, "... Score" a score; other
 * whole-number columns (Census tables) are counts; anything else a score.
 */
export function guessIndicatorKind(field: string, values: readonly number[]): IndicatorKind {
  // Underscores separate words too (imd_decile, households_without_car_pct): \b would not see them.
  const f = field.toLowerCase().replace(/_/g, ' ');
  if (/\bdecile\b/.test(f)) return 'decile';
  if (/\brank\b/.test(f)) return 'rank';
  if (/\b(score|index)\b/.test(f)) return 'score';
  if (/\b(rate|pct|percent|share|proportion)\b|%/.test(f)) return 'rate';
  return values.every((v) => Number.isInteger(v) && v >= 0) ? 'count' : 'score';
}

/** One sentence, for layer notes and exports: how a value of this kind reached `target` from `source`. */
export function levelMethod(kind: IndicatorKind, source: string, target: string, direction: LevelDirection): string {
  if (direction === 'same') return `as imported at ${source}`;
  if (direction === 'down') {
    return kind === 'count'
      ? `${source} counts shared among its ${target} areas in proportion to their population`
      : `each ${target} takes the ${kind} of its ${source}`;
  }
  if (kind === 'count') return `${source} counts summed to ${target}`;
  if (kind === 'rank' || kind === 'decile') return `${kind}s are not averaged, so there is no ${target} value; use the score at ${target} instead`;
  return `population-weighted mean of the ${source} ${kind}s in each ${target}`;
}

export type LevelDirection = 'same' | 'down' | 'up';

export interface LevelValues {
  values: Map<string, number>;
  direction: LevelDirection;
  method: string;
  /** Target areas that got no value (no parent value, no children with values, or no population to share by). */
  missing: string[];
}

export interface LevelInput {
  kind: IndicatorKind;
  sourceLevel: string;
  targetLevel: string;
  /** Values keyed by area code at the source level. */
  values: ReadonlyMap<string, number>;
  /** The target level's area codes. */
  targetAreas: readonly string[];
  /** Every area's parent (finer → coarser, one step or several). */
  parents: ParentMap;
  /** Population of the finest areas (and, summed, of every level above). */
  population: ReadonlyMap<string, number>;
  /** The finest level's area codes (whose population is given). */
  finestAreas: readonly string[];
}

/** The ancestor of `code` that is in `set`, or null. */
function ancestorIn(code: string, set: ReadonlySet<string> | ReadonlyMap<string, unknown>, parents: ParentMap): string | null {
  let c: string | null | undefined = parents[code];
  for (let guard = 0; c && guard < 32; guard++, c = parents[c]) if (set.has(c)) return c;
  return null;
}

/** The indicator at another level, by the method its kind allows (see the header). */
export function indicatorAtLevel(input: LevelInput): LevelValues {
  const { kind, values, targetAreas, parents } = input;
  const targets = new Set(targetAreas);
  // Which way: target areas that sit below source areas are "down", those that hold them "up".
  const sourceCodes = [...values.keys()];
  const direction: LevelDirection = input.sourceLevel === input.targetLevel || sourceCodes.some((c) => targets.has(c))
    ? 'same'
    : targetAreas.some((t) => ancestorIn(t, values, parents) !== null) ? 'down' : 'up';
  const method = levelMethod(kind, input.sourceLevel, input.targetLevel, direction);
  const out = new Map<string, number>();
  // Population of any area: the sum over the finest areas under it.
  const areaPop = new Map<string, number>();
  for (const f of input.finestAreas) {
    const p = input.population.get(f) ?? 0;
    areaPop.set(f, (areaPop.get(f) ?? 0) + p);
    for (let c = parents[f], guard = 0; c && guard < 32; c = parents[c], guard++) areaPop.set(c, (areaPop.get(c) ?? 0) + p);
  }
  const pop = (code: string) => areaPop.get(code) ?? 0;

  if (direction === 'same') {
    for (const t of targetAreas) if (values.has(t)) out.set(t, values.get(t)!);
  } else if (direction === 'down') {
    for (const t of targetAreas) {
      const src = ancestorIn(t, values, parents);
      if (src === null) continue;
      const v = values.get(src)!;
      if (kind !== 'count') out.set(t, v);
      else if (pop(src) > 0) out.set(t, (v * pop(t)) / pop(src));
    }
  } else if (kind !== 'rank' && kind !== 'decile') {
    const sums = new Map<string, { sum: number; weight: number }>();
    for (const [code, v] of values) {
      const t = ancestorIn(code, targets, parents);
      if (t === null) continue;
      const s = sums.get(t) ?? { sum: 0, weight: 0 };
      if (kind === 'count') s.sum += v;
      else {
        s.sum += v * pop(code);
        s.weight += pop(code);
      }
      sums.set(t, s);
    }
    for (const [t, s] of sums) {
      if (kind === 'count') out.set(t, s.sum);
      else if (s.weight > 0) out.set(t, s.sum / s.weight);
    }
  }
  return { values: out, direction, method, missing: targetAreas.filter((t) => !out.has(t)) };
}
