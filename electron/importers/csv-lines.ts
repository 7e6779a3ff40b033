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
  /**
   * The bytes held back, then the next chunk's lines copied after them: one buffer
   * for the whole file. A new buffer a chunk (1 GB of them for a national file)
   * made V8 collect its whole heap every ~100 ms for the external memory.
   */
  private scratch = new Uint8Array(0);
  private held = 0;
  /** The decoder holds no part of a character: bytes may bypass it. */
  private clean = true;
  /** The decoder has put out text, so it has dealt with a leading BOM (stripped in UTF-8, as it always was). */
  private started = false;

  constructor(private readonly encoding: CsvEncoding) {
    this.decoder = new TextDecoder(encoding);
  }

  /**
   * The text of the lines these bytes complete, with any earlier bytes held back;
   * '' when none. The bytes are not kept: the caller may reuse them.
   */
  push(bytes: Uint8Array): string {
    const lf = bytes.lastIndexOf(LF);
    if (lf < 0) {
      this.append(bytes);
      if (this.held <= HOLD_LIMIT) return '';
      const text = this.decode(this.scratch.subarray(0, this.held));
      this.held = 0;
      return text;
    }
    let text: string;
    if (this.held === 0) text = this.decode(bytes.subarray(0, lf + 1));
    else {
      this.append(bytes.subarray(0, lf + 1));
      text = this.decode(this.scratch.subarray(0, this.held));
      this.held = 0;
    }
    this.append(bytes.subarray(lf + 1));
    return text;
  }

  /** The rest of the text, at the end of the file. */
  end(): string {
    const rest = this.held ? this.decode(this.scratch.subarray(0, this.held)) : '';
    this.held = 0;
    // Flushed with no bytes, as the reader always did: Node's one-shot decode of
    // Windows-1252 bytes reads them as Latin-1 (0x80 is not €), its streaming decode does not.
    return rest + this.decoder.decode();
  }

  private append(bytes: Uint8Array): void {
    const need = this.held + bytes.length;
    if (need > this.scratch.length) {
      const grown = new Uint8Array(Math.max(need, this.scratch.length * 2, 64 * 1024));
      grown.set(this.scratch.subarray(0, this.held));
      this.scratch = grown;
    }
    this.scratch.set(bytes, this.held);
    this.held = need;
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
