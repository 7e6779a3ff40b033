// The PMTiles v3 reader (Protomaps' decoder over a local-file source): the tile
// ids the test archives are written with, checked against the reference tests'
// values and an independent Hilbert curve, then real archives on disk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zxyToTileId } from 'pmtiles';
import { openTileFile } from '../../electron/tiles/open-tile-file';
import { pngColour, solidPng, writePmtiles, type FixtureTile } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'cgm-pmtiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Wikipedia's xy2d, written independently of the reader, for ids beyond the published table. */
function hilbertD(n: number, x: number, y: number): number {
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}

describe('PMTiles addressing', () => {
  it('matches the tile ids in the PMTiles reference tests', async () => {
    expect([zxyToTileId(0, 0, 0), zxyToTileId(1, 0, 0), zxyToTileId(1, 0, 1), zxyToTileId(1, 1, 1), zxyToTileId(1, 1, 0), zxyToTileId(2, 0, 0)]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('numbers each zoom densely along the Hilbert curve, up to national zooms', async () => {
    for (const z of [2, 3, 5]) {
      const n = 2 ** z;
      const ids = new Set<number>();
      for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) ids.add(zxyToTileId(z, x, y));
      expect(ids.size).toBe(n * n);
      expect(Math.min(...ids)).toBe((4 ** z - 1) / 3);
    }
    for (const [z, x, y] of [[14, 8105, 5375], [16, 32421, 21502], [20, 518700, 344000]]) {
      expect(zxyToTileId(z, x, y)).toBe((4 ** z - 1) / 3 + hilbertD(2 ** z, x, y));
    }
    expect(() => zxyToTileId(2, 4, 0)).toThrow(/outside zoom level bounds/);
  });
});

const red = solidPng([200, 30, 40]);
const blue = solidPng([20, 60, 210]);
const rasterTiles: FixtureTile[] = [
  { z: 0, x: 0, y: 0, data: red },
  { z: 1, x: 0, y: 0, data: red },
  { z: 1, x: 1, y: 0, data: blue },
  { z: 1, x: 0, y: 1, data: blue },
];

describe('a raster PMTiles archive', () => {
  const path = join(dir, 'raster.pmtiles');
  writePmtiles(path, rasterTiles, { tileType: 2, metadata: { name: 'Test raster', attribution: '© Test' }, bounds: [-2.5, 50.1, 1.75, 55.25] });

  it('describes itself as TileJSON from the header and metadata', async () => {
    const source = await openTileFile(path);
    expect(source.kind).toBe('pmtiles');
    expect(source.tileJson).toMatchObject({ tilejson: '3.0.0', name: 'Test raster', format: 'png', minzoom: 0, maxzoom: 1, attribution: '© Test', vector_layers: [] });
    source.tileJson.bounds.forEach((v, i) => expect(v).toBeCloseTo([-2.5, 50.1, 1.75, 55.25][i], 6));
    source.close();
  });

  it('gives each z/x/y its own bytes, and null where there is no tile', async () => {
    const source = await openTileFile(path);
    expect(pngColour((await source.getTile(1, 0, 0))!)).toEqual([200, 30, 40]);
    expect(pngColour((await source.getTile(1, 1, 0))!)).toEqual([20, 60, 210]);
    expect(Buffer.from((await source.getTile(1, 0, 1))!).equals(blue)).toBe(true);
    expect(await source.getTile(1, 1, 1)).toBeNull();
    expect(await source.getTile(2, 0, 0)).toBeNull();
    source.close();
  });

  it('follows leaf directories and run lengths, with uncompressed directories too', async () => {
    const tiles: FixtureTile[] = [];
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) tiles.push({ z: 3, x, y, data: (x + y) % 3 === 0 ? red : blue });
    const leafy = join(dir, 'leafy.pmtiles');
    writePmtiles(leafy, tiles, { tileType: 2, leafSize: 5, internalCompression: 1 });
    const source = await openTileFile(leafy);
    for (const t of tiles) expect(pngColour((await source.getTile(t.z, t.x, t.y))!)).toEqual((t.x + t.y) % 3 === 0 ? [200, 30, 40] : [20, 60, 210]);
    source.close();
  });
});

describe('a vector PMTiles archive', () => {
  it('gunzips tiles and lists vector_layers from the metadata', async () => {
    const path = join(dir, 'vector.pmtiles');
    const mvt = Buffer.from([0x1a, 0x02, 0x78, 0x01]); // not a real layer, but bytes we can recognise
    writePmtiles(path, [{ z: 0, x: 0, y: 0, data: mvt }], {
      tileType: 1,
      tileCompression: 2,
      metadata: { name: 'Zoomstack-ish', vector_layers: [{ id: 'roads', minzoom: 6, maxzoom: 14, fields: { type: 'String' } }, { id: 'sea' }, { nope: 1 }] },
    });
    const source = await openTileFile(path);
    expect(source.tileJson.format).toBe('pbf');
    expect(source.tileJson.vector_layers).toEqual([{ id: 'roads', minzoom: 6, maxzoom: 14, fields: { type: 'String' } }, { id: 'sea' }]);
    expect(Buffer.from((await source.getTile(0, 0, 0))!).equals(mvt)).toBe(true);
    source.close();
  });
});

describe('broken PMTiles files', () => {
  const bad = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('names the file and the problem', async () => {
    const good = writePmtiles(join(dir, 'ok.pmtiles'), rasterTiles, { tileType: 2 });
    const truncated = bad('truncated.pmtiles', good.subarray(0, 100));
    await expect(openTileFile(truncated)).rejects.toThrow(`${truncated} cannot be used as a base map: it is too short to be a PMTiles archive.`);

    const v2 = Buffer.from(good);
    v2[7] = 2;
    await expect(openTileFile(bad('v2.pmtiles', v2))).rejects.toThrow(/v2\.pmtiles cannot be used as a base map: it is PMTiles version 2; only version 3/);

    const zstd = Buffer.from(good);
    zstd[98] = 4;
    await expect(openTileFile(bad('zstd.pmtiles', zstd))).rejects.toThrow(/zstd\.pmtiles .*zstd compression/);

    const avif = Buffer.from(good);
    avif[99] = 5;
    await expect(openTileFile(bad('avif.pmtiles', avif))).rejects.toThrow(/avif\.pmtiles .*tiles are of type 5/);

    const cut = bad('cut.pmtiles', good.subarray(0, good.length - 50));
    // The header and directory survive; the tile data does not, and that is caught when read.
    const source = await openTileFile(cut);
    return expect(source.getTile(1, 1, 0)).rejects.toThrow(/truncated/).finally(() => source.close());
  });

  it('rejects metadata that is not JSON', async () => {
    const path = join(dir, 'badmeta.pmtiles');
    const good = writePmtiles(path, rasterTiles, { tileType: 2, internalCompression: 1, metadata: { name: 'x' } });
    const metaAt = Number(good.readBigUInt64LE(24));
    good.write('!', metaAt, 'latin1');
    writeFileSync(path, good);
    await expect(openTileFile(path)).rejects.toThrow(/badmeta\.pmtiles .*metadata is not JSON/);
  });
});
