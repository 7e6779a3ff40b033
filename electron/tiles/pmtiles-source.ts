// Reads a local PMTiles v3 archive with positioned file reads: the header and
// root directory once, leaf directories on demand (a few kept), tiles per request.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  findPmtilesEntry,
  parsePmtilesDirectory,
  parsePmtilesHeader,
  PMTILES_COMPRESSION,
  PMTILES_ROOT_WINDOW,
  PMTILES_TILE_TYPE,
  zxyToTileId,
  type PmtilesEntry,
  type PmtilesHeader,
} from './pmtiles-format';
import { rasterTileSize } from './image-size';
import { declaredTileSize, decodeTileBytes, sanitiseBounds, vectorLayersFrom, type TileFormat, type TileJson, type TileSource } from './tile-source';

const LEAF_CACHE_SIZE = 64;
/** The spec allows the root plus at most three levels of leaves. */
const MAX_DIRECTORY_DEPTH = 4;

const FORMAT_BY_TYPE: Record<number, TileFormat> = {
  [PMTILES_TILE_TYPE.mvt]: 'pbf',
  [PMTILES_TILE_TYPE.png]: 'png',
  [PMTILES_TILE_TYPE.jpeg]: 'jpg',
  [PMTILES_TILE_TYPE.webp]: 'webp',
};

function decompress(bytes: Uint8Array, compression: number, what: string): Uint8Array {
  switch (compression) {
    case PMTILES_COMPRESSION.none:
      return bytes;
    case PMTILES_COMPRESSION.gzip:
      return decodeTileBytes(bytes, 'gzip');
    case PMTILES_COMPRESSION.brotli:
      return decodeTileBytes(bytes, 'brotli');
    case PMTILES_COMPRESSION.unknown:
      // "Unknown" in practice means uncompressed or gzip; the gzip signature tells which.
      return decodeTileBytes(bytes, 'sniff');
    default:
      throw new Error(`its ${what} use zstd compression, which this app cannot read; convert it with gzip (pmtiles convert)`);
  }
}

export function openPmtiles(path: string): TileSource {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const read = (offset: number, length: number): Uint8Array => {
      if (offset + length > size) throw new Error(`it is truncated (needs byte ${offset + length}, has ${size})`);
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buf, done, length - done, offset + done);
        if (n === 0) throw new Error('it ended while being read');
        done += n;
      }
      return buf;
    };
    const head = read(0, Math.min(size, PMTILES_ROOT_WINDOW));
    const header = parsePmtilesHeader(head);
    const format = FORMAT_BY_TYPE[header.tileType];
    if (!format) throw new Error(`its tiles are of type ${header.tileType}; only vector (MVT), PNG, JPEG and WebP tiles can be drawn`);
    if (header.tileCompression === PMTILES_COMPRESSION.zstd) decompress(new Uint8Array(), header.tileCompression, 'tiles');
    const readDirectory = (offset: number, length: number) => parsePmtilesDirectory(decompress(read(offset, length), header.internalCompression, 'directories'));
    const root = readDirectory(header.rootDirectoryOffset, header.rootDirectoryLength);
    const metadata = readMetadata(read, header);
    return pmtilesSource(path, fd, header, format, root, metadata, read, readDirectory);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readMetadata(read: (o: number, l: number) => Uint8Array, header: PmtilesHeader): Record<string, unknown> {
  if (header.metadataLength === 0) return {};
  const text = new TextDecoder().decode(decompress(read(header.metadataOffset, header.metadataLength), header.internalCompression, 'metadata'));
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    throw new Error('its metadata is not JSON');
  }
}

function pmtilesSource(
  path: string,
  fd: number,
  header: PmtilesHeader,
  format: TileFormat,
  root: PmtilesEntry[],
  metadata: Record<string, unknown>,
  read: (offset: number, length: number) => Uint8Array,
  readDirectory: (offset: number, length: number) => PmtilesEntry[],
): TileSource {
  const leaves = new Map<number, PmtilesEntry[]>();
  const leaf = (offset: number, length: number): PmtilesEntry[] => {
    let dir = leaves.get(offset);
    if (dir) {
      // Re-inserting keeps the Map in least-recently-used order.
      leaves.delete(offset);
    } else {
      dir = readDirectory(header.leafDirectoryOffset + offset, length);
      if (leaves.size >= LEAF_CACHE_SIZE) leaves.delete(leaves.keys().next().value!);
    }
    leaves.set(offset, dir);
    return dir;
  };
  /** Follows leaf directories from the root to the tile entry `pick` chooses at each level. */
  const lookup = (pick: (dir: PmtilesEntry[]) => PmtilesEntry | null | undefined): Uint8Array | null => {
    let dir = root;
    for (let depth = 0; depth < MAX_DIRECTORY_DEPTH; depth++) {
      const entry = pick(dir);
      if (!entry) return null;
      if (entry.runLength > 0) return decompress(read(header.tileDataOffset + entry.offset, entry.length), header.tileCompression, 'tiles');
      dir = leaf(entry.offset, entry.length);
    }
    throw new Error(`${path}: its directories nest deeper than the PMTiles spec allows`);
  };
  // The first entry has the lowest tile id, so it is a tile at the archive's minimum zoom.
  const firstTile = (): Uint8Array | null => {
    try {
      return lookup((dir) => dir[0]);
    } catch {
      // A damaged first tile costs only the measured size; getTile reports damage where it matters.
      return null;
    }
  };
  const name = typeof metadata.name === 'string' && metadata.name.trim() ? metadata.name : basename(path, extname(path));
  const tileJson: TileJson = {
    tilejson: '3.0.0',
    name,
    format,
    bounds: sanitiseBounds(header.bounds),
    minzoom: header.minZoom,
    maxzoom: Math.max(header.minZoom, header.maxZoom),
    center: header.center,
    ...(typeof metadata.attribution === 'string' ? { attribution: metadata.attribution } : {}),
    vector_layers: vectorLayersFrom(metadata.vector_layers),
    ...(format === 'pbf' ? {} : { tileSize: rasterTileSize(firstTile(), declaredTileSize((k) => metadata[k])) }),
  };
  let open = true;
  return {
    kind: 'pmtiles',
    path,
    tileJson,
    async getTile(z, x, y) {
      if (!open) throw new Error(`${path} has been closed`);
      const id = zxyToTileId(z, x, y);
      return lookup((dir) => findPmtilesEntry(dir, id));
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
