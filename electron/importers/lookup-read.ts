// Reading a lookup file (ONS's OA21CD,LSOA21CD,MSOA21CD,WD22CD,WD22NM...): which
// coarser area each small area lies in. Only reading and checking here; the
// dissolve and the write are in lookup.ts.
import { cell, columnIndex, type CsvFile } from './csv-read';
import type { ImportContext } from './importer';
import { ImportError, RejectTally, fmt, quote } from './importer';

export interface LookupRows {
  /** Child code (in the project) → parent code. */
  parentOf: Map<string, string>;
  /** Parent code → its name, the first one the file gives. */
  names: Map<string, string>;
  rowsRead: number;
  /** Rows whose child code the project lacks (a national lookup for a local project). */
  outside: RejectTally;
  /** The first few of those codes, for the message when none match. */
  outsideExamples: string[];
  /** Parents that also hold children the project lacks: their dissolved areas are partial. */
  partialParents: Set<string>;
}

// ONS abbreviates some levels in column names: WD22CD for wards, LAD22CD, CTRY...
const PREFIXES: Record<string, string[]> = { ward: ['ward', 'wd'], lad: ['lad', 'lau'], county: ['county', 'cty'], region: ['region', 'rgn'] };

/** The column named after a level: OA → OA21CD / oa11cd / oa_code; ward → WD22CD; `suffix` cd or nm. */
export function levelColumn(headers: readonly string[], level: string, suffix: 'cd' | 'nm'): string | undefined {
  const slug = level.toLowerCase().replace(/[^a-z0-9]/g, '');
  const prefixes = PREFIXES[slug] ?? [slug];
  const norm = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');
  const words = suffix === 'cd' ? ['cd', 'code'] : ['nm', 'name'];
  return headers.find((h) => prefixes.some((p) => words.some((w) => new RegExp(`^${p}(\\d{2})?${w}$`).test(norm(h)))));
}

export function lookupColumn(csv: CsvFile, given: string | undefined, level: string, option: string): number {
  if (given) return columnIndex(csv, given, option);
  const guess = levelColumn(csv.headers, level, 'cd');
  if (!guess) {
    throw new ImportError(`${csv.file}: which column holds the ${level} codes? Pass --${option} (columns: ${csv.headers.map((h) => quote(h)).join(', ')})`);
  }
  return columnIndex(csv, guess, option);
}

/**
 * Every row checked: both codes present, and a child in one parent only (a
 * repeated identical row is fine: multi-level ONS lookups repeat children).
 */
export async function readLookupRows(
  csv: CsvFile,
  columns: { child: number; parent: number; name: number | null },
  levels: { child: string; parent: string },
  projectChildren: ReadonlySet<string>,
  ctx?: ImportContext,
): Promise<LookupRows> {
  const { file, headers } = csv;
  const seen = new Map<string, { parent: string; row: number }>();
  const parentOf = new Map<string, string>();
  const names = new Map<string, string>();
  const outside = new RejectTally();
  const outsideParents = new Set<string>();
  const outsideExamples: string[] = [];
  let rowsRead = 0;
  const at = (row: number, column: number) => `${file} row ${fmt(row)}, field "${headers[column]}"`;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const child = cell(rec, columns.child);
    const parent = cell(rec, columns.parent);
    if (!child) throw new ImportError(`${at(rec.row, columns.child)}: empty, expected the ${levels.child} code`);
    if (!parent) throw new ImportError(`${at(rec.row, columns.parent)}: empty, expected the ${levels.parent} code of ${levels.child} ${quote(child)}`);
    const earlier = seen.get(child);
    if (earlier) {
      if (earlier.parent === parent) continue;
      throw new ImportError(
        `${at(rec.row, columns.parent)}: ${levels.child} ${quote(child)} has two ${levels.parent} codes, ${quote(earlier.parent)} (row ${fmt(earlier.row)}) and ${quote(parent)}; each ${levels.child} must lie in one ${levels.parent}`,
      );
    }
    seen.set(child, { parent, row: rec.row });
    if (!projectChildren.has(child)) {
      outside.add(`${levels.child} code not in the project`, child);
      if (outsideExamples.length < 3) outsideExamples.push(child);
      outsideParents.add(parent);
      continue;
    }
    parentOf.set(child, parent);
    const name = columns.name === null ? '' : cell(rec, columns.name);
    if (name && !names.has(parent)) names.set(parent, name);
  }
  const partialParents = new Set([...parentOf.values()].filter((p) => outsideParents.has(p)));
  return { parentOf, names, rowsRead, outside, outsideExamples, partialParents };
}
