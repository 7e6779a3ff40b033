// Pixel size of a raster tile from its header alone (PNG, JPEG, WebP), so the
// map can be told the archive's tile size (256, 512, …) without decoding an
// image in the main process. The bytes come from an analyst's file, which may
// be damaged or hostile: every read is bounds-checked and nothing here throws.

export interface ImageSize {
  width: number;
  height: number;
}

/** Tile sizes we pass to maplibre: anything else is more likely a damaged file than a real archive. */
export const MIN_TILE_SIZE = 64;
export const MAX_TILE_SIZE = 2048;
export const DEFAULT_TILE_SIZE = 256;

export function imageSize(bytes: Uint8Array): ImageSize | null {
  try {
    return pngSize(bytes) ?? jpegSize(bytes) ?? webpSize(bytes);
  } catch {
    // Belt and braces: the parsers check bounds, but a bad file must never break opening the archive.
    return null;
  }
}

/** A square power-of-two size within the sane range, or null. */
export function saneTileSize(value: unknown): number | null {
  // Metadata values are often text; only plain decimal digits count (not "0x200", not "").
  const n = typeof value === 'string' ? (/^\s*\d{1,5}\s*$/.test(value) ? Number(value) : null) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_TILE_SIZE || n > MAX_TILE_SIZE) return null;
  return (n & (n - 1)) === 0 ? n : null;
}

/**
 * The tile size to draw an archive's raster tiles at. A decoded tile is the
 * truth (metadata can be stale or copied from another archive); the metadata
 * value is used only when no tile could be read, and 256 — maplibre's raster
 * default and the classic web-map tile — when neither says.
 */
export function rasterTileSize(tile: Uint8Array | null, metadataValue?: unknown): number {
  const size = tile ? imageSize(tile) : null;
  if (size && size.width === size.height) {
    const decoded = saneTileSize(size.width);
    if (decoded) return decoded;
  }
  return saneTileSize(metadataValue) ?? DEFAULT_TILE_SIZE;
}

const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
// `>>> 0` keeps a top bit set as a large positive number rather than a negative one.
const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The spec puts IHDR first, straight after the signature: width and height at bytes 16 and 20. */
function pngSize(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v) || !ascii(b, 12, 'IHDR')) return null;
  return positive(u32be(b, 16), u32be(b, 20));
}

/** Start-of-frame markers browsers decode: baseline, extended sequential, progressive. */
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2]);

/**
 * Walks the marker segments from SOI to the first frame header, skipping each
 * by its stated length. Stops (null) at the scan data or any inconsistency,
 * since entropy-coded data cannot be walked by length.
 */
function jpegSize(b: Uint8Array): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos < b.length && b[pos] === 0xff) pos++;
    if (pos >= b.length) return null;
    const marker = b[pos++];
    // Markers without a length: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    // EOI or start of scan before any frame header: there is no size to find.
    if (marker === 0xd9 || marker === 0xda || marker === 0x00) return null;
    if (pos + 2 > b.length) return null;
    const length = u16be(b, pos);
    if (length < 2 || pos + length > b.length) return null;
    if (JPEG_SOF.has(marker)) {
      // Segment: length (2), precision (1), height (2), width (2).
      if (length < 7) return null;
      return positive(u16be(b, pos + 5), u16be(b, pos + 3));
    }
    pos += length;
  }
  return null;
}

/** RIFF container, then the first chunk says which of the three bitstreams follows. */
function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30 || !ascii(b, 0, 'RIFF') || !ascii(b, 8, 'WEBP')) return null;
  if (ascii(b, 12, 'VP8 ')) {
    // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height (2 bits of scale above).
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return positive(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (ascii(b, 12, 'VP8L')) {
    // Lossless: signature 0x2F, then width − 1 and height − 1 packed as two 14-bit fields.
    if (b[20] !== 0x2f) return null;
    const width = 1 + (b[21] | ((b[22] & 0x3f) << 8));
    const height = 1 + ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0f) << 10));
    return positive(width, height);
  }
  if (ascii(b, 12, 'VP8X')) {
    // Extended (alpha, metadata, animation): flags and reserved (4), then canvas width − 1 and height − 1, 24 bits each.
    return positive(1 + u24le(b, 24), 1 + u24le(b, 27));
  }
  return null;
}

function positive(width: number, height: number): ImageSize | null {
  return width > 0 && height > 0 ? { width, height } : null;
}
