// A chunk of CSV records as positions in text rather than strings: for the
// national imports (a 2.7M-row postcode directory, 1M service users), where an
// array and a dozen cell strings per row cost more in allocation and garbage
// collection than reading them (bench/README.md). Cells read as csv-read.ts's
// cell() reads them (trimmed, '' where the record is short); a quoted record is
// read by the splitter's exact path, in place too unless a cell's doubled quotes
// must be undone, when that cell is appended to the text.

/** Records of one chunk: record r's k-th requested column is text[start[r*width+k], end[r*width+k]). */
export class CellSpans {
  text = '';
  count = 0;
  /** Spreadsheet row of each record (header = row 1). */
  rows: Int32Array = new Int32Array(4096);
  start: Int32Array = new Int32Array(4096);
  end: Int32Array = new Int32Array(4096);
  readonly width: number;
  /** Column index -> slot k, -1 when not requested. */
  readonly slot: Int32Array;
  readonly lastColumn: number;
  /** From each column, how many columns in a row are not requested (0 where it is). */
  readonly unrequested: Int32Array;
  private extra: string[] = [];
  private extraLength = 0;

  constructor(readonly columns: readonly number[]) {
    this.width = columns.length;
    this.lastColumn = Math.max(-1, ...columns);
    this.slot = new Int32Array(this.lastColumn + 1).fill(-1);
    columns.forEach((c, k) => { this.slot[c] = k; });
    this.unrequested = new Int32Array(this.lastColumn + 2);
    for (let c = this.lastColumn; c >= 0; c--) this.unrequested[c] = this.slot[c] >= 0 ? 0 : this.unrequested[c + 1] + 1;
  }

  /** Starts a chunk whose quote-free records are spans of text. */
  begin(text: string): void {
    this.text = text;
    this.count = 0;
    this.extra = [];
    this.extraLength = 0;
  }

  /** A new record at this row, every cell empty; returns its first slot's index. */
  open(row: number): number {
    const r = this.count++;
    const need = this.count * this.width;
    if (this.count > this.rows.length) this.rows = grow(this.rows, this.count);
    if (need > this.start.length) { this.start = grow(this.start, need); this.end = grow(this.end, need); }
    this.rows[r] = row;
    const at = r * this.width;
    // A loop, not fill(): two builtin calls a record cost more than a dozen stores.
    const start = this.start;
    const end = this.end;
    for (let i = at; i < at + this.width; i++) { start[i] = 0; end[i] = 0; }
    return at;
  }

  /** Sets a slot to text[a, b), trimmed as String#trim trims. */
  set(at: number, a: number, b: number, text: string): void {
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    this.start[at] = a;
    this.end[at] = b;
  }

  /** A cell whose text is not in the chunk as it stands (quotes undone): it goes after the chunk's text. */
  value(at: number, value: string): void {
    const a = this.text.length + this.extraLength;
    this.extra.push(value);
    this.extraLength += value.length;
    this.set(at, 0, value.length, value);
    this.start[at] += a;
    this.end[at] += a;
  }

  /** Ends the chunk: the text now holds the parsed records' cells too. */
  finish(): void {
    if (this.extra.length) this.text += this.extra.join('');
    this.extra = [];
  }

  /** The cell as a string (what cell() returns for the record). */
  cell(r: number, k: number): string {
    const at = r * this.width + k;
    return this.text.slice(this.start[at], this.end[at]);
  }
}

function grow(a: Int32Array, need: number): Int32Array {
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** String#trim's white space and line terminators (ECMAScript WhiteSpace, LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A plain decimal ([-]digits[.digits], at most 15 significant digits) read from
 * text[a, b) exactly as Number() reads it (an integer below 2^53 divided by an
 * exact power of ten is correctly rounded); NaN for anything else, which the
 * caller reads the slow way.
 */
export function plainDecimalAt(text: string, a: number, b: number): number {
  let i = a;
  const negative = i < b && text.charCodeAt(i) === 45;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let scale = -1;
  const first = i;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); if (m > 0) digits++; if (scale >= 0) scale++; }
    else if (c === 46 && scale < 0) scale = 0;
    else return NaN;
  }
  if (i === first || digits > 15 || scale > 22 || (scale >= 0 && i === first + 1)) return NaN;
  const v = scale > 0 ? m / TEN[scale] : m;
  return negative ? -v : v;
}
