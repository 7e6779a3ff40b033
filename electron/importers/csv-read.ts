// CSV reading core shared by every tabular importer: encoding and delimiter
// sniffing, streaming parse (ONSPD is >1 GB; csv-split.ts), spreadsheet row numbers.
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { parse as parseSync } from 'csv-parse/sync';
import type { ImportContext, ImportInput } from './importer';
import { MAX_RECORD_CHARS, csvSyntaxError } from './csv-errors';
import { CsvSplitter } from './csv-split';
import { detectFileEncoding } from './csv-encoding';
import { CellSpans } from './csv-spans';
import { LineDecoder } from './csv-lines';
import { ImportError, checkAborted, fmt, inputName, quote, readInputBytes } from './importer';
import { isZipName, unzipDataset } from './zip-dataset';

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface CsvRecord {
  /** Spreadsheet row: the header is row 1, the first data row is row 2. */
  row: number;
  values: string[];
}

export interface CsvFile {
  file: string;
  encoding: CsvEncoding;
  delimiter: string;
  headers: string[];
  /** Total bytes, for progress fractions. */
  size: number;
  /** Data records, header excluded, blank lines skipped (they still count as rows). */
  records(ctx?: ImportContext): AsyncGenerator<CsvRecord>;
  /**
   * The same records a piece (~64 KB) at a time, for importers of millions of
   * rows; given columns, other cells may be left out (cell() reads them as '').
   */
  batches(ctx?: ImportContext, columns?: readonly number[]): AsyncGenerator<CsvRecord[]>;
  /**
   * The records of those columns a chunk at a time as positions in text, no
   * string per cell (csv-spans.ts): the national directory and users imports.
   * The same object is refilled for each chunk.
   */
  spans(ctx: ImportContext | undefined, columns: readonly number[]): AsyncGenerator<CellSpans>;
  /** Lets go of the file (a streamed one is held open from openCsv to the end of its read); safe to call twice. */
  close(): Promise<void>;
}

/** Files up to this size are read whole, so encoding detection sees every byte. */
const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;
const SAMPLE_BYTES = 1024 * 1024;
const CHUNK = 1024 * 1024;
/**
 * Each chunk is decoded and split this much at a time: a piece's text is then a string V8
 * makes in its young generation (below 128 KB) and frees cheaply, where a 1 MB string a
 * chunk went to the old generation and made V8 collect the whole heap every ~300 ms.
 */
const PIECE = 64 * 1024;
/** The header row must end within this many bytes (thousands of column names). */
const HEAD_BYTES = 64 * 1024;

export function detectEncoding(bytes: Uint8Array): { encoding: CsvEncoding; bom: boolean } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  try {
    // stream: true so a multi-byte character cut at the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    // Excel's "CSV" on Windows saves in the ANSI code page, which is Windows-1252 in the UK.
    return { encoding: 'windows-1252', bom: false };
  }
}

/** The delimiter that occurs most on the header line, outside quotes. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t', '|']) if (counts[d] > counts[best]) best = d;
  return best;
}

async function* fileChunks(input: ImportInput, whole: Uint8Array | null, held: FileHandle | null): AsyncGenerator<Uint8Array> {
  if (whole) {
    for (let i = 0; i < whole.length; i += CHUNK) {
      // Bytes in memory never wait for I/O, so without this the whole parse runs in one
      // turn of the event loop and a Cancel sent meanwhile is only read once it is over.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      yield whole.subarray(i, i + CHUNK);
    }
    return;
  }
  // Two buffers read into again and again (the caller is done with a chunk before it asks for the
  // next): a new 1 MB buffer a read made V8 collect its heap every ~100 ms for the external memory.
  // The next chunk is read while the caller parses this one, so the parse does not wait for the disk.
  // A streamed file is read through the handle its encoding was judged through (openCsv), from its start.
  const handle = held ?? (await open(input as string, 'r'));
  const buffers = [new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
  let which = 0;
  let position = 0;
  let next = handle.read(buffers[0], 0, CHUNK, position);
  try {
    for (;;) {
      const { bytesRead } = await next;
      if (bytesRead === 0) return;
      const chunk = buffers[which].subarray(0, bytesRead);
      which ^= 1;
      position += bytesRead;
      next = handle.read(buffers[which], 0, CHUNK, position);
      yield chunk;
    }
  } finally {
    await next.catch(() => undefined);
    if (!held) await handle.close();
  }
}

/** The first bytes of an open file (SAMPLE_BYTES, fewer in a shorter file), read by position. */
async function readHandleSample(handle: FileHandle, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(Math.min(size, SAMPLE_BYTES));
  let n = 0;
  while (n < bytes.length) {
    const { bytesRead } = await handle.read(bytes, n, bytes.length - n, n);
    if (bytesRead === 0) break;
    n += bytesRead;
  }
  return bytes.subarray(0, n);
}

