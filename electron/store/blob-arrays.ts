// Typed arrays stored as blobs (the map's geometry cache, the postcode index)
// come back as Buffers whose bytes may start at any offset, where no
// Float64Array or Uint32Array can view them: they are copied into fresh ones.

interface ArrayType<A> {
  new (length: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

/** One typed array holding the blobs' bytes back to back; null when they do not make whole elements. */
export function arrayFromBlobs<A extends { readonly buffer: ArrayBufferLike }>(Type: ArrayType<A>, blobs: readonly Uint8Array[]): A | null {
  const bytes = blobs.reduce((n, b) => n + b.byteLength, 0);
  if (bytes % Type.BYTES_PER_ELEMENT) return null;
  const array = new Type(bytes / Type.BYTES_PER_ELEMENT);
  const target = new Uint8Array(array.buffer);
  let at = 0;
  for (const b of blobs) {
    target.set(b, at);
    at += b.byteLength;
  }
  return array;
}
