// The binary answer frame: typed arrays come back equal and in place, and a
// damaged frame is refused rather than read past its end.
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, holdsTypedArray } from '../../shared/contract/binary-frame';

const copy = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

describe('binary answer frame', () => {
  it('round-trips nested typed arrays beside ordinary JSON', () => {
    const value = {
      level: 'OA',
      codes: ['E00000001', 'É2'],
      positions: new Float64Array([-0.5, 52.6, -0.49, 52.61, 1e-300, -1 / 3]),
      nested: { starts: new Uint32Array([0, 3, 4_000_000_000]), odd: new Uint8Array([1, 2, 3]) },
      bbox: null,
    };
    expect(holdsTypedArray(value)).toBe(true);
    expect(holdsTypedArray({ a: [1, 2], b: { c: 'x' } })).toBe(false);
    const back = decodeFrame(copy(encodeFrame(value))) as typeof value;
    expect(back.positions).toBeInstanceOf(Float64Array);
    expect([...back.positions]).toEqual([...value.positions]);
    expect([...back.nested.starts]).toEqual([0, 3, 4_000_000_000]);
    expect([...back.nested.odd]).toEqual([1, 2, 3]);
    expect(back.codes).toEqual(['E00000001', 'É2']);
    expect(back.bbox).toBeNull();
    // Each array views the frame at an 8-byte boundary (a Float64Array cannot view an unaligned offset).
    expect(back.positions.byteOffset % 8).toBe(0);
  });

  it('refuses frames that are not one, or whose arrays run past the end', () => {
    expect(() => decodeFrame(copy(new TextEncoder().encode('{"a":1}')))).toThrow(/not a binary answer frame/);
    const frame = encodeFrame({ p: new Float64Array(16) });
    expect(() => decodeFrame(copy(frame.subarray(0, frame.length - 8)))).toThrow(/runs past the end/);
    const header = new DataView(frame.buffer, frame.byteOffset);
    header.setUint32(4, 1 << 30, true);
    expect(() => decodeFrame(copy(frame))).toThrow(/header runs past the end/);
  });

  it('carries a long array of strings as one string and its ends, back as the same strings', () => {
    // Astral characters (two UTF-16 units), a lone surrogate, empty strings, commas and quotes.
    const odd = ['', 'Ynys Môn', '🗺️ map', '\ud800', 'a,b', '"q"', '東京', ''];
    const codes = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? odd[(i / 10) % odd.length] : `E${String(i).padStart(8, '0')}`));
    const value = { codes, short: ['a', 'b'], mixed: [...codes.slice(0, 300), 7] };
    const frame = encodeFrame({ ...value, pad: new Uint8Array(1) });
    const header = new TextDecoder().decode(frame.subarray(8, 8 + new DataView(frame.buffer, frame.byteOffset).getUint32(4, true)));
    expect(header).toContain('"$strings"');
    expect(header).toContain('"short":["a","b"]');
    const back = decodeFrame(copy(frame)) as typeof value;
    expect(back.codes).toEqual(codes);
    expect(back.short).toEqual(['a', 'b']);
    expect(back.mixed).toEqual(value.mixed);
  });

  it('refuses a string array whose ends run past its text or backwards', () => {
    const strings = Array.from({ length: 300 }, (_, i) => `s${i}`);
    const frame = encodeFrame({ strings });
    const header = new TextDecoder().decode(frame.subarray(8, 8 + new DataView(frame.buffer, frame.byteOffset).getUint32(4, true)));
    const start = (8 + header.length + 7) & ~7;
    const ends = new Uint32Array(frame.buffer, frame.byteOffset + start, 300);
    ends[299] += 5;
    expect(() => decodeFrame(copy(frame))).toThrow(/bad string array/);
    ends[299] -= 5;
    ends[10] = 0;
    expect(() => decodeFrame(copy(frame))).toThrow(/bad string array/);
  });
});
