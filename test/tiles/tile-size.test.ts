// The raster tile size each reader reports (TileJSON `tileSize`), measured from
// a stored tile: 512-px archives must say 512, or maplibre draws them at half
// scale. Damaged or odd tiles fall back (metadata, then 256) without failing
// to open; vector archives report none.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openTileFile } from '../../electron/tiles/open-tile-file';
import { TileType } from 'pmtiles';
import { pngColour, solidPng, writeMbtiles, writePmtiles, type FixtureTile } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'cgm-tile-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const RED: [number, number, number] = [200, 30, 40];
const png512 = solidPng(RED, 512);
const png256 = solidPng(RED, 256);
const garbage = Buffer.from('not an image at all, just some bytes');

/** Opens, reads the reported size, closes. */
async function tileSizeOf(path: string): Promise<number | undefined> {
  const source = await openTileFile(path);
  try {
    return source.tileJson.tileSize;
  } finally {
    source.close();
  }
}

function mbtiles(name: string, tiles: FixtureTile[], metadata: Record<string, string> = { format: 'png' }): string {
  const path = join(dir, name);
  writeMbtiles(path, tiles, metadata);
  return path;
}

function pmtiles(name: string, tiles: FixtureTile[], o: Parameters<typeof writePmtiles>[2]): string {
  const path = join(dir, name);
  writePmtiles(path, tiles, o);
  return path;
}

/** Every tile of zoom z, all with the same bytes. */
const level = (z: number, data: Uint8Array): FixtureTile[] =>
  Array.from({ length: 4 ** z }, (_, i) => ({ z, x: i % 2 ** z, y: Math.floor(i / 2 ** z), data }));

describe('MBTiles tile size', () => {
  it('is measured from a stored tile: 256, 512, and in JPEG and WebP too', async () => {
    expect(await tileSizeOf(mbtiles('png256.mbtiles', [{ z: 0, x: 0, y: 0, data: png256 }]))).toBe(256);
    expect(await tileSizeOf(mbtiles('png512.mbtiles', level(1, png512)))).toBe(512);
    expect(await tileSizeOf(mbtiles('jpg512.mbtiles', [{ z: 2, x: 1, y: 1, data: fixture('jpeg-baseline-512.jpg') }], { format: 'jpg' }))).toBe(512);
    // No declared format: sniffed and measured from the same tile.
    expect(await tileSizeOf(mbtiles('webp512.mbtiles', [{ z: 2, x: 1, y: 1, data: fixture('webp-lossy-512.webp') }], {}))).toBe(512);
  });

  it('believes the tile over a metadata tileSize that disagrees', async () => {
    expect(await tileSizeOf(mbtiles('liar.mbtiles', [{ z: 0, x: 0, y: 0, data: png512 }], { format: 'png', tileSize: '256' }))).toBe(512);
  });

  it('falls back to the metadata, then 256, when the tile cannot be measured, and still serves tiles', async () => {
    const cut = png512.subarray(0, 20);
    expect(await tileSizeOf(mbtiles('garbage-meta.mbtiles', [{ z: 0, x: 0, y: 0, data: garbage }], { format: 'png', tile_size: '512' }))).toBe(512);
    expect(await tileSizeOf(mbtiles('garbage.mbtiles', [{ z: 0, x: 0, y: 0, data: garbage }]))).toBe(256);
    expect(await tileSizeOf(mbtiles('cut.mbtiles', [{ z: 0, x: 0, y: 0, data: cut }], { format: 'png', tileSize: 'huge' }))).toBe(256);
    expect(await tileSizeOf(mbtiles('oblong.mbtiles', [{ z: 0, x: 0, y: 0, data: fixture('jpeg-progressive-320x200.jpg') }], { format: 'jpg' }))).toBe(256);
    const path = mbtiles('garbage-serves.mbtiles', [{ z: 0, x: 0, y: 0, data: garbage }]);
    const source = await openTileFile(path);
    expect(Buffer.from((await source.getTile(0, 0, 0))!).equals(garbage)).toBe(true);
    source.close();
  });

  it('survives a NULL tile_data row', async () => {
    const path = mbtiles('null.mbtiles', [{ z: 0, x: 0, y: 0, data: png512 }]);
    const db = new Database(path);
    db.exec('UPDATE tiles SET tile_data = NULL');
    db.close();
    expect(await tileSizeOf(path)).toBe(256);
  });

  it('is not reported for vector tiles', async () => {
    const path = mbtiles('vector.mbtiles', [{ z: 0, x: 0, y: 0, data: gzipSync(Buffer.from('\x1a\x05roads', 'latin1')) }], { format: 'pbf', tileSize: '512' });
    expect(await tileSizeOf(path)).toBeUndefined();
  });
});

