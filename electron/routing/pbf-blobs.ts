// The .osm.pbf file framing, read by hand so a damaged or hostile file can only
// ever produce one clear error: [4-byte length][BlobHeader][Blob], repeated.
// Limits are the format's own (wiki "PBF Format"): a BlobHeader under 64 KiB,
// a Blob under 32 MiB and at most 32 MiB once inflated, so a zlib bomb stops
// at 32 MiB instead of filling memory.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { ProtobufError, WireReader } from './protobuf-wire';

export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/** Bytes by position: a file read piece by piece (a country extract is gigabytes) or bytes in memory. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

export function memorySource(data: Uint8Array): ByteSource {
  return { size: data.length, read: async (offset, length) => data.subarray(offset, offset + length), close: async () => {} };
}

/** A fault in the file's bytes; the reader adds the file name. */
export class PbfFormatError extends Error {}

export interface PbfBlock {
  type: string;
  /** The block's inflated bytes (at most MAX_BLOB_BYTES). */
  data: Uint8Array;
  /** Byte offset of the block's length prefix, for error messages. */
  offset: number;
}

interface BlobHeader { type: string; datasize: number }
interface Blob { raw: Uint8Array | null; rawSize: number; zlib: Uint8Array | null; other: boolean }

function decodeHeader(bytes: Uint8Array): BlobHeader {
  const r = new WireReader(bytes);
  const h: Partial<BlobHeader> = {};
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1 && t.wire === 2) h.type = r.string();
    else if (t.field === 3 && t.wire === 0) h.datasize = r.ivarint();
    else r.skip(t.wire);
  }
  if (h.type === undefined || h.datasize === undefined) throw new ProtobufError('block header lacks its type or size');
  return h as BlobHeader;
}

function decodeBlob(bytes: Uint8Array): Blob {
  const r = new WireReader(bytes);
  const b: Blob = { raw: null, rawSize: 0, zlib: null, other: false };
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1 && t.wire === 2) b.raw = r.bytes();
    else if (t.field === 2 && t.wire === 0) b.rawSize = r.ivarint();
    else if (t.field === 3 && t.wire === 2) b.zlib = r.bytes();
    else if (t.field >= 4 && t.field <= 7) { b.other = true; r.skip(t.wire); }
    else r.skip(t.wire);
  }
  return b;
}

function inflated(blob: Blob, at: string): Uint8Array {
  if (blob.raw) {
    if (blob.raw.length > MAX_BLOB_BYTES) throw new PbfFormatError(`${at}: larger than 32 MiB`);
    return blob.raw;
  }
  if (!blob.zlib) {
    throw new PbfFormatError(`${at}: ${blob.other ? 'compressed with LZMA, bzip2, LZ4 or Zstandard; only zlib is supported (osmium cat can convert it)' : 'holds no data'}`);
  }
  // raw_size is the writer's promise; it may not exceed the format's 32 MiB, and
  // inflation stops there even if the data lies about it.
  const declared = blob.rawSize;
  if (declared > MAX_BLOB_BYTES) throw new PbfFormatError(`${at}: declares ${declared} bytes uncompressed, over the format's 32 MiB limit`);
  let out: Buffer;
  try {
    out = inflateSync(blob.zlib, { maxOutputLength: declared > 0 ? declared : MAX_BLOB_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new PbfFormatError(`${at}: inflates to more than ${declared > 0 ? `its declared ${declared} bytes` : "the format's 32 MiB limit"}`);
    throw new PbfFormatError(`${at}: its compressed data is damaged (${(error as Error).message})`);
  }
  if (declared > 0 && out.length !== declared) throw new PbfFormatError(`${at}: inflates to ${out.length} bytes, not the declared ${declared}`);
  return out;
}

/** Every block of the file in order; throws PbfFormatError at the first fault in the framing. */
export async function* pbfBlocks(source: ByteSource): AsyncGenerator<PbfBlock> {
  let offset = 0;
  let index = 0;
  while (offset < source.size) {
    index++;
    const at = `block ${index} (byte ${offset})`;
    const prefix = await source.read(offset, 4);
    if (prefix.length < 4) throw new PbfFormatError(`${at}: file ends inside a block length (truncated?)`);
    const headerLength = new DataView(prefix.buffer, prefix.byteOffset, 4).getUint32(0, false);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw new PbfFormatError(`${at}: header length ${headerLength} is outside 1..65536 bytes (not an OSM PBF file?)`);
    const headerBytes = await source.read(offset + 4, headerLength);
    if (headerBytes.length < headerLength) throw new PbfFormatError(`${at}: file ends inside a block header (truncated?)`);
    let header: BlobHeader;
    try {
      header = decodeHeader(headerBytes);
    } catch (error) {
      throw new PbfFormatError(`${at}: header is not valid (${(error as Error).message})`);
    }
    const size = header.datasize;
    if (!(size > 0 && size <= MAX_BLOB_BYTES)) throw new PbfFormatError(`${at}: size ${size} is outside 1..32 MiB`);
    const blobBytes = await source.read(offset + 4 + headerLength, size);
    if (blobBytes.length < size) throw new PbfFormatError(`${at}: file ends inside a block (truncated?)`);
    let blob: Blob;
    try {
      blob = decodeBlob(blobBytes);
    } catch (error) {
      throw new PbfFormatError(`${at}: not valid (${(error as Error).message})`);
    }
    yield { type: header.type, data: inflated(blob, at), offset };
    offset += 4 + headerLength + size;
  }
}