/** The same sample of a file not held open. */
async function readSample(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    return await readHandleSample(handle, size);
  } finally {
    await handle.close();
  }
}

export interface OpenCsvOptions {
  /** Force a delimiter instead of sniffing. */
  delimiter?: string;
  encoding?: CsvEncoding;
  /**
   * Never hold the file whole, whatever its size (a users extract: personal data, 50 MB for a
   * million rows); its encoding is still judged on every byte, read a piece at a time.
   */
  stream?: boolean;
}

export async function openCsv(input: ImportInput, options: OpenCsvOptions = {}): Promise<CsvFile> {
  const file = inputName(input);
  if (isZipName(file)) {
    // Unzipped into memory only: a zipped users extract must not reach the disk either.
    const inner = await unzipDataset(input);
    if (!/\.(csv|tsv|txt)$/i.test(inner.name)) throw new ImportError(`${inner.name}: expected a CSV file (.csv or .tsv) for this import`);
    return openCsv(inner, options);
  }
  let whole: Uint8Array | null = null;
  // A streamed file is opened once: its encoding is judged through the handle it is then parsed through.
  let handle: FileHandle | null = null;
  let opened: { size: number; mtimeMs: number } | null = null;
  let size: number;
  if (typeof input === 'string') {
    try {
      if (options.stream) {
        handle = await open(input, 'r');
        opened = await handle.stat();
        size = opened.size;
      } else size = (await stat(input)).size;
    } catch (error) {
      await handle?.close();
      throw new ImportError(`${file}: cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (size <= WHOLE_FILE_LIMIT && !options.stream) whole = await readInputBytes(input);
  } else {
    whole = input.data;
    size = whole.length;
  }
  let closed = false;
  const close = async () => {
    if (closed || !handle) return;
    closed = true;
    await handle.close();
  };
  try {
    return await opening(input, file, options, whole, size, handle, opened, close);
  } catch (error) {
    await close();
    throw error;
  }
}

/** openCsv once the file is open or held: its encoding, delimiter and header, and its readers. */
async function opening(
  input: ImportInput, file: string, options: OpenCsvOptions, whole: Uint8Array | null, size: number,
  handle: FileHandle | null, opened: { size: number; mtimeMs: number } | null, close: () => Promise<void>,
): Promise<CsvFile> {
  const sample = whole ?? (handle ? await readHandleSample(handle, size) : await readSample(input as string, size));
  if (size === 0 || (size <= 4096 && /^[\s\uFEFF]*$/.test(new TextDecoder().decode(sample.subarray(0, 4096))))) {
    throw new ImportError(`${file}: the file is empty (expected a header row and data rows)`);
  }
  const detected = handle && size <= WHOLE_FILE_LIMIT && !options.encoding ? await detectFileEncoding(handle) : detectEncoding(sample);
  const encoding = options.encoding ?? detected.encoding;
  const head = new TextDecoder(encoding).decode(sample.subarray(0, HEAD_BYTES), { stream: true });
  const delimiter = options.delimiter ?? sniffDelimiter(head);

  const headers = readHeader(head, delimiter, file, size <= HEAD_BYTES);
  let used = false;

  /**
   * Feeds the file's text to the splitter a piece (~64 KB) at a time, calling
   * take after each push for what the chunk completed; syntax faults become
   * errors naming the file, row and field.
   */
  async function* read<T>(ctx: ImportContext | undefined, splitter: CsvSplitter, push: (text: string | null) => void, take: () => T | null): AsyncGenerator<T> {
    if (used) throw new Error('CsvFile.records() can be iterated once');
    used = true;
    const decoder = new LineDecoder(encoding);
    let bytesSeen = 0;
    let lastProgress = 0;
    try {
      for await (const chunk of fileChunks(input, whole, handle)) {
        bytesSeen += chunk.length;
        for (let at = 0; at < chunk.length; at += PIECE) {
          const text = decoder.push(chunk.subarray(at, at + PIECE));
          // A piece with no line end completes nothing; taking anyway would hand spans() its last chunk again.
          if (!text) continue;
          push(text);
          const done = take();
          if (done !== null) yield done;
        }
        checkAborted(ctx, file);
        // Past the first megabyte only: a small file is read before anyone could watch a bar.
        if (ctx?.progress && bytesSeen - lastProgress > CHUNK) {
          lastProgress = bytesSeen;
          ctx.progress(`Reading ${file}: row ${fmt(splitter.records)}`, size ? Math.min(1, bytesSeen / size) : null);
        }
      }
      if (handle && opened) {
        // Written to in place since it was opened (the handle keeps a file renamed over it away, not this):
        // its bytes were judged and parsed at different times.
        const now = await handle.stat();
        if (now.size !== opened.size || now.mtimeMs !== opened.mtimeMs) throw new ImportError(`${file}: the file changed while it was being read; import it again`);
      }
      const tail = decoder.end();
      if (tail) {
        push(tail);
        const done = take();
        if (done !== null) yield done;
      }
      push(null);
      const done = take();
      if (done !== null) yield done;
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw csvSyntaxError(file, headers, error, splitter.records);
    } finally {
      await close();
    }
  }

  function batches(ctx?: ImportContext, columns?: readonly number[]): AsyncGenerator<CsvRecord[]> {
    const splitter = new CsvSplitter(delimiter, MAX_RECORD_CHARS, columns);
    let row = 0;
    const parsed: string[][] = [];
    // Records of one chunk at a time: per-record awaits cost more than parsing a line.
    const take = (): CsvRecord[] | null => {
      const batch: CsvRecord[] = [];
      for (const values of parsed) {
        row++;
        if (row === 1) continue; // header, consumed by readHeader
        if (values.length === 0) continue; // a blank row (the splitter's mark)
        batch.push({ row, values });
      }
      parsed.length = 0;
      return batch.length ? batch : null;
    };
    return read(ctx, splitter, (text) => (text === null ? splitter.end(parsed) : splitter.push(text, parsed)), take);
  }

  function spans(ctx: ImportContext | undefined, columns: readonly number[]): AsyncGenerator<CellSpans> {
    const splitter = new CsvSplitter(delimiter, MAX_RECORD_CHARS, columns);
    const out = new CellSpans(columns);
    const take = (): CellSpans | null => {
      out.finish();
      return out.count ? out : null;
    };
    return read(ctx, splitter, (text) => (text === null ? splitter.end(out) : splitter.push(text, out)), take);
  }

  async function* records(ctx?: ImportContext): AsyncGenerator<CsvRecord> {
    for await (const batch of batches(ctx)) yield* batch;
  }

  return { file, encoding, delimiter, headers, size, records, batches, spans, close };
}

/** Parse just the first record of the sample as the header; `whole` when the sample is the entire file. */
function readHeader(sample: string, delimiter: string, file: string, whole: boolean): string[] {
  const head = sample.replace(/^\uFEFF/, '');
  let cells: string[] | undefined;
  try {
    // to: 1 stops after one record, so a sample cut mid-record does not matter.
    const first = (parseSync(head, { delimiter, relax_column_count: true, to: 1, info: true }) as unknown as { record: string[]; info: { bytes: number } }[])[0];
    // A header that runs to the end of the sample was cut there: refuse rather than import its first columns.
    if (first && !whole && first.info.bytes >= head.length) {
      throw new ImportError(`${file} row 1: the header row is longer than 64 KB (is this a table with one header row?)`);
    }
    cells = first?.record;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // A quote left open in the header runs to the end of the sample: the same fault.
    if (!whole && (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ImportError(`${file} row 1: the header row is longer than 64 KB or has an unclosed quote`);
    }
    throw csvSyntaxError(file, null, error, 0);
  }
  if (!cells || cells.every((c) => c.trim() === '')) {
    throw new ImportError(`${file} row 1: expected a header row with column names`);
  }
  const headers = cells.map((c) => c.trim());
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    if (h === '') return;
    if (seen.has(h.toLowerCase())) throw new ImportError(`${file} row 1, column ${i + 1}: column name ${quote(h)} appears twice`);
    seen.add(h.toLowerCase());
  });
  return headers;
}

/** Index of a named column (case- and space-insensitive), or an error listing what the file has. */
export function columnIndex(csv: Pick<CsvFile, 'file' | 'headers'>, name: string, option?: string): number {
  const norm = (s: string) => s.trim().toLowerCase();
  const i = csv.headers.findIndex((h) => norm(h) === norm(name));
  if (i < 0) {
    const via = option ? ` (--${option})` : '';
    throw new ImportError(
      `${csv.file} row 1: no column ${quote(name)}${via}; the file has ${csv.headers.map((h) => quote(h)).join(', ')}`,
    );
  }
  return i;
}

export function cell(record: CsvRecord, index: number): string {
  return (record.values[index] ?? '').trim();
}
