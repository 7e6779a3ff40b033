// The MBTiles reader on files we write to the spec, and on files GDAL writes
// (an independent writer, so the TMS row flip is checked against someone else's).
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { openTileFile } from '../../electron/tiles/open-tile-file';
import { requireTool } from '../support/requirements';
import { pngColour, solidPng, writeMbtiles } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'cgm-mbtiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RED: [number, number, number] = [200, 30, 40];
const BLUE: [number, number, number] = [20, 60, 210];
const hasGdal = requireTool('gdal_translate', 'apt-get install gdal-bin') !== null;

describe('a raster MBTiles file', () => {
  const path = join(dir, 'raster.mbtiles');
  writeMbtiles(
    path,
    [
      { z: 1, x: 0, y: 0, data: solidPng(RED) },
      { z: 1, x: 0, y: 1, data: solidPng(BLUE) },
      { z: 2, x: 1, y: 1, data: solidPng(RED) },
    ],
    { name: 'Kestrelford raster', format: 'png', bounds: '-1.6,51.9,-1.3,52.1', minzoom: '1', maxzoom: '2', attribution: 'Test tiles' },
  );

  it('describes itself as TileJSON from its metadata', async () => {
    const source = await openTileFile(path);
    expect(source.kind).toBe('mbtiles');
    expect(source.tileJson).toEqual({ tilejson: '3.0.0', name: 'Kestrelford raster', format: 'png', bounds: [-1.6, 51.9, -1.3, 52.1], minzoom: 1, maxzoom: 2, attribution: 'Test tiles', vector_layers: [], tileSize: 256 });
    source.close();
  });

  it('flips XYZ rows to the TMS rows MBTiles stores', async () => {
    const source = await openTileFile(path);
    // Stored at tile_row 1 and 0 respectively: y = 0 is the northern row.
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT tile_row FROM tiles WHERE zoom_level = 1 ORDER BY tile_row').pluck().all()).toEqual([0, 1]);
    db.close();
    expect(pngColour((await source.getTile(1, 0, 0))!)).toEqual(RED);
    expect(pngColour((await source.getTile(1, 0, 1))!)).toEqual(BLUE);
    expect(pngColour((await source.getTile(2, 1, 1))!)).toEqual(RED);
    expect(await source.getTile(2, 1, 2)).toBeNull();
    expect(await source.getTile(1, 1, 0)).toBeNull();
    source.close();
  });

  it('works out zooms and format from the tiles when the metadata leaves them out', async () => {
    const bare = join(dir, 'bare.mbtiles');
    writeMbtiles(bare, [{ z: 3, x: 1, y: 1, data: solidPng(RED) }, { z: 5, x: 4, y: 4, data: solidPng(RED) }], {});
    const source = await openTileFile(bare);
    expect(source.tileJson).toMatchObject({ name: 'bare', format: 'png', minzoom: 3, maxzoom: 5, bounds: [-180, -85.0511, 180, 85.0511] });
    source.close();
  });
});

describe('a vector MBTiles file', () => {
  it('gunzips tiles and reads vector_layers from the json metadata', async () => {
    const path = join(dir, 'vector.mbtiles');
    const mvt = Buffer.from('\x1a\x05roads', 'latin1');
    writeMbtiles(path, [{ z: 0, x: 0, y: 0, data: gzipSync(mvt) }], {
      name: 'v',
      format: 'pbf',
      json: JSON.stringify({ vector_layers: [{ id: 'roads', minzoom: 0, maxzoom: 14 }, { id: 'sea' }] }),
    });
    const source = await openTileFile(path);
    expect(source.tileJson.format).toBe('pbf');
    expect(source.tileJson.vector_layers.map((l) => l.id)).toEqual(['roads', 'sea']);
    expect(Buffer.from((await source.getTile(0, 0, 0))!).equals(mvt)).toBe(true);
    source.close();
  });
});

