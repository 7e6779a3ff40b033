// The one contract every importer implements (Placemark-style: one module per
// input kind). Inputs are a path or in-memory bytes so the CLI, the Electron
// main process and the tests call the same functions unchanged.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../../shared/errors';

/** A file on disk, or injected bytes (mapshaper-style) with its display name. */
export type ImportInput = string | InMemoryFile;

export interface InMemoryFile {
  name: string;
  data: Uint8Array;
  /** Sidecar files for multi-file formats, keyed by extension: { dbf, prj, cpg }. */
  siblings?: Record<string, Uint8Array>;  /** The file's modification time (ms since 1970) where the sender knows it: the data's date when the file says none. */
  lastModified?: number;
}

export interface ImportContext {
  progress?(message: string, fraction: number | null): void;
  signal?: AbortSignal;
}

export type ImportKind =
  | 'boundaries'
  | 'segments'
  | 'assignments'
  | 'population'
  | 'postcodes'
  | 'rates'
  | 'users'
  | 'sites'
  | 'site-hours'
  | 'segment-profile'
  | 'lookup'
  | 'indicators'
  | 'comparator'
  | 'gtfs';

export interface ImportSummary {
  kind: ImportKind;
  /** Dataset name as recorded in cgm_datasets (level, scheme, service...). */
  dataset: string;
  /** File name only (never a directory, which may name a person or client). */
  file: string;
  rowsRead: number;
  imported: number;
  rejected: Record<string, number>;
  warnings: string[];
  /** Importer-specific extras (table name, CRS, encoding...). */
  details?: Record<string, unknown>;
}

/**
 * A user-facing import failure. Row numbers follow the spreadsheet convention:
 * the header is row 1, so the first data row is row 2. Features and shapefile
 * records are numbered from 1.
 */
export class ImportError extends InputError {
  override name = 'ImportError';
}

/** Thrown when the caller aborts; the project is untouched. */
export class ImportCancelled extends ImportError {
  override name = 'ImportCancelled';
  constructor(file: string) {
    super(`${file}: import cancelled`);
  }
}

/** A size in an error message: "812 KB", "80.1 MB", "4.0 GB". */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024).toLocaleString('en-GB')} KB`;
}

export function inputName(input: ImportInput): string {
  return typeof input === 'string' ? basename(input) : input.name;
}

/**
 * A file's bytes as a plain Uint8Array over an ArrayBuffer of their own, as a copy
 * gave them, but without copying (a national .shp is 130 MB): only a Buffer that
 * shares its ArrayBuffer (Node's pool, for a small file) is copied out of it.
 */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return own ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);
}

export async function readInputBytes(input: ImportInput): Promise<Uint8Array> {
  if (typeof input !== 'string') return input.data;
  try {
    return await readFileBytes(input);
  } catch (error) {
    throw new ImportError(`${basename(input)}: cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export function checkAborted(ctx: ImportContext | undefined, file: string): void {
  if (ctx?.signal?.aborted) throw new ImportCancelled(file);
}

/** "1,204" — the way a UK spreadsheet user reads a row number. */
export function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

/** A JSON-ish quoted value for messages, shortened so one line stays one line. */
export function quote(value: unknown): string {
  const s = safeText(value) ?? '(an array or object too deeply nested to show)';
  return JSON.stringify(s.length > 60 ? s.slice(0, 57) + '...' : s);
}

/**
 * String(value), for a value read from a file. An array nested thousands deep
 * overflows String() (a RangeError from Array#join) and an object may carry a
 * "toString" that is no function; both are the file's fault: `null` here, so the
 * caller names the feature and field instead of failing with an internal error.
 */
export function safeText(value: unknown): string | null {
  try {
    return String(value ?? '');
  } catch {
    return null;
  }
}

/** Counts rejects by reason, keeping a few examples for the warning text. */
export class RejectTally {
  readonly counts: Record<string, number> = {};
  private readonly examples: Record<string, string[]> = {};

  add(reason: string, example?: string): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    if (example !== undefined) {
      const list = (this.examples[reason] ??= []);
      if (list.length < 5) list.push(example);
    }
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /**
   * One warning per reason: "3 rows rejected: no matching boundary (e.g. E00000001, ...)";
   * with `fields`, the column a reason is about: "... rejected: invalid date in field "Referral Date" (e.g. row 4)".
   */
  warnings(unit: string, fields: Record<string, string> = {}): string[] {
    return Object.entries(this.counts).map(([reason, n]) => {
      const ex = this.examples[reason];
      const tail = ex && ex.length ? ` (e.g. ${ex.join(', ')}${n > ex.length ? ', ...' : ''})` : '';
      const field = fields[reason] ? ` in field ${quote(fields[reason])}` : '';
      return `${fmt(n)} ${unit}${n === 1 ? '' : 's'} rejected: ${reason}${field}${tail}`;
    });
  }
}

/** Lower-case slug for table names: "Ward 2022" -> "ward_2022". */
export function slug(text: string): string {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s || 'level';
}
