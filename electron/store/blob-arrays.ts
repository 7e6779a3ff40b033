// Typed arrays stored as blobs (the map's geometry cache, the postcode index)
// come back as Buffers whose bytes may start at any offset, where no
// Float64Array or Uint32Array can view them: they are copied into fresh ones.

interface ArrayType<A> {
  new (length: number): A;
  new (buffer: ArrayBufferLike): A;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * One typed array holding the blobs' bytes back to back; null when they do not make whole elements.
 * `shared`: on a SharedArrayBuffer, for arrays a worker thread reads without a copy (a road graph's).
 */
export function arrayFromBlobs<A extends { readonly buffer: ArrayBufferLike }>(Type: ArrayType<A>, blobs: readonly Uint8Array[], shared = false): A | null {
  const bytes = blobs.reduce((n, b) => n + b.byteLength, 0);
  if (bytes % Type.BYTES_PER_ELEMENT) return null;
  const array = shared ? new Type(new SharedArrayBuffer(bytes)) : new Type(bytes / Type.BYTES_PER_ELEMENT);
  const target = new Uint8Array(array.buffer);
  let at = 0;
  for (const b of blobs) {
    target.set(b, at);
    at += b.byteLength;
  }
  return array;
}

/**
 * Well under the 512 MiB one value can take through better-sqlite3 (and SQLite's default 1e9 bytes), and small
 * enough that the two copies SQLite makes of each bound chunk (the binding, then the record) come from glibc's
 * heap, used again chunk after chunk. 64 MiB chunks were mmapped afresh for each copy: ~100k page faults (~0.3 s
 * of CPU) in a national boundary import, measured; 16 MiB still was, 8 MiB is not. Readers take chunks of any size.
 */
export const BLOB_CHUNK_BYTES = 8 << 20;

/**
 * A typed array's bytes as the chunks of rows to store them in, without copying. An empty array
 * still gives its one (empty) chunk, so a complete entry can be told from a partial one.
 */
export function blobChunks(array: ArrayBufferView, chunkBytes = BLOB_CHUNK_BYTES): Buffer[] {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  const chunks: Buffer[] = [];
  for (let at = 0; chunks.length === 0 || at < bytes.length; at += chunkBytes) chunks.push(bytes.subarray(at, at + chunkBytes));
  return chunks;
}
