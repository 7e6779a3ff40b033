// Writes .osm.pbf bytes by hand (protobuf wire format, fileformat.proto framing)
// so tests can build damaged and hostile files that no real writer makes.
import { deflateSync } from 'node:zlib';

export function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

const zigzag = (n: number) => (n < 0 ? -2 * n - 1 : 2 * n);
export const intField = (field: number, n: number) => Buffer.from([...varint(field * 8), ...varint(n)]);
export const sintField = (field: number, n: number) => intField(field, zigzag(n));
export const bytesField = (field: number, bytes: Uint8Array | string) => {
  const b = Buffer.from(bytes);
  return Buffer.concat([Buffer.from([...varint(field * 8 + 2), ...varint(b.length)]), b]);
};
export const packedField = (field: number, values: number[], signed = false) =>
  bytesField(field, Buffer.from(values.flatMap((v) => varint(signed ? zigzag(v) : v))));

/** One framed block: [length][BlobHeader][Blob] with the payload zlib-compressed (or given pre-compressed). */
export function block(type: string, payload: Uint8Array, opts: { zlib?: Uint8Array; rawSize?: number } = {}): Buffer {
  const zlib = opts.zlib ?? deflateSync(payload);
  const blob = Buffer.concat([intField(2, opts.rawSize ?? payload.length), bytesField(3, zlib)]);
  const header = Buffer.concat([bytesField(1, type), intField(3, blob.length)]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(header.length);
  return Buffer.concat([size, header, blob]);
}

export const osmHeader = () => block('OSMHeader', Buffer.concat([bytesField(4, 'OsmSchema-V0.6'), bytesField(4, 'DenseNodes')]));

/** An OSMData block of highway ways (tag highway=residential) over existing node ids. */
export function highwayBlock(ways: { id: number; refs: number[] }[]): Buffer {
  const strings = Buffer.concat([bytesField(1, ''), bytesField(1, 'highway'), bytesField(1, 'residential')]);
  const group = Buffer.concat(
    ways.map((w) => {
      const deltas = w.refs.map((r, i) => r - (i ? w.refs[i - 1] : 0));
      return bytesField(3, Buffer.concat([intField(1, w.id), packedField(2, [1]), packedField(3, [2]), packedField(8, deltas, true)]));
    }),
  );
  return block('OSMData', Buffer.concat([bytesField(1, strings), bytesField(2, group)]));
}
