// A users file is streamed, never held whole (issue 18: it is personal data), yet
// its encoding must still be judged on every byte as a file read whole is: the
// piecewise check (csv-encoding.ts) must answer what detectEncoding answers for
// the whole file, also when a character is cut at a 1 MB piece's edge.
import { readdirSync, readlinkSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
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

/** detectFileEncoding through a handle on a file of these bytes. */
async function judged(bytes: Uint8Array) {
  const handle = await open(file(bytes), 'r');
  try {
    return await detectFileEncoding(handle);
  } finally {
    await handle.close();
  }
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
    expect(await judged(bytes)).toEqual(detectEncoding(bytes));
  });

  it('tells UTF-8 and Windows-1252 apart where a 1 MB sample could not', async () => {
    const bytes = withBytesAt(2 * MB, MB + 1000, [0xe9]);
    expect(detectEncoding(bytes.subarray(0, MB)).encoding).toBe('utf-8');
    expect((await judged(bytes)).encoding).toBe('windows-1252');
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

describe('openCsv with stream: the bytes judged are the bytes parsed', () => {
  // A users file judged UTF-8, then another file (Windows-1252) put in its place before the rows are read:
  // read by path a second time, the other file's "é" (0xE9) was decoded as UTF-8, a U+FFFD.
  const utf8 = () => Buffer.from('pc,name\nLE15 6NT,caf\u00e9\n', 'utf8');
  const other = () => Buffer.from('pc,name\nLE15 6NU,na\u00efve\n', 'latin1');
  const rows = async (csv: Awaited<ReturnType<typeof openCsv>>) => {
    const out: string[] = [];
    for await (const r of csv.records()) out.push(r.values.join('|'));
    return out;
  };

  it('reads the file it judged when another is renamed over it', async () => {
    const path = file(utf8());
    const csv = await openCsv(path, { stream: true });
    expect(csv.encoding).toBe('utf-8');
    const replacement = file(other());
    renameSync(replacement, path);
    expect(await rows(csv)).toEqual(['LE15 6NT|caf\u00e9']);
    // The next open judges and reads the new file, in its own encoding.
    const again = await openCsv(path, { stream: true });
    expect(again.encoding).toBe('windows-1252');
    expect(await rows(again)).toEqual(['LE15 6NU|na\u00efve']);
  });

  it('refuses a file written over in place between judging and parsing', async () => {
    const path = file(utf8());
    utimesSync(path, new Date(2020, 0, 1), new Date(2020, 0, 1)); // a modification time the rewrite cannot share
    const csv = await openCsv(path, { stream: true });
    writeFileSync(path, other());
    await expect(rows(csv)).rejects.toThrow(/f\d+\.csv: the file changed while it was being read; import it again/);
  });

  it('holds the file open until it is read or closed', async () => {
    const path = file(utf8());
    // This process's descriptors on the file (Linux, where the project is built and tested).
    const held = () => readdirSync('/proc/self/fd').filter((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`) === path; } catch { return false; } }).length;
    const read = await openCsv(path, { stream: true });
    expect(held()).toBe(1);
    await rows(read);
    expect(held()).toBe(0);
    // A caller that stops before the rows (a column it needs is missing) closes it.
    const unread = await openCsv(path, { stream: true });
    expect(held()).toBe(1);
    await unread.close();
    await unread.close();
    expect(held()).toBe(0);
  });
});
