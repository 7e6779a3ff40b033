// The renderer's side of sending a file in chunks: base64 of each chunk and
// the "120 of 950 MB" the dialog shows.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatSent, toBase64 } from '../../renderer/src/import/files';

describe('sending a file from the renderer', () => {
  it('encodes a chunk exactly as Node does, across the slices it is built from', () => {
    for (const n of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_003]) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('says how much has been sent in the unit the total reads best in', () => {
    const MB = 1024 * 1024;
    expect(formatSent(120 * MB, 950 * MB)).toBe('120 of 950 MB');
    // Rounded down while sending, so the two only agree once all has gone.
    expect(formatSent(949.9 * MB, 950 * MB)).toBe('949 of 950 MB');
    expect(formatSent(950 * MB, 950 * MB)).toBe('950 of 950 MB');
    expect(formatSent(8 * MB, 9.2 * MB)).toBe('8.0 of 9.2 MB');
    expect(formatSent(0, 9.2 * MB)).toBe('0.0 of 9.2 MB');
    expect(formatSent(1024, 300 * 1024)).toBe('1 of 300 KB');
    expect(formatSent(0, 500)).toBe('0 of 500 bytes');
  });
});
