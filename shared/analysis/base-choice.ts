// Which population base an analysis runs on: persons or households. A
// segmentation's profile is only meaningful over the base its counts are of
// (Mosaic's toolkit profile is by households, OAC by persons), so the choice
// is explicit and a base the project lacks is refused, never read as zeros.
import type { BaseKind } from '../domain';

export const BASE_KINDS: readonly BaseKind[] = ['persons', 'households'];

export interface BaseChoiceInputs {
  scheme: string;
  /** The base asked for (--base, the app's selector); undefined = the default. */
  requested?: BaseKind;
  /** Count-based schemes: what the counts are of (they are the base). Null for one segment per area. */
  countsOf: BaseKind | null;
  /** The base the scheme was imported with (its default). */
  recorded: BaseKind;
  /** Population bases imported into the project. */
  present: readonly BaseKind[];
}

const importHint = (kind: BaseKind) => `import one with "cgm import population --base ${kind}" (or Import… > Population in the app)`;

/** The base to use, or an Error whose message says what to import or choose. */
export function chooseBaseKind({ scheme, requested, countsOf, recorded, present }: BaseChoiceInputs): BaseKind {
  if (countsOf) {
    if (requested && requested !== countsOf) {
      throw new Error(`scheme ${scheme} counts ${countsOf}, so it has no ${requested} base: choose --base ${countsOf}, or re-import its assignments with counts of ${requested} (--base ${requested})`);
    }
    return countsOf;
  }
  if (requested) {
    if (present.includes(requested)) return requested;
    const have = present.length ? ` (it has ${present.join(' and ')})` : '';
    throw new Error(`the project has no ${requested} base${have}: ${importHint(requested)}`);
  }
  if (present.includes(recorded)) return recorded;
  if (present.length === 1) return present[0];
  throw new Error(`the project has no population base for scheme ${scheme}: ${importHint(recorded)}`);
}
