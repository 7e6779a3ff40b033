// RFC 4180 record splitting for the streaming CSV reader, written for speed
// because a national postcode directory is 2.7M rows of ~50 columns: a line
// with no quote in it is cut with indexOf and String#split (the common case,
// ~10x csv-parse); a line with a quote goes through a small state machine that
// behaves as csv-parse did with the options the importers used (quote and
// escape '"', relax_column_count, skip_empty_lines false, no trimming, record
// delimiter found from the first line end), and raises the same fault codes,
// record counts and field index that csvSyntaxError words. A record of blank
// cells comes out as [] (the reader skips it, as it always skipped blank rows);
// given the columns an importer reads, quote-free lines are cut only that far
// and only those cells are made (ONSPD has 52 columns, a directory import reads 5-12).

import { CellSpans } from './csv-spans';

/** The counters csvSyntaxError reads (csv-parse's CsvError shape). */
export class CsvFault extends Error {
  constructor(readonly code: string, readonly records: number, readonly column: number) {
    super(code);
  }
}

/** Where records go: arrays of cells, or spans of the requested cells (the national imports). */
type Sink = string[][] | CellSpans;

const QUOTE = 34;
/** Runs of at least this many unrequested cells are passed by one regular expression (1.15x faster over ONSPD's). */
const SKIP_AT_LEAST = 4;
const LF = 10;
const CR = 13;

type Eol = '\n' | '\r\n' | '\r';
/** A record parsed by the slow path (blank: every cell is whitespace), or null when the text ends inside it. */
type Parsed = { values: string[]; blank: boolean; next: number } | null;

/** Whether text[a, b) is all whitespace as String#trim sees it, without copying it in the usual (ASCII) case. */
function blankRange(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128) return false;
    return text.slice(i, b).trim() === '';
  }
  return true;
}

export class CsvSplitter {
  /** Records completed so far, the header included (csv-parse's `records`). */
  records = 0;
  private carry = '';
  private eol: Eol | null = null;
  private readonly delimCode: number;
  private readonly blankLine: RegExp;
  /** wanted[i] = 1 for the columns to keep; null keeps all. */
  private readonly wanted: Uint8Array | null;
  /** parseSpans' record being read: each requested cell's span, or its value where quotes were doubled. */
  private cellStart = new Int32Array(0);
  private cellEnd = new Int32Array(0);
  private cellValue: (string | null)[] = [];
  /** By n: a sticky pattern passing n cells of a line and their delimiters (fieldSkipper). */
  private readonly skippers: RegExp[] = [];

  constructor(private readonly delimiter: string, private readonly maxChars: number, columns?: readonly number[]) {
    this.delimCode = delimiter.charCodeAt(0);
    this.blankLine = new RegExp(`^[\\s${delimiter === '|' ? '\\|' : delimiter}]*$`);
    if (columns && columns.length) {
      this.wanted = new Uint8Array(Math.max(...columns) + 1);
      for (const c of columns) this.wanted[c] = 1;
    } else this.wanted = null;
  }

  /** Cells of a quote-free line; [] when every cell is blank. */
  private line(text: string, pos: number, end: number): string[] {
    const c = pos < end ? text.charCodeAt(pos) : 32;
    if ((c === this.delimCode || c === 32 || c === 9 || c === 13) && this.blankLine.test(text.slice(pos, end))) return [];
    if (!this.wanted) return text.slice(pos, end).split(this.delimiter);
    const wanted = this.wanted;
    const out: string[] = new Array(wanted.length);
    let p = pos;
    for (let col = 0; col < wanted.length; col++) {
      let d = text.indexOf(this.delimiter, p);
      if (d < 0 || d > end) d = end;
      if (wanted[col]) out[col] = text.slice(p, d);
      if (d === end) break;
      p = d + 1;
    }
    return out;
  }

  /**
   * Appends the records this chunk completes to out (as arrays, or as spans of
   * the requested columns: csv-spans.ts); an unfinished last record waits for the next chunk.
   */
  push(chunk: string, out: Sink): void {
    const text = flat(this.carry + chunk);
    if (out instanceof CellSpans) out.begin(text);
    const pos = this.split(text, out, false);
    this.carry = text.slice(pos);
    if (this.carry.length > this.maxChars) throw new CsvFault('CSV_MAX_RECORD_SIZE', this.records, 0);
  }

  /** The last record, when the file does not end with a line break. */
  end(out: Sink): void {
    if (out instanceof CellSpans) out.begin(this.carry);
    if (this.carry.length) this.split(this.carry, out, true);
    this.carry = '';
  }

