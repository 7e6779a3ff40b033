// Machine-readable output for every command: stable JSON or CSV. CSV goes
// through the exports' one writer, so a name like "=HYPERLINK(...)" from an
// imported file is neutralised on stdout exactly as in an exported file.
import type { CliIO, ParsedOptions } from './command';
import { CliError } from './command';
import { STDOUT_CSV, toCsv, type CsvValue } from '../exports/csv-writer';

export type OutputFormat = 'json' | 'csv';

export function outputFormat(options: ParsedOptions, fallback: OutputFormat = 'json'): OutputFormat {
  const value = options.format ?? fallback;
  if (value !== 'json' && value !== 'csv') throw new CliError(`--format must be json or csv, not "${String(value)}"`);
  return value;
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}

/** RFC 4180 CSV of flat rows on stdout (LF, no BOM); column order is the order of `columns`. */
export function printCsv(io: CliIO, rows: readonly object[], columns: readonly string[]): void {
  io.stdout(toCsv(rows as Record<string, CsvValue>[], columns.map((key) => ({ key })), STDOUT_CSV));
}

export function printRows(io: CliIO, format: OutputFormat, rows: readonly object[], columns: readonly string[]): void {
  if (format === 'json') printJson(io, rows);
  else printCsv(io, rows, columns);
}
