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

/**
 * JSON.stringify(value, null, 2) and a newline, byte for byte, written in
 * pieces: a top-level array, or the arrays among a top-level object's values,
 * go out a thousand elements at a time (nationally the gap table was one 111 MB string
 * and then a 111 MB buffer, held at once beside the rows).
 */
export function printJson(io: CliIO, value: unknown): void {
  const out = chunkedWriter(io);
  if (Array.isArray(value)) writeArray(out, value, '');
  else if (isPlainObject(value)) {
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      // Keys whose value JSON leaves out (undefined, functions) are left out here too.
      const json = Array.isArray(v) ? null : JSON.stringify(v, null, 2);
      if (json === undefined) continue;
      out.write(`${first ? '{' : ','}\n  ${JSON.stringify(k)}: `);
      first = false;
      if (json === null) writeArray(out, v as unknown[], '  ');
      else out.write(indented(json, '  '));
    }
    out.write(first ? '{}' : '\n}');
  } else out.write(JSON.stringify(value, null, 2));
  out.write('\n');
  out.flush();
}

/** Only objects JSON.stringify writes key by key (no toJSON, not a Date or a boxed value). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Elements stringified at a time: one call per element cost more than the JSON itself. */
const ARRAY_CHUNK = 1000;

/** Arrays are streamed at the top level or as a top-level object's values. */
type ArrayIndent = '' | '  ';

/** An array at `indent`, as JSON.stringify(…, null, 2) writes it there (holes, undefined and functions as null). */
function writeArray(out: ChunkedWriter, items: readonly unknown[], indent: ArrayIndent): void {
  if (items.length === 0) return out.write('[]');
  out.write('[');
  for (let a = 0; a < items.length; a += ARRAY_CHUNK) {
    out.write((a ? ',' : '') + elementsJson(items.slice(a, a + ARRAY_CHUNK), indent));
  }
  out.write(`\n${indent}]`);
}

/**
 * "\n  x,\n  y" for elements [x, y] of an array at `indent`: the array's own JSON
 * less its brackets, stringified one level down (inside {"": […]}) for an array
 * that is an object's value, so V8 indents it rather than a replace over every line.
 */
function elementsJson(items: readonly unknown[], indent: ArrayIndent): string {
  if (indent === '') return JSON.stringify(items, null, 2).slice(1, -2);
  return JSON.stringify({ '': items }, null, 2).slice('{\n  "": ['.length, -'\n  ]\n}'.length);
}

/** A value's own JSON moved right: strings never hold a raw newline in JSON, so every newline is layout. */
const indented = (json: string, indent: string) => (indent && json.includes('\n') ? json.replaceAll('\n', `\n${indent}`) : json);

interface ChunkedWriter { write(text: string): void; flush(): void }

/** Small pieces joined into ~1 MB writes: one write per element would be 190,000 system calls. */
function chunkedWriter(io: CliIO): ChunkedWriter {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length) io.stdout(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      // A thousand rows' JSON goes out as it is; only small pieces are joined first.
      if (text.length >= 1 << 16) {
        flush();
        io.stdout(text);
        return;
      }
      parts.push(text);
      size += text.length;
      if (size >= 1 << 20) flush();
    },
    flush,
  };
}

/** RFC 4180 CSV of flat rows on stdout (LF, no BOM); column order is the order of `columns`. */
export function printCsv(io: CliIO, rows: readonly object[], columns: readonly string[]): void {
  io.stdout(toCsv(rows as Record<string, CsvValue>[], columns.map((key) => ({ key })), STDOUT_CSV));
}

export function printRows(io: CliIO, format: OutputFormat, rows: readonly object[], columns: readonly string[]): void {
  if (format === 'json') printJson(io, rows);
  else printCsv(io, rows, columns);
}