describe('PMTiles tile size', () => {
  it('is measured from the first tile: 256, 512, in WebP and JPEG', async () => {
    expect(await tileSizeOf(pmtiles('png256.pmtiles', [{ z: 0, x: 0, y: 0, data: png256 }], { tileType: TileType.Png }))).toBe(256);
    expect(await tileSizeOf(pmtiles('png512.pmtiles', level(1, png512), { tileType: TileType.Png }))).toBe(512);
    expect(await tileSizeOf(pmtiles('webp512.pmtiles', [{ z: 3, x: 2, y: 5, data: fixture('webp-lossy-512.webp') }], { tileType: TileType.Webp }))).toBe(512);
    expect(await tileSizeOf(pmtiles('jpg512.pmtiles', [{ z: 3, x: 2, y: 5, data: fixture('jpeg-baseline-512.jpg') }], { tileType: TileType.Jpeg }))).toBe(512);
  });

  it('follows leaf directories and gunzips the tile to measure it', async () => {
    const path = pmtiles('leafy512.pmtiles', [...level(2, png512), ...level(3, solidPng([20, 60, 210], 512))], { tileType: TileType.Png, leafSize: 3, tileCompression: 2 });
    expect(await tileSizeOf(path)).toBe(512);
    const source = await openTileFile(path);
    expect(pngColour((await source.getTile(3, 7, 7))!)).toEqual([20, 60, 210]);
    source.close();
  });

  it('believes the tile over the metadata, and uses the metadata only when the tile is unreadable', async () => {
    expect(await tileSizeOf(pmtiles('liar.pmtiles', [{ z: 0, x: 0, y: 0, data: png256 }], { tileType: TileType.Png, metadata: { tileSize: 512 } }))).toBe(256);
    expect(await tileSizeOf(pmtiles('garbage-meta.pmtiles', [{ z: 0, x: 0, y: 0, data: garbage }], { tileType: TileType.Png, metadata: { tileSize: 512 } }))).toBe(512);
    expect(await tileSizeOf(pmtiles('garbage.pmtiles', [{ z: 0, x: 0, y: 0, data: garbage }], { tileType: TileType.Png, metadata: { tileSize: 500 } }))).toBe(256);
  });

  it('opens with 256 when the first tile lies past the end of a truncated file', async () => {
    const good = writePmtiles(join(dir, 'whole.pmtiles'), [{ z: 0, x: 0, y: 0, data: png512 }], { tileType: TileType.Png });
    const path = join(dir, 'truncated.pmtiles');
    writeFileSync(path, good.subarray(0, good.length - 100));
    expect(await tileSizeOf(path)).toBe(256);
    // The damage is still reported where it matters: when the tile is asked for.
    const source = await openTileFile(path);
    await expect(source.getTile(0, 0, 0)).rejects.toThrow(/truncated/);
    source.close();
  });

  it('is not reported for vector tiles', async () => {
    expect(await tileSizeOf(pmtiles('vector.pmtiles', [{ z: 0, x: 0, y: 0, data: Buffer.from('mvt') }], { tileType: TileType.Mvt, metadata: { tileSize: 512 } }))).toBeUndefined();
  });
});
