// Blobs back from SQLite may start at any byte offset: arrayFromBlobs copies
// them into a fresh typed array, joined in order, and refuses a length that is
// not whole elements.
import { describe, expect, it } from 'vitest';
import { arrayFromBlobs } from '../../electron/store/blob-arrays';

describe('arrayFromBlobs', () => {
  it('joins blobs that start at odd offsets into one array of their values', () => {
    const values = Float64Array.from([1.5, -2, 1e300, Math.PI]);
    const bytes = new Uint8Array(values.buffer);
    // Each blob a view 3 bytes into a larger buffer, which no Float64Array could view in place.
    const blob = (from: number, to: number) => {
      const host = new Uint8Array(3 + to - from);
      host.set(bytes.subarray(from, to), 3);
      return host.subarray(3);
    };
    expect(Array.from(arrayFromBlobs(Float64Array, [blob(0, 8), blob(8, 20), blob(20, 32)])!)).toEqual([1.5, -2, 1e300, Math.PI]);
    expect(Array.from(arrayFromBlobs(Uint32Array, [Uint8Array.from([1, 0, 0, 0, 0, 1, 0, 0])])!)).toEqual([1, 256]);
    expect(arrayFromBlobs(Int32Array, [])).toEqual(new Int32Array(0));
  });

  it('answers null for bytes that are not whole elements', () => {
    expect(arrayFromBlobs(Float64Array, [new Uint8Array(12)])).toBeNull();
  });
});
