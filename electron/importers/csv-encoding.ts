// Encoding detection over a whole file read a piece at a time, for a file that
// is streamed rather than held whole (a users extract: personal data, read once
// and never kept) but should be judged on every byte as a file read whole is
// (csv-read.ts detectEncoding). Node's isUtf8 checks a megabyte in well under a
// millisecond, where a fatal TextDecoder decoding it took ~3 ms.
import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import type { CsvEncoding } from './csv-read';

const PIECE = 1024 * 1024;

/** How many bytes the UTF-8 sequence led by byte b takes (1 for ASCII and for bytes no sequence starts with). */
function sequenceLength(b: number): number {
  if (b >= 0xf0 && b <= 0xf7) return 4;
  if (b >= 0xe0) return b <= 0xef ? 3 : 1;
  if (b >= 0xc0) return 2;
  return 1;
}

/**
 * Where the last complete UTF-8 sequence of bytes[0, n) ends: a sequence cut at
 * the piece's end is checked with the next piece.
 */
function completeEnd(bytes: Uint8Array, n: number): number {
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: the sequence started earlier
    return i + sequenceLength(b) > n ? i : n;
  }
  return n;
}

/**
 * detectEncoding's answer for the whole open file: UTF-8 (a BOM or not) when
 * every byte is, as TextDecoder({ fatal: true }).decode(bytes, { stream: true })
 * accepts them (a sequence cut at the file's end included); else Windows-1252.
 * Read by position from the start through the handle the file is then parsed
 * through, so a file put in its place meanwhile is neither judged nor parsed.
 */
export async function detectFileEncoding(handle: FileHandle): Promise<{ encoding: CsvEncoding; bom: boolean }> {
  // Room for a cut sequence (≤ 3 bytes) carried in front of the next piece.
  const buffer = new Uint8Array(PIECE + 4);
  let held = 0;
  let first = true;
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, held, PIECE, position);
    position += bytesRead;
    const n = held + bytesRead;
    if (first) {
      first = false;
      if (n >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { encoding: 'utf-8', bom: true };
    }
    if (bytesRead === 0) {
      // The file ends inside a sequence: accepted if it is the start of a valid one, as a streaming decode does.
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, held), { stream: true });
        return { encoding: 'utf-8', bom: false };
      } catch {
        return { encoding: 'windows-1252', bom: false };
      }
    }
    const end = completeEnd(buffer, n);
    if (!isUtf8(buffer.subarray(0, end))) return { encoding: 'windows-1252', bom: false };
    buffer.copyWithin(0, end, n);
    held = n - end;
  }
}
