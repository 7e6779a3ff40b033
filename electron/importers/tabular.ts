// Helpers for the CSV importers: pick columns (given or suggested), read
// numbers the way UK spreadsheets write them, and check codes against boundaries.
import type Database from 'better-sqlite3';
import type { ColumnRole } from './columns';
import { suggestColumns } from './columns';
import type { CsvFile } from './csv-read';
import { columnIndex } from './csv-read';
import type { ImportKind } from './importer';
import { ImportError, fmt, quote } from './importer';
import { areaCodes, geographies } from './project-tables';

/** Column index for an option: the name given, else the suggested column, else an error. */
export function pickColumn(csv: CsvFile, kind: ImportKind, given: string | undefined, role: ColumnRole, option: string): number {
  if (given) return columnIndex(csv, given, option);
  const suggested = suggestColumns(kind, csv.headers)[role];
  if (!suggested) {
    throw new ImportError(`${csv.file}: which column holds the ${role}? Pass --${option} (columns: ${csv.headers.map((h) => quote(h)).join(', ')})`);
  }
  return columnIndex(csv, suggested, option);
}

export function optionalColumn(csv: CsvFile, kind: ImportKind, given: string | undefined, role: ColumnRole, option: string): number | null {
  if (given) return columnIndex(csv, given, option);
  const suggested = suggestColumns(kind, csv.headers)[role];
  return suggested ? columnIndex(csv, suggested, option) : null;
}

/** "1,234" and " 12.5 " -> number; "12.5%" -> 12.5 with percent: true; null if not a number. */
export function parseNumber(text: string): { value: number; percent: boolean } | null {
  // UK thousands separators ("1,234") go; a remaining single comma is a decimal
  // comma from a semicolon-separated European-locale export ("12,5").
  let t = text.trim().replace(/,(?=\d{3}\b)/g, '');
  if (/^[-+]?\d+,\d+%?$/.test(t)) t = t.replace(',', '.');
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1).trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? { value, percent } : null;
}

export function cellError(file: string, row: number, field: string, value: string, expected: string): ImportError {
  return new ImportError(`${file} row ${fmt(row)}, field "${field}": ${quote(value)} ${expected}`);
}

export interface AreaMatch {
  /** Codes the project's boundaries do not know (empty when there are no boundaries). */
  unmatched: Set<string>;
  /** Boundaries of the best-matching level that the file does not cover. */
  uncovered: { level: string; total: number; codes: string[] } | null;
  noBoundaries: boolean;
}

/** Compare a file's area codes with the project's boundaries, both ways. */
export function matchAreas(db: Database.Database, codes: Iterable<string>): AreaMatch {
  const known = areaCodes(db);
  const list = [...new Set(codes)];
  if (known.size === 0) return { unmatched: new Set(), uncovered: null, noBoundaries: true };
  const unmatched = new Set(list.filter((c) => !known.has(c)));
  const byLevel = new Map<string, number>();
  for (const c of list) {
    const level = known.get(c);
    if (level) byLevel.set(level, (byLevel.get(level) ?? 0) + 1);
  }
  const level = [...byLevel.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  let uncovered = null;
  if (level) {
    const g = geographies(db).find((r) => r.level === level)!;
    const all = db.prepare(`SELECT code FROM "${g.table_name}" ORDER BY code`).pluck().all() as string[];
    const have = new Set(list);
    uncovered = { level, total: all.length, codes: all.filter((c) => !have.has(c)) };
  }
  return { unmatched, uncovered, noBoundaries: false };
}

/** Warnings for an AreaMatch: "5 of 116 OA boundaries have no population row: E00069555, ...". */
export function areaMatchWarnings(match: AreaMatch, what: string): string[] {
  const out: string[] = [];
  if (match.noBoundaries) out.push(`no boundaries imported yet, so area codes were not checked`);
  if (match.unmatched.size) {
    const ex = [...match.unmatched].slice(0, 5);
    out.push(`${fmt(match.unmatched.size)} area codes match no boundary and were not imported (e.g. ${ex.join(', ')}${match.unmatched.size > ex.length ? ', ...' : ''})`);
  }
  const u = match.uncovered;
  if (u && u.codes.length) {
    const shown = u.codes.slice(0, 10);
    out.push(`${fmt(u.codes.length)} of ${fmt(u.total)} ${u.level} boundaries have no ${what}: ${shown.join(', ')}${u.codes.length > shown.length ? ', ...' : ''}`);
  }
  return out;
}
