// Buffered synchronous text output: a national CSV is millions of short lines;
// one write call per line, or millions of pending strings, would cost more
// than generating them (the strings' garbage collection did: 2 of 3 s).
import { closeSync, openSync, writeSync } from 'node:fs';

const SIZE = 4 << 20;

export class TextWriter {
  private fd: number;
  private buf = Buffer.allocUnsafe(SIZE);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** ASCII text only (every generated file is). */
  write(text: string): void {
    if (this.used + text.length > SIZE) this.flush();
    if (text.length > SIZE) writeSync(this.fd, text);
    else this.used += this.buf.write(text, this.used, 'latin1');
  }

  flush(): void {
    if (this.used) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