  /** A quote-free line as spans of the requested cells; a blank line is left out, as the reader leaves out []. */
  private lineSpans(text: string, pos: number, end: number, out: CellSpans): void {
    const c = pos < end ? text.charCodeAt(pos) : 32;
    if (this.records === 0) return; // the header, read by readHeader
    if ((c === this.delimCode || c === 32 || c === 9 || c === 13) && this.blankLine.test(text.slice(pos, end))) return;
    const at = out.open(this.records + 1);
    const slot = out.slot;
    const last = out.lastColumn;
    const delimiter = this.delimiter;
    const unrequested = out.unrequested;
    let p = pos;
    // indexOf finds each delimiter faster than a loop over the characters (a line is ~400 of them);
    // a run of cells not asked for is passed by one pattern (ONSPD's 52 columns hold 3 runs of 5 to 21).
    for (let col = 0; col <= last; col++) {
      const n = unrequested[col];
      if (n >= SKIP_AT_LEAST) {
        const skip = this.fieldSkipper(n);
        skip.lastIndex = p;
        // No match: the line ends first, and the cells are read one by one to say where.
        if (skip.test(text) && skip.lastIndex <= end) {
          p = skip.lastIndex;
          col += n - 1;
          continue;
        }
      }
      let d = text.indexOf(delimiter, p);
      if (d < 0 || d > end) d = end;
      const k = slot[col];
      if (k >= 0) out.set(at + k, p, d, text);
      if (d === end) return;
      p = d + 1;
    }
  }

