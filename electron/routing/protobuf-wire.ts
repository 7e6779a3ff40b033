// The protobuf wire format, just enough for OSM PBF (fileformat.proto and
// osmformat.proto), read with a bounds check at every step: a damaged block
// throws a ProtobufError, never reads past its bytes and never allocates more
// than its own length. Integers above 2^32 are read as doubles (exact to 2^53,
// beyond every OSM id and coordinate).

export class ProtobufError extends Error {}

export class WireReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError('message ends inside a number');
      const byte = this.buf[this.pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new ProtobufError('number longer than 10 bytes');
  }

  /** sint64/sint32 (zigzag). */
  svarint(): number {
    const n = this.varint();
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  }

  /** int64/int32 written as a plain varint: negatives take ten bytes as two's complement. */
  ivarint(): number {
    const n = this.varint();
    return n >= 2 ** 63 ? n - 2 ** 64 : n;
  }

  /** A length-delimited field's bounds [start, end). */
  span(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    if (length > this.end - start) throw new ProtobufError('field longer than its message');
    this.pos = start + length;
    return [start, start + length];
  }

  bytes(): Uint8Array {
    const [start, end] = this.span();
    return this.buf.subarray(start, end);
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }

  /** The next field's number and wire type, or null at the end. */
  tag(): { field: number; wire: number } | null {
    if (this.done) return null;
    const tag = this.varint();
    const field = Math.floor(tag / 8);
    if (field === 0) throw new ProtobufError('field number 0');
    return { field, wire: tag % 8 };
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.span();
    else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (this.end - this.pos < size) throw new ProtobufError('message ends inside a fixed-size field');
      this.pos += size;
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
  }

  /** A sub-message's reader. */
  message(): WireReader {
    const [start, end] = this.span();
    return new WireReader(this.buf, start, end);
  }

  /** A packed repeated integer field (or one unpacked element), appended to out. */
  packed(wire: number, read: (r: WireReader) => number, out: number[]): void {
    if (wire === 0) {
      out.push(read(this));
      return;
    }
    if (wire !== 2) throw new ProtobufError(`wire type ${wire} where integers were expected`);
    const inner = this.message();
    while (!inner.done) out.push(read(inner));
  }
}

export const readVarint = (r: WireReader): number => r.varint();
export const readSvarint = (r: WireReader): number => r.svarint();