describe.skipIf(!hasGdal)('MBTiles written by GDAL', () => {
  it('reads a raster MBTiles from gdal_translate with north at y = 0', async () => {
    // A world image, red in the northern half and blue in the southern: GDAL tiles it at zoom 1.
    const png = new PNG({ width: 512, height: 512 });
    for (let p = 0; p < 512 * 512; p++) png.data.set([...(p < 256 * 512 ? RED : BLUE), 255], p * 4);
    writeFileSync(join(dir, 'world.png'), PNG.sync.write(png));
    const out = join(dir, 'gdal-raster.mbtiles');
    const edge = '20037508.342789244';
    execFileSync('gdal_translate', ['-q', '-of', 'MBTILES', '-a_srs', 'EPSG:3857', '-a_ullr', `-${edge}`, edge, edge, `-${edge}`, join(dir, 'world.png'), out]);
    const source = await openTileFile(out);
    expect(source.tileJson).toMatchObject({ format: 'png', minzoom: 1, maxzoom: 1, tileSize: 256 });
    expect(source.tileJson.bounds[0]).toBeCloseTo(-180, 3);
    for (const x of [0, 1]) {
      expect(pngColour((await source.getTile(1, x, 0))!, 128, 128)).toEqual(RED);
      expect(pngColour((await source.getTile(1, x, 1))!, 128, 128)).toEqual(BLUE);
    }
    source.close();
  });

  it('measures 512-px JPEG tiles from gdal_translate -co BLOCKSIZE=512', async () => {
    const png = new PNG({ width: 512, height: 512 });
    for (let p = 0; p < 512 * 512; p++) png.data.set([...(p < 256 * 512 ? RED : BLUE), 255], p * 4);
    writeFileSync(join(dir, 'world512.png'), PNG.sync.write(png));
    const out = join(dir, 'gdal-512.mbtiles');
    const edge = '20037508.342789244';
    execFileSync('gdal_translate', ['-q', '-of', 'MBTILES', '-co', 'BLOCKSIZE=512', '-co', 'TILE_FORMAT=JPEG', '-a_srs', 'EPSG:3857', '-a_ullr', `-${edge}`, edge, edge, `-${edge}`, join(dir, 'world512.png'), out]);
    const source = await openTileFile(out);
    // One 512-px tile now covers the world at zoom 0, where 256-px tiles needed zoom 1.
    expect(source.tileJson).toMatchObject({ format: 'jpg', minzoom: 0, maxzoom: 0, tileSize: 512 });
    expect(await source.getTile(0, 0, 0)).not.toBeNull();
    source.close();
  });

  it('reads a vector MBTiles from ogr2ogr: gzipped MVT, layers listed', async () => {
    const geojson = join(dir, 'roads.geojson');
    writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { type: 'A Road' }, geometry: { type: 'LineString', coordinates: [[-1.5, 52], [-1.4, 52.05]] } }] }));
    const out = join(dir, 'gdal-vector.mbtiles');
    execFileSync('ogr2ogr', ['-f', 'MBTILES', out, geojson, '-nln', 'roads', '-dsco', 'MINZOOM=8', '-dsco', 'MAXZOOM=9']);
    const source = await openTileFile(out);
    expect(source.tileJson).toMatchObject({ format: 'pbf', minzoom: 8, maxzoom: 9 });
    expect(source.tileJson.vector_layers.map((l) => l.id)).toEqual(['roads']);
    // lon -1.45, lat 52.02 lies in XYZ tile 8/126/84 (TMS row 171).
    const tile = Buffer.from((await source.getTile(8, 126, 84))!);
    expect(tile[0]).not.toBe(0x1f);
    expect(tile.toString('latin1')).toContain('roads');
    expect(tile.toString('latin1')).toContain('A Road');
    source.close();
  });
});

describe('files that are not MBTiles', () => {
  it('names the file and the problem', async () => {
    const plain = join(dir, 'plain.sqlite');
    const db = new Database(plain);
    db.exec('CREATE TABLE things (a)');
    db.close();
    await expect(openTileFile(plain)).rejects.toThrow(`${plain} cannot be used as a base map: it is an SQLite file but not MBTiles (it has no "tiles" table).`);

    const empty = join(dir, 'empty.mbtiles');
    writeMbtiles(empty, [], { name: 'empty', format: 'png' });
    await expect(openTileFile(empty)).rejects.toThrow(/empty\.mbtiles cannot be used as a base map: it holds no tiles/);

    const tiff = join(dir, 'odd.mbtiles');
    writeMbtiles(tiff, [{ z: 0, x: 0, y: 0, data: solidPng(RED) }], { format: 'tiff' });
    await expect(openTileFile(tiff)).rejects.toThrow(/odd\.mbtiles .*tiles are "tiff"/);

    const text = join(dir, 'notes.mbtiles');
    writeFileSync(text, 'just some notes, not a database');
    await expect(openTileFile(text)).rejects.toThrow(`${text} is neither a PMTiles nor an MBTiles file.`);

    await expect(openTileFile(join(dir, 'missing.pmtiles'))).rejects.toThrow(`The tile file ${join(dir, 'missing.pmtiles')} does not exist.`);
    await expect(openTileFile(dir)).rejects.toThrow(`${dir} is a folder, not a tile file.`);
    await expect(openTileFile('maps/zoomstack.pmtiles')).rejects.toThrow(/is not a full path/);
  });
});
