// Wording for CSV syntax faults. csv-parse's own messages quote the cell they
// stopped in ("value is \"Quibbles\""), which in a service-user file is a
// person's name, so only its code and counters are used: the row as a
// spreadsheet numbers it (header = row 1, from the parser's record count, not
// from how far our loop had read; csv-parse's line count is not used, it
// counts a quoted CR LF twice) and the column by its header.
import { ImportError, fmt, quote } from './importer';

/** The counters csv-parse puts on a CsvError. */
interface CsvFault {
  code?: string;
  records?: number;
  column?: number;
}

const REASONS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote inside a value that does not start with one (quote the whole value and double inner quotes)',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a quoted value',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a quoted value',
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed (is the file cut short?)',
  CSV_MAX_RECORD_SIZE: 'the row is longer than any real table row (an unclosed quote?)',
};

/** The largest record, in characters, csv-parse will hold before giving up. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export function csvSyntaxError(file: string, headers: readonly string[] | null, error: unknown, rowsSeen: number): ImportError {
  const e = (error ?? {}) as CsvFault;
  const row = typeof e.records === 'number' ? e.records + 1 : rowsSeen + 1;
  let field = '';
  if (typeof e.column === 'number') {
    const name = headers?.[e.column];
    field = name ? `, field ${quote(name)}` : `, column ${fmt(e.column + 1)}`;
  }
  const reason = (e.code && REASONS[e.code]) ?? `unreadable row${e.code ? ` (${e.code})` : ''}`;
  return new ImportError(`${file} row ${fmt(row)}${field}: malformed CSV, ${reason}`);
}