  /** Passes n cells and their delimiters from lastIndex, within a line (never past a line feed). */
  private fieldSkipper(n: number): RegExp {
    let re = this.skippers[n];
    if (!re) {
      const d = this.delimiter.replace(/[\\^\]-]/g, '\\$&');
      re = this.skippers[n] = new RegExp(`(?:[^${d}\\n]*[${d}]){${n}}`, 'y');
    }
    return re;
  }

  private split(text: string, out: Sink, eof: boolean): number {
    const n = text.length;
    let pos = 0;
    // Where the next quote is: searched again only once passed, so a file without quotes is scanned once.
    let quoteAt = -2;
    while (pos < n) {
      if (this.eol === '\n' || this.eol === '\r\n') {
        if (quoteAt !== -1 && quoteAt < pos) quoteAt = text.indexOf('"', pos);
        let nl = text.indexOf('\n', pos);
        const crlf = this.eol === '\r\n';
        if (nl < 0 && eof) nl = n; // the last line, with no break after it
        if (nl >= 0 && (quoteAt < 0 || quoteAt >= nl)) {
          let end = nl;
          if (crlf && nl < n) {
            // A lone LF inside a CR LF file is data: leave that line to the exact path.
            if (nl === pos || text.charCodeAt(nl - 1) !== CR) end = -1;
            else end = nl - 1;
          }
          if (end >= 0) {
            if (end - pos > this.maxChars) throw new CsvFault('CSV_MAX_RECORD_SIZE', this.records, 0);
            if (out instanceof CellSpans) this.lineSpans(text, pos, end, out);
            else out.push(this.line(text, pos, end));
            this.records++;
            pos = nl + 1;
            continue;
          }
        } else if (nl < 0) {
          break; // the line goes on in the next chunk
        }
      }
      if (out instanceof CellSpans) {
        const next = this.parseSpans(text, pos, eof, out);
        if (next < 0) break;
        this.records++;
        pos = next;
        continue;
      }
      const parsed = this.parseOne(text, pos, eof);
      if (!parsed) break;
      out.push(parsed.blank ? [] : parsed.values);
      this.records++;
      pos = parsed.next;
    }
    return pos;
  }

  /** Length of the record delimiter at i (0: none there; -1: cannot tell before more text arrives). */
  private eolAt(text: string, i: number, eof: boolean): number {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) return 0;
    if (this.eol === null) {
      if (c === LF) this.eol = '\n';
      else if (i + 1 < text.length) this.eol = text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
      else if (eof) this.eol = '\r';
      else return -1;
    }
    if (this.eol === '\r\n') {
      if (c !== CR) return 0;
      if (i + 1 >= text.length) return eof ? 0 : -1;
      return text.charCodeAt(i + 1) === LF ? 2 : 0;
    }
    return text.charCodeAt(i) === this.eol.charCodeAt(0) ? 1 : 0;
  }

  /**
   * One record from pos, character by character. Given the columns to keep, the
   * others (a users file's quoted names and notes) are scanned but not built:
   * they read as '' and only their blankness is kept, for the blank-row mark.
   */
  private parseOne(text: string, pos: number, eof: boolean): Parsed {
    const n = text.length;
    const values: string[] = [];
    const wanted = this.wanted;
    let blank = true;
    let i = pos;
    for (;;) {
      const keep = wanted === null || wanted[values.length] === 1;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let start = i + 1;
        i = start;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (eof) throw new CsvFault('CSV_QUOTE_NOT_CLOSED', this.records, values.length);
            return null;
          }
          if (q + 1 >= n && !eof) return null; // is it "" or the closing quote? The next chunk says.
          if (text.charCodeAt(q + 1) === QUOTE) {
            if (keep) value += text.slice(start, q + 1);
            else blank = false; // the cell holds a quote character
            i = start = q + 2;
            continue;
          }
          if (keep) value += text.slice(start, q);
          else if (blank) blank = blankRange(text, start, q);
          i = q + 1;
          break;
        }
        if (keep && blank) blank = value.trim() === '';
        values.push(value);
        if (i >= n) return eof ? { values, blank, next: i } : null;
        if (text.charCodeAt(i) === this.delimCode) { i++; continue; }
        const e = this.eolAt(text, i, eof);
        if (e < 0) return null;
        if (e > 0) return { values, blank, next: i + e };
        throw new CsvFault('CSV_INVALID_CLOSING_QUOTE', this.records, values.length - 1);
      }
      let j = i;
      let e = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === this.delimCode) break;
        if (c === QUOTE) throw new CsvFault('INVALID_OPENING_QUOTE', this.records, values.length);
        if (c === LF || c === CR) {
          e = this.eolAt(text, j, eof);
          if (e < 0) return null;
          if (e > 0) break;
        }
      }
      if (j >= n && !eof) return null;
      if (keep) {
        const value = text.slice(i, j);
        if (blank) blank = value.trim() === '';
        values.push(value);
      } else {
        if (blank) blank = blankRange(text, i, j);
        values.push('');
      }
      if (j >= n) return { values, blank, next: j };
      if (e > 0) return { values, blank, next: j + e };
      i = j + 1; // past the delimiter
    }
  }

  /**
   * parseOne for spans: a record with quotes (every row of a users file quotes its
   * names) read as positions in the text, no array or string per cell; only a
   * requested cell with doubled quotes is built, to undo them. The same records,
   * blank rows, cells and faults as parseOne. Returns where the next record starts,
   * -1 when the text ends inside this one.
   */
  private parseSpans(text: string, pos: number, eof: boolean, out: CellSpans): number {
    const n = text.length;
    const { slot, width } = out;
    if (this.cellStart.length !== width) { this.cellStart = new Int32Array(width); this.cellEnd = new Int32Array(width); this.cellValue = new Array(width); }
    const { cellStart: starts, cellEnd: ends, cellValue: values } = this;
    starts.fill(0);
    ends.fill(0);
    values.fill(null);
    let blank = true;
    let col = 0;
    let i = pos;
    let next: number;
    for (;;) {
      const k = col < slot.length ? slot[col] : -1;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let start = i + 1;
        i = start;
        let value: string | null = null;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (eof) throw new CsvFault('CSV_QUOTE_NOT_CLOSED', this.records, col);
            return -1;
          }
          if (q + 1 >= n && !eof) return -1; // is it "" or the closing quote? The next chunk says.
          if (text.charCodeAt(q + 1) === QUOTE) {
            if (k >= 0) value = (value ?? '') + text.slice(start, q + 1);
            blank = false; // the cell holds a quote character
            i = start = q + 2;
            continue;
          }
          if (k >= 0 && value !== null) values[k] = value + text.slice(start, q);
          else {
            if (k >= 0) { starts[k] = start; ends[k] = q; }
            if (blank) blank = blankRange(text, start, q);
          }
          i = q + 1;
          break;
        }
        col++;
        if (i >= n) {
          if (!eof) return -1;
          next = i;
          break;
        }
        if (text.charCodeAt(i) === this.delimCode) { i++; continue; }
        const e = this.eolAt(text, i, eof);
        if (e < 0) return -1;
        if (e > 0) { next = i + e; break; }
        throw new CsvFault('CSV_INVALID_CLOSING_QUOTE', this.records, col - 1);
      }
      let j = i;
      let e = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === this.delimCode) break;
        if (c === QUOTE) throw new CsvFault('INVALID_OPENING_QUOTE', this.records, col);
        if (c === LF || c === CR) {
          e = this.eolAt(text, j, eof);
          if (e < 0) return -1;
          if (e > 0) break;
        }
      }
      if (j >= n && !eof) return -1;
      if (k >= 0) { starts[k] = i; ends[k] = j; }
      if (blank) blank = blankRange(text, i, j);
      col++;
      if (j >= n) { next = j; break; }
      if (e > 0) { next = j + e; break; }
      i = j + 1; // past the delimiter
    }
    if (!blank && this.records > 0) {
      const at = out.open(this.records + 1);
      for (let k = 0; k < width; k++) {
        const value = values[k];
        if (value !== null) out.value(at + k, value);
        else if (ends[k] > starts[k]) out.set(at + k, starts[k], ends[k], text);
      }
    }
    return next;
  }
}

/**
 * The text as one flat string: a chunk joined to the last one's unfinished line
 * is a rope, which every charCodeAt would walk (a third of reading a national file).
 */
function flat(text: string): string {
  // A regular expression runs on flat strings only; this one (sticky) looks at one character.
  FLATTEN.lastIndex = 0;
  FLATTEN.test(text);
  return text;
}
const FLATTEN = /[^]/y;
