// A CSV file's bytes as text cut at line ends. The splitter used to get each
// 1 MB chunk's text joined to the last chunk's unfinished line: a rope V8 had to
// flatten (a copy of every chunk, ~10% of a national directory import) before
// reading it. Holding the unfinished line back as bytes and decoding it with the
// next chunk's gives one flat string per chunk instead; a chunk of ASCII bytes
// (a directory, most users files) is copied as Latin-1, which is the same text
// for those bytes and cheaper than UTF-8 decoding.
import { isAscii } from 'node:buffer';
import type { CsvEncoding } from './csv-read';

const LF = 10;
/** Bytes held back waiting for a line end before they are decoded anyway (a file of CR-only line ends). */
const HOLD_LIMIT = 4 * 1024 * 1024;

export class LineDecoder {
  private readonly decoder: TextDecoder;
  private held: Uint8Array | null = null;
  /** The decoder holds no part of a character: bytes may bypass it. */
  private clean = true;
  /** The decoder has put out text, so it has dealt with a leading BOM (stripped in UTF-8, as it always was). */
  private started = false;

  constructor(private readonly encoding: CsvEncoding) {
    this.decoder = new TextDecoder(encoding);
  }

  /** The text of the lines these bytes complete, with any earlier bytes held back; '' when none. */
  push(bytes: Uint8Array): string {
    const lf = bytes.lastIndexOf(LF);
    if (lf < 0) {
      this.held = this.held ? Buffer.concat([this.held, bytes]) : bytes;
      if (this.held.length <= HOLD_LIMIT) return '';
      const all = this.held;
      this.held = null;
      return this.decode(all);
    }
    const head = bytes.subarray(0, lf + 1);
    const piece = this.held ? Buffer.concat([this.held, head]) : head;
    this.held = lf + 1 < bytes.length ? bytes.subarray(lf + 1) : null;
    return this.decode(piece);
  }

  /** The rest of the text, at the end of the file. */
  end(): string {
    const rest = this.held ? this.decode(this.held) : '';
    this.held = null;
    // Flushed with no bytes, as the reader always did: Node's one-shot decode of
    // Windows-1252 bytes reads them as Latin-1 (0x80 is not €), its streaming decode does not.
    return rest + this.decoder.decode();
  }

  private decode(piece: Uint8Array): string {
    if (piece.length === 0) return '';
    let text: string;
    if (this.clean && this.started && isAscii(piece)) text = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('latin1');
    else {
      text = this.decoder.decode(piece, { stream: true });
      if (text) this.started = true;
    }
    // A UTF-8 character ends before an ASCII byte; Windows-1252 has no multi-byte characters.
    this.clean = this.encoding !== 'utf-8' || piece[piece.length - 1] < 0x80;
    return text;
  }
}
