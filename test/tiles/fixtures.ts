// Small real tile files for the tests: solid-colour PNG tiles, an MBTiles
// database with the spec's schema, and a PMTiles v3 archive written from the
// spec (header, varint directories, optional leaf directories and run lengths).
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { zxyToTileId } from 'pmtiles';

export type Rgb = [number, number, number];

export function solidPng(colour: Rgb, size = 256): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set([...colour, 255], i * 4);
  return PNG.sync.write(png);
}

export function pngColour(bytes: Uint8Array, x = 0, y = 0): Rgb {
  const png = PNG.sync.read(Buffer.from(bytes));
  const i = (y * png.width + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

export interface FixtureTile {
  z: number;
  x: number;
  /** XYZ row (from the north), as maplibre asks; MBTiles stores the TMS row. */
  y: number;
  data: Uint8Array;
}

/** An MBTiles 1.3 file: `metadata` rows as given, tiles stored TMS-flipped. */
export function writeMbtiles(path: string, tiles: FixtureTile[], metadata: Record<string, string>): void {
  const db = new Database(path);
  db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
           CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
           CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
  const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
  const tile = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const [k, v] of Object.entries(metadata)) meta.run(k, v);
    for (const t of tiles) tile.run(t.z, t.x, 2 ** t.z - 1 - t.y, Buffer.from(t.data));
  })();
  db.close();
}

function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

export interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** A PMTiles directory as the spec encodes it (delta ids, run lengths, lengths, offsets + 1 or 0 = contiguous). */
export function directoryBytes(entries: Entry[]): Buffer {
  const out: number[] = [];
  varint(entries.length, out);
  let last = 0;
  for (const e of entries) {
    varint(e.tileId - last, out);
    last = e.tileId;
  }
  for (const e of entries) varint(e.runLength, out);
  for (const e of entries) varint(e.length, out);
  entries.forEach((e, i) => {
    const contiguous = i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length;
    varint(contiguous ? 0 : e.offset + 1, out);
  });
  return Buffer.from(out);
}

export interface PmtilesOptions {
  tileType: number;
  /** 1 none, 2 gzip: applied to each tile as stored. */
  tileCompression?: number;
  /** 1 none, 2 gzip: directories and metadata. */
  internalCompression?: number;
  metadata?: Record<string, unknown>;
  bounds?: [number, number, number, number];
  /** Split the entries into leaf directories of this many entries. */
  leafSize?: number;
  specVersion?: number;
}

export function writePmtiles(path: string, tiles: FixtureTile[], o: PmtilesOptions): Buffer {
  const tileCompression = o.tileCompression ?? 1;
  const internal = o.internalCompression ?? 2;
  const pack = (b: Buffer) => (internal === 2 ? gzipSync(b) : b);
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const blobs: Buffer[] = [];
  const entries: Entry[] = [];
  let dataLength = 0;
  for (const t of sorted) {
    const stored = tileCompression === 2 ? gzipSync(t.data) : Buffer.from(t.data);
    const prev = entries[entries.length - 1];
    // Consecutive ids with the same bytes become one run, as real writers do for ocean tiles.
    if (prev && prev.tileId + prev.runLength === t.id && blobs[blobs.length - 1].equals(stored)) {
      prev.runLength++;
      continue;
    }
    entries.push({ tileId: t.id, offset: dataLength, length: stored.length, runLength: 1 });
    blobs.push(stored);
    dataLength += stored.length;
  }
  let root: Buffer;
  let leaves = Buffer.alloc(0);
  if (o.leafSize) {
    const parts: Buffer[] = [];
    const rootEntries: Entry[] = [];
    let at = 0;
    for (let i = 0; i < entries.length; i += o.leafSize) {
      const chunk = entries.slice(i, i + o.leafSize);
      const bytes = pack(directoryBytes(chunk));
      rootEntries.push({ tileId: chunk[0].tileId, offset: at, length: bytes.length, runLength: 0 });
      parts.push(bytes);
      at += bytes.length;
    }
    root = pack(directoryBytes(rootEntries));
    leaves = Buffer.concat(parts);
  } else {
    root = pack(directoryBytes(entries));
  }
  const metadata = pack(Buffer.from(JSON.stringify(o.metadata ?? {})));
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'latin1');
  h[7] = o.specVersion ?? 3;
  const sections = [root, metadata, leaves, Buffer.concat(blobs)];
  let offset = 127;
  sections.forEach((s, i) => {
    h.writeBigUInt64LE(BigInt(offset), 8 + i * 16);
    h.writeBigUInt64LE(BigInt(s.length), 16 + i * 16);
    offset += s.length;
  });
  h.writeBigUInt64LE(BigInt(entries.reduce((n, e) => n + e.runLength, 0)), 72);
  h.writeBigUInt64LE(BigInt(entries.length), 80);
  h.writeBigUInt64LE(BigInt(blobs.length), 88);
  h[96] = 1;
  h[97] = internal;
  h[98] = tileCompression;
  h[99] = o.tileType;
  h[100] = Math.min(...tiles.map((t) => t.z));
  h[101] = Math.max(...tiles.map((t) => t.z));
  const [w, s, e, n] = o.bounds ?? [-180, -85, 180, 85];
  [w, s, e, n].forEach((v, i) => h.writeInt32LE(Math.round(v * 1e7), 102 + i * 4));
  h[118] = h[100];
  h.writeInt32LE(Math.round(((w + e) / 2) * 1e7), 119);
  h.writeInt32LE(Math.round(((s + n) / 2) * 1e7), 123);
  const file = Buffer.concat([h, ...sections]);
  writeFileSync(path, file);
  return file;
}

/** Every tile of zooms `zooms` that touches [w, s, e, n], in XYZ numbering. */
export function tilesCovering(bounds: [number, number, number, number], zooms: number[]): { z: number; x: number; y: number }[] {
  const [w, s, e, n] = bounds;
  const tx = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const ty = (lat: number, z: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  const out: { z: number; x: number; y: number }[] = [];
  for (const z of zooms) {
    const max = 2 ** z - 1;
    for (let x = Math.max(0, tx(w, z)); x <= Math.min(max, tx(e, z)); x++) {
      for (let y = Math.max(0, ty(n, z)); y <= Math.min(max, ty(s, z)); y++) out.push({ z, x, y });
    }
  }
  return out;
}
