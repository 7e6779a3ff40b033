// Importing every level of a scheme from one file (OAC's supergroup, group and
// subgroup columns, with or without names): which columns look like which
// level, and the dialog's choice turned into the importer's levelFields and
// nameFields. The choice rides in the dialog's options as comma-joined lists.

/** What the dialog says is missing when fewer than two level columns are chosen. */
export const LEVELS_NEEDED = 'At least two level columns';

/** Up to this many levels (OAC has three; Mosaic two). */
export const MAX_LEVELS = 3;

const CODE_PATTERNS = [
  /^(super ?group|supergroup_?(code|cd)|supgrp(code|cd)?|sprgrp(code|cd)?)$/i,
  /^(group|group_?(code|cd)|grp(code|cd)?)$/i,
  /^(sub ?group|subgroup_?(code|cd)|subgrp(code|cd)?)$/i,
];
const NAME_PATTERNS = [/^(supergroup_?name|supgrpname|sprgrpname|supergroup_?nm)$/i, /^(group_?name|grpname|group_?nm)$/i, /^(subgroup_?name|subgrpname|subgroup_?nm)$/i];

export interface LevelColumns {
  codes: string[];
  names: string[];
}

/** The level columns a file seems to have, coarsest first; codes empty when it has fewer than two. */
export function guessLevelColumns(headers: string[]): LevelColumns {
  const find = (re: RegExp) => headers.find((h) => re.test(h.trim())) ?? '';
  const codes = CODE_PATTERNS.map(find);
  const names = NAME_PATTERNS.map(find);
  const found = codes.filter(Boolean).length;
  return found >= 2 ? { codes, names } : { codes: [], names: [] };
}

/** The choice as the dialog keeps it: options.levels / options.levelNames, one entry per level row. */
export function levelsOf(options: Record<string, string>): LevelColumns {
  const split = (s: string | undefined) => {
    const parts = (s ?? '').split(',');
    return Array.from({ length: MAX_LEVELS }, (_, i) => parts[i] ?? '');
  };
  return { codes: split(options.levels), names: split(options.levelNames) };
}

export function withLevels(options: Record<string, string>, levels: LevelColumns): Record<string, string> {
  return { ...options, levels: levels.codes.join(','), levelNames: levels.names.join(',') };
}

/** levelFields/nameFields for runImport: the rows with a code column, in order; null when not importing all levels. */
export function levelRequest(options: Record<string, string>): { levelFields: string[]; nameFields: string[] } | null {
  if (options.allLevels !== 'yes') return null;
  const { codes, names } = levelsOf(options);
  const rows = codes.map((c, i) => ({ code: c.trim(), name: names[i].trim() })).filter((r) => r.code);
  return { levelFields: rows.map((r) => r.code), nameFields: rows.map((r) => r.name) };
}
