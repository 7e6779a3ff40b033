// Machine-readable output for every command: stable JSON or CSV.
import type { CliIO, ParsedOptions } from './command';
import { CliError } from './command';

export type OutputFormat = 'json' | 'csv';

export function outputFormat(options: ParsedOptions, fallback: OutputFormat = 'json'): OutputFormat {
  const value = options.format ?? fallback;
  if (value !== 'json' && value !== 'csv') throw new CliError(`--format must be json or csv, not "${String(value)}"`);
  return value;
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}

/** RFC 4180 CSV of flat rows; column order is the order of `columns`. */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return lines.join('\n') + '\n';
}

export function printRows(io: CliIO, format: OutputFormat, rows: Record<string, unknown>[], columns: string[]): void {
  if (format === 'json') printJson(io, rows);
  else io.stdout(toCsv(rows, columns));
}
