// A users file is streamed, never held whole (issue 18: it is personal data), yet
// its encoding must still be judged on every byte as a file read whole is: the
// piecewise check (csv-encoding.ts) must answer what detectEncoding answers for
// the whole file, also when a character is cut at a 1 MB piece's edge.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { detectFileEncoding } from '../../electron/importers/csv-encoding';
import { detectEncoding, openCsv } from '../../electron/importers/csv-read';
import * as importer from '../../electron/importers/importer';
import { tempDir } from './helpers';

vi.mock('../../electron/importers/importer', async (original) => {
  const actual = await original<typeof import('../../electron/importers/importer')>();
  return { ...actual, readInputBytes: vi.fn(actual.readInputBytes) };
});

const MB = 1024 * 1024;
const tmp = tempDir('cgm-encoding-');
afterAll(() => tmp.cleanup());

let n = 0;
function file(bytes: Uint8Array): string {
  const path = join(tmp.dir, `f${n++}.csv`);
  writeFileSync(path, bytes);
  return path;
}

/** ASCII CSV lines of `size` bytes with `bytes` written at `at`. */
function withBytesAt(size: number, at: number, bytes: number[]): Uint8Array {
  const out = new Uint8Array(size).fill(0x61);
  for (let i = 0; i < size; i += 64) out[i] = 0x0a;
  out.set(bytes, at);
  return out;
}

const EURO = [0xe2, 0x82, 0xac]; // "€" in UTF-8
const EMOJI = [0xf0, 0x9f, 0x98, 0x80]; // U+1F600 in UTF-8

describe('detectFileEncoding: the whole file, read a piece at a time', () => {
  const cases: [string, Uint8Array][] = [
    ['ASCII', withBytesAt(2 * MB + 5, 0, [])],
    ['a BOM', withBytesAt(3 * MB, 0, [0xef, 0xbb, 0xbf])],
    ['Windows-1252 "é" past the first megabyte', withBytesAt(2 * MB, MB + 1000, [0xe9])],
    ['Windows-1252 "£" in the last byte', withBytesAt(2 * MB, 2 * MB - 1, [0xa3])],
    ['a stray continuation byte at a piece edge', withBytesAt(2 * MB, MB, [0x80])],
    ['an overlong lead byte at a piece edge', withBytesAt(2 * MB, MB - 1, [0xc0, 0x80])],
    ['a file ending inside a valid sequence (accepted, as a streaming decode accepts it)', withBytesAt(MB + 2, MB, [0xe2, 0x82])],
    ['a file ending inside an invalid sequence', withBytesAt(MB + 2, MB, [0xe2, 0x41])],
    ['five continuation bytes', withBytesAt(2 * MB, MB - 2, [0xe2, 0x82, 0xac, 0x80, 0x80])],
  ];
  for (let cut = 1; cut <= 3; cut++) cases.push([`"€" cut ${cut} byte(s) before a piece edge`, withBytesAt(2 * MB, MB - cut, EURO)]);
  for (let cut = 1; cut <= 4; cut++) cases.push([`an emoji cut ${cut} byte(s) before a piece edge`, withBytesAt(2 * MB, MB - cut, EMOJI)]);
  for (let cut = 1; cut <= 3; cut++) cases.push([`a broken emoji cut ${cut} byte(s) before a piece edge`, withBytesAt(2 * MB, MB - cut, [0xf0, 0x9f, 0x98, 0x41])]);

  it.each(cases)('%s: as detectEncoding over the whole file', async (_name, bytes) => {
    expect(await detectFileEncoding(file(bytes))).toEqual(detectEncoding(bytes));
  });

  it('tells UTF-8 and Windows-1252 apart where a 1 MB sample could not', async () => {
    const bytes = withBytesAt(2 * MB, MB + 1000, [0xe9]);
    expect(detectEncoding(bytes.subarray(0, MB)).encoding).toBe('utf-8');
    expect((await detectFileEncoding(file(bytes))).encoding).toBe('windows-1252');
  });
});

describe('openCsv with stream', () => {
  it('never reads the file whole, and decodes it as a whole read does', async () => {
    // 1.1 MB of rows, then "café" in Windows-1252 past the first megabyte: judged on every byte.
    const rows = ['pc,name'];
    for (let size = 0; size < 1.1 * MB; size += 20) rows.push(`LE15 6NT,x${rows.length}`);
    const text = `${rows.join('\n')}\nLE15 6NU,caf\u00e9\n`;
    const path = file(Buffer.from(text, 'latin1'));
    const read = async (stream: boolean) => {
      const out: string[] = [];
      for await (const r of (await openCsv(path, { stream })).records()) out.push(r.values.join('|'));
      return out;
    };
    vi.mocked(importer.readInputBytes).mockClear();
    const streamed = await read(true);
    expect(importer.readInputBytes).not.toHaveBeenCalled();
    const whole = await read(false);
    expect(importer.readInputBytes).toHaveBeenCalledTimes(1);
    expect(streamed).toEqual(whole);
    expect(streamed.at(-1)).toBe('LE15 6NU|caf\u00e9');
  });
});
