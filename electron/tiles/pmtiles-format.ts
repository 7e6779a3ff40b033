// PMTiles v3 (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// the pure parts — header, varint directories, Hilbert tile ids. Written here
// rather than taken from the `pmtiles` package, which this project does not
// install; the format is small and these functions are all a reader needs.

export const PMTILES_HEADER_BYTES = 127;
/** The spec keeps header + root directory inside the first 16 KiB. */
export const PMTILES_ROOT_WINDOW = 16_384;

export const PMTILES_COMPRESSION = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 } as const;
export const PMTILES_TILE_TYPE = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 } as const;

export interface PmtilesHeader {
  specVersion: number;
  rootDirectoryOffset: number;
  rootDirectoryLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafDirectoryOffset: number;
  leafDirectoryLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [number, number, number];
}

export interface PmtilesEntry {
  tileId: number;
  offset: number;
  length: number;
  /** 0 means the entry points at a leaf directory, not a tile. */
  runLength: number;
}

/** u64 little-endian as a JS number; offsets in real archives stay far below 2^53. */
function u64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

/** Throws a message the caller prefixes with the file name. */
export function parsePmtilesHeader(bytes: Uint8Array): PmtilesHeader {
  if (bytes.length < PMTILES_HEADER_BYTES) throw new Error('it is too short to be a PMTiles archive');
  const magic = new TextDecoder().decode(bytes.subarray(0, 7));
  if (magic !== 'PMTiles') throw new Error('it is not a PMTiles archive (no "PMTiles" signature)');
  const specVersion = bytes[7];
  if (specVersion !== 3) throw new Error(`it is PMTiles version ${specVersion}; only version 3 is supported`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, PMTILES_HEADER_BYTES);
  const e7 = (at: number) => view.getInt32(at, true) / 1e7;
  return {
    specVersion,
    rootDirectoryOffset: u64(view, 8),
    rootDirectoryLength: u64(view, 16),
    metadataOffset: u64(view, 24),
    metadataLength: u64(view, 32),
    leafDirectoryOffset: u64(view, 40),
    leafDirectoryLength: u64(view, 48),
    tileDataOffset: u64(view, 56),
    tileDataLength: u64(view, 64),
    internalCompression: bytes[97],
    tileCompression: bytes[98],
    tileType: bytes[99],
    minZoom: bytes[100],
    maxZoom: bytes[101],
    bounds: [e7(102), e7(106), e7(110), e7(114)],
    center: [e7(119), e7(123), bytes[118]],
  };
}

/** Unsigned LEB128; multiplication instead of shifts so values above 2^31 stay exact. */
export function readVarint(bytes: Uint8Array, cursor: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= bytes.length) throw new Error('a directory ends in the middle of a number');
    const b = bytes[cursor.pos++];
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return value;
    scale *= 128;
  }
  throw new Error('a directory holds a number longer than 64 bits');
}

/** A decompressed directory: columns of tile-id deltas, run lengths, lengths, then offsets. */
export function parsePmtilesDirectory(bytes: Uint8Array): PmtilesEntry[] {
  const cursor = { pos: 0 };
  const count = readVarint(bytes, cursor);
  // Each entry takes at least four bytes, so a larger count is a corrupt file, not a big one.
  if (count > bytes.length) throw new Error('a directory claims more entries than it can hold');
  const entries: PmtilesEntry[] = [];
  let tileId = 0;
  for (let i = 0; i < count; i++) {
    tileId += readVarint(bytes, cursor);
    entries.push({ tileId, offset: 0, length: 0, runLength: 0 });
  }
  for (const e of entries) e.runLength = readVarint(bytes, cursor);
  for (const e of entries) e.length = readVarint(bytes, cursor);
  for (let i = 0; i < count; i++) {
    const v = readVarint(bytes, cursor);
    // 0 means "straight after the previous entry's bytes", which is how clustered archives stay small.
    entries[i].offset = v === 0 && i > 0 ? entries[i - 1].offset + entries[i - 1].length : v - 1;
  }
  return entries;
}

/** The entry holding `tileId`: an exact hit, a run that covers it, or the leaf directory before it. */
export function findPmtilesEntry(entries: PmtilesEntry[], tileId: number): PmtilesEntry | null {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = tileId - entries[mid].tileId;
    if (d > 0) lo = mid + 1;
    else if (d < 0) hi = mid - 1;
    else return entries[mid];
  }
  if (hi >= 0) {
    const e = entries[hi];
    if (e.runLength === 0 || tileId - e.tileId < e.runLength) return e;
  }
  return null;
}

/** Tiles of all lower zooms first, then the Hilbert-curve position within zoom z. */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > 26) throw new Error(`zoom ${z} is out of range`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) throw new Error(`tile ${z}/${x}/${y} is outside zoom ${z}`);
  const before = (4 ** z - 1) / 3;
  let d = 0;
  let [px, py] = [x, y];
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (px & s) > 0 ? 1 : 0;
    const ry = (py & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve stays continuous.
    if (ry === 0) {
      if (rx === 1) {
        px = s - 1 - (px % s);
        py = s - 1 - (py % s);
      }
      [px, py] = [py, px];
    }
    px %= s;
    py %= s;
  }
  return before + d;
}
