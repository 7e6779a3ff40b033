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
});
