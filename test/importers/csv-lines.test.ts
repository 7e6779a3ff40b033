// The CSV reader decodes a file's bytes a line-cut piece at a time (csv-lines.ts):
// the bytes after the last line end wait for the next chunk, and ASCII pieces are
// copied as Latin-1 instead of decoded. Whatever the chunking, the text must be
// exactly what one TextDecoder reading the whole file gives (the reader before):
// a leading UTF-8 BOM stripped, a later one kept, a character cut between chunks
// joined, invalid bytes as U+FFFD, Windows-1252's own characters.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineDecoder } from '../../electron/importers/csv-lines';
import { type CsvEncoding, type CsvFile, openCsv } from '../../electron/importers/csv-read';
import { mulberry32 as random } from '../support/random';

function pieces(bytes: Uint8Array, encoding: CsvEncoding, cuts: number[]): string[] {
  const decoder = new LineDecoder(encoding);
  const out: string[] = [];
  let from = 0;
  // One buffer refilled for each chunk, as the reader reads a file: the decoder must keep no view of it.
  const buffer = new Uint8Array(bytes.length);
  for (const cut of [...cuts, bytes.length]) {
    buffer.set(bytes.subarray(from, cut));
    out.push(decoder.push(buffer.subarray(0, cut - from)));
    buffer.fill(0x3f);
    from = cut;
  }
  out.push(decoder.end());
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The reader before: one streaming decoder over every byte, then flushed. */
function whole(bytes: Uint8Array, encoding: CsvEncoding): string {
  const decoder = new TextDecoder(encoding);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

describe('line-cut decoding', () => {
  it('gives what one decoder gives for the whole file, however the bytes are cut', () => {
    const next = random(7);
    // ASCII lines, lines with é and € and 𝄞 (2-4 byte characters), invalid bytes, a BOM mid-file, CR LF.
    const parts = ['pcd,lat,long\n', 'AB1 0AA,57.1,-2.1\r\n', 'Café,1,2\n', '€uro,3,4\n', '𝄞,5,6\n', '\uFEFFmid,7,8\n', 'a,b,c'];
    for (let trial = 0; trial < 300; trial++) {
      const chunks: Uint8Array[] = [];
      if (trial % 3 === 0) chunks.push(new Uint8Array([0xef, 0xbb, 0xbf])); // a leading BOM
      for (let i = 0; i < 12; i++) chunks.push(utf8(parts[Math.floor(next() * parts.length)]));
      if (trial % 5 === 0) chunks.push(new Uint8Array([0x41, 0xe2, 0x82, 0x0a, 0xff, 0x0a, 0xc3])); // cut and invalid sequences
      const bytes = Buffer.concat(chunks);
      const cuts = [...new Set(Array.from({ length: 1 + Math.floor(next() * 8) }, () => Math.floor(next() * bytes.length)))].sort((a, b) => a - b);
      const out = pieces(bytes, 'utf-8', cuts);
      expect(out.join(''), `trial ${trial}, cuts ${cuts}`).toBe(whole(bytes, 'utf-8'));
      // Every piece but the last ends a line: no unfinished line is joined to the next chunk's text.
      for (const piece of out.slice(0, -1)) if (piece) expect(piece.endsWith('\n')).toBe(true);
    }
  });

  it('keeps a BOM that follows ASCII lines (only the file\'s first character is stripped)', () => {
    const bytes = Buffer.concat([utf8('a,b\n'), utf8('\uFEFFc,d\n')]);
    expect(pieces(bytes, 'utf-8', [4]).join('')).toBe('a,b\n\uFEFFc,d\n');
    expect(pieces(Buffer.concat([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf]), utf8('x\n')]), 'utf-8', [2]).join('')).toBe('x\n');
  });

  it('reads Windows-1252 bytes as that code page, not Latin-1', () => {
    // 0x80 is € and 0x93/0x94 are curly quotes in Windows-1252 (control characters in Latin-1).
    const bytes = Buffer.concat([utf8('name\n'), new Uint8Array([0x80, 0x93, 0x41, 0x94, 0x0a, 0xe9, 0x0a])]);
    const text = pieces(bytes, 'windows-1252', [3, 6, 8]).join('');
    expect(text).toBe('name\n€“A”\né\n');
    expect(text).toBe(whole(bytes, 'windows-1252'));
    // The last line's bytes arrive with no line end after them and are decoded at the end.
    expect(pieces(new Uint8Array([0x41, 0x0a, 0x80, 0x93]), 'windows-1252', [1, 3]).join('')).toBe('A\n€“');
  });

  it('decodes a file with no line feed (CR line ends) once more than 4 MiB is held back', () => {
    const line = utf8('AB1 0AA,57.1,-2.1\r');
    const bytes = Buffer.concat(Array.from({ length: 300_000 }, () => line)); // 5.4 MB
    const decoder = new LineDecoder('utf-8');
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i += 1 << 20) out.push(decoder.push(bytes.subarray(i, i + (1 << 20))));
    out.push(decoder.end());
    // Held back until past the limit, then decoded: memory stays bounded, the text is whole.
    expect(out.slice(0, 4).every((s) => s === '')).toBe(true);
    expect(out[4].length).toBeGreaterThan(4 * 1024 * 1024);
    expect(out.join('')).toBe(whole(bytes, 'utf-8'));
  });
});

/** Every record's row and cells, hashed (a file of millions of rows is not kept as arrays). */
async function digest(csv: CsvFile): Promise<{ rows: number; hash: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const batch of csv.batches()) {
    for (const r of batch) hash.update(`${r.row}\u0000${r.values.join('\u0001')}\n`);
    rows += batch.length;
  }
  return { rows, hash: hash.digest('hex') };
}

describe('a file past the whole-file limit (64 MB), read from disk a chunk at a time', () => {
  it('gives the same records as the same bytes read whole', async () => {
    // ~68 MB: quoted cells with commas and line breaks, 2- and 3-byte characters, CR LF, all cut at
    // arbitrary 1 MB read boundaries and 64 KB pieces; the in-memory input is read whole (one buffer).
    const lines = ['id,name,note,amount'];
    for (let i = 0; i < 1_700_000; i++) {
      lines.push(i % 1000 === 7 ? `${i},"Café, ${i}","two\r\nlines",€${i}` : `${i},Caf\u00e9 ${i % 97},plain ${i},${i}.5`);
    }
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
    lines.length = 0;
    expect(bytes.length).toBeGreaterThan(64 * 1024 * 1024);
    const dir = mkdtempSync(join(tmpdir(), 'cgm-csv-stream-'));
    try {
      const path = join(dir, 'big.csv');
      writeFileSync(path, bytes);
      const streamed = await digest(await openCsv(path));
      const whole = await digest(await openCsv({ name: 'big.csv', data: bytes }));
      expect(streamed.rows).toBe(1_700_000);
      expect(streamed).toEqual(whole);
      // Left after the first piece (an importer's error): the read ahead is waited for and the file closed.
      let first = 0;
      for await (const batch of (await openCsv(path)).batches()) { first = batch[0].row; break; }
      expect(first).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
