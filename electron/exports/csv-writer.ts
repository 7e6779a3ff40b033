// The one CSV writer, for export files and the CLI's tables alike. A file is
// CSV as Excel opens it cleanly: UTF-8 with a byte-order mark (else Excel
// reads "£" and "–" as Windows-1252), RFC 4180 quoting, CRLF line endings.
// The CLI prints the same cells without the mark and with LF, as scripts
// read stdout; the cells themselves (quoting, neutralising) never differ.
//
// Formula injection (OWASP "CSV Injection"): a text cell starting with =, +,
// -, @, tab or carriage return is run as a formula by spreadsheet programs, so
// it is prefixed with a single quote. Numbers are never touched, and neither
// is text that is exactly a plain number ("-0.5", "+3", "-1e-3"): Excel reads
// those as numbers, not formulas, and a quote would turn a value partners need
// to sort and sum into text. "-1+2", "=1" or "@SUM(A1)" are neutralised.

export const UTF8_BOM = '\uFEFF';
export const CRLF = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type CsvValue = string | number | boolean | null | undefined;

/** How lines are framed: only this differs between a file and stdout. */
export interface CsvLayout {
  bom: boolean;
  eol: string;
}
export const EXCEL_CSV: CsvLayout = { bom: true, eol: CRLF };
export const STDOUT_CSV: CsvLayout = { bom: false, eol: '\n' };

export function neutraliseFormula(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** One cell as text: numbers as JavaScript prints them (no thousands separators), missing as empty. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn {
  key: string;
  /** Header as written; defaults to the key. */
  label?: string;
}

/** Header row and one row per record, every line ended by the layout's end of line (BOM first for a file). */
export function toCsv(rows: readonly Record<string, CsvValue>[], columns: readonly CsvColumn[], layout: CsvLayout = EXCEL_CSV): string {
  const lines = [columns.map((c) => csvCell(c.label ?? c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key])).join(','));
  return (layout.bom ? UTF8_BOM : '') + lines.join(layout.eol) + layout.eol;
}
