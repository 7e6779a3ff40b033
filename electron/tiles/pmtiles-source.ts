// A local PMTiles v3 archive, decoded by Protomaps' own `pmtiles` package
// (directories, varints, leaf recursion, run lengths, its directory cache) over
// a Source that reads the file with positioned reads. What the package leaves
// to its caller is done here: no read past the end of the file, bounded
// decompression (a few bytes of gzip cannot become gigabytes), a header checked
// before anything is trusted, and errors that say what is wrong with the file.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bytesToHeader, Compression, PMTiles, SharedPromiseCache, TileType, tileIdToZxy, type Header, type RangeResponse, type Source } from 'pmtiles';
import { rasterTileSize } from './image-size';
import { declaredTileSize, sanitiseBounds, vectorLayersFrom, type TileFormat, type TileJson, type TileSource } from './tile-source';

const HEADER_BYTES = 127;
const DIRECTORY_CACHE_ENTRIES = 64;
/** The spec allows the root plus at most three levels of leaves (the package stops there too). */
const MAX_LEAF_DEPTH = 3;
/** A directory or metadata block never needs more than this once inflated; a tile neither (Zoomstack's largest is ~1 MB). */
const MAX_INFLATED = 64 * 1024 * 1024;

const FORMAT_BY_TYPE: Partial<Record<TileType, TileFormat>> = {
  [TileType.Mvt]: 'pbf',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
};

/** The package's decompress hook: gzip and brotli with Node's zlib, each capped. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(buf);
  const options = { maxOutputLength: MAX_INFLATED };
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  let out: Uint8Array;
  if (compression === Compression.Gzip || (compression === Compression.Unknown && gzipped)) out = gunzipSync(bytes, options);
  else if (compression === Compression.Brotli) out = brotliDecompressSync(bytes, options);
  else if (compression === Compression.None || compression === Compression.Unknown) return buf;
  else throw new Error('it uses zstd compression, which this app cannot read; convert it with gzip (pmtiles convert)');
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

/** Positioned reads of one open file; a range past its end is a damaged archive, not a short read. */
class LocalFileSource implements Source {
  constructor(
    private readonly path: string,
    private readonly fd: number,
    readonly size: number,
  ) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    // The package asks for the first 16 KiB whatever the file's size, as HTTP range readers may.
    if (offset === 0) length = Math.min(length, this.size);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new Error(`it is truncated or damaged (needs bytes ${offset}–${offset + length}, has ${this.size})`);
    }
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, offset + done);
      if (n === 0) throw new Error('it ended while being read');
      done += n;
    }
    return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + length) as ArrayBuffer };
  }
}

/** What the package does not check before it trusts the header. Throws a message the caller prefixes with the file name. */
function checkedHeader(source: LocalFileSource, head: Uint8Array): Header & { format: TileFormat } {
  if (head.length < HEADER_BYTES) throw new Error('it is too short to be a PMTiles archive');
  if (new TextDecoder().decode(head.subarray(0, 7)) !== 'PMTiles') throw new Error('it is not a PMTiles archive (no "PMTiles" signature)');
  if (head[7] !== 3) throw new Error(`it is PMTiles version ${head[7]}; only version 3 is supported`);
  const header = bytesToHeader(head.buffer.slice(head.byteOffset, head.byteOffset + HEADER_BYTES) as ArrayBuffer);
  const format = FORMAT_BY_TYPE[header.tileType as TileType];
  if (!format) throw new Error(`its tiles are of type ${header.tileType}; only vector (MVT), PNG, JPEG and WebP tiles can be drawn`);
  if (header.tileCompression === Compression.Zstd || header.internalCompression === Compression.Zstd) {
    throw new Error('it uses zstd compression, which this app cannot read; convert it with gzip (pmtiles convert)');
  }
  // The package slices the root directory out of the first 16 KiB, as the spec says it must lie.
  if (header.rootDirectoryOffset + header.rootDirectoryLength > Math.min(source.size, 16_384)) throw new Error('its root directory is not where the PMTiles spec puts it');
  return { ...header, format };
}

export async function openPmtiles(path: string): Promise<TileSource> {
  const fd = openSync(path, 'r');
  try {
    const source = new LocalFileSource(path, fd, fstatSync(fd).size);
    const head = new Uint8Array((await source.getBytes(0, HEADER_BYTES)).data);
    const header = checkedHeader(source, head);
    // The cache decompresses directories, so it is given the same capped hook as the tiles.
    const cache = new SharedPromiseCache(DIRECTORY_CACHE_ENTRIES, true, decompress);
    const archive = new PMTiles(source, cache, decompress);
    await archive.getHeader(); // reads and decodes the root directory, so a damaged one fails here
    const metadata = await readMetadata(archive, header);
    const firstTileId = async (): Promise<number | null> => {
      let entries = await cache.getDirectory(source, header.rootDirectoryOffset, header.rootDirectoryLength, header);
      for (let depth = 0; depth < MAX_LEAF_DEPTH && entries[0]?.runLength === 0; depth++) {
        entries = await cache.getDirectory(source, header.leafDirectoryOffset + entries[0].offset, entries[0].length, header);
      }
      return entries[0] && entries[0].runLength > 0 ? entries[0].tileId : null;
    };
    return await pmtilesSource(path, fd, header, archive, metadata, firstTileId);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

async function readMetadata(archive: PMTiles, header: Header): Promise<Record<string, unknown>> {
  if (header.jsonMetadataLength === 0) return {};
  let value: unknown;
  try {
    value = await archive.getMetadata();
  } catch (error) {
    throw error instanceof SyntaxError ? new Error('its metadata is not JSON') : error;
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

async function pmtilesSource(
  path: string,
  fd: number,
  header: Header & { format: TileFormat },
  archive: PMTiles,
  metadata: Record<string, unknown>,
  firstTileId: () => Promise<number | null>,
): Promise<TileSource> {
  const minzoom = header.minZoom;
  const maxzoom = Math.max(header.minZoom, header.maxZoom);
  const tileAt = async (z: number, x: number, y: number): Promise<Uint8Array | null> => {
    // The package numbers tiles up to zoom 26 and throws beyond; no archive holds tiles outside its own zooms.
    if (z < minzoom || z > maxzoom) return null;
    const got = await archive.getZxy(z, x, y);
    return got ? new Uint8Array(got.data) : null;
  };
  // The first entry has the lowest tile id, so it is a tile at the archive's minimum zoom: it measures a raster's tile size.
  const firstTile = async (): Promise<Uint8Array | null> => {
    try {
      const id = await firstTileId();
      return id === null ? null : await tileAt(...tileIdToZxy(id));
    } catch {
      // A damaged first tile costs only the measured size; getTile reports damage where it matters.
      return null;
    }
  };
  const name = typeof metadata.name === 'string' && metadata.name.trim() ? metadata.name : basename(path, extname(path));
  const tileJson: TileJson = {
    tilejson: '3.0.0',
    name,
    format: header.format,
    bounds: sanitiseBounds([header.minLon, header.minLat, header.maxLon, header.maxLat]),
    minzoom,
    maxzoom,
    center: [header.centerLon, header.centerLat, header.centerZoom],
    ...(typeof metadata.attribution === 'string' ? { attribution: metadata.attribution } : {}),
    vector_layers: vectorLayersFrom(metadata.vector_layers),
    ...(header.format === 'pbf' ? {} : { tileSize: rasterTileSize(await firstTile(), declaredTileSize((k) => metadata[k])) }),
  };
  let open = true;
  return {
    kind: 'pmtiles',
    path,
    tileJson,
    async getTile(z, x, y) {
      if (!open) throw new Error(`${path} has been closed`);
      return tileAt(z, x, y);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
