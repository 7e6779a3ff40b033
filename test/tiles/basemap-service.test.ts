// The base-map tile file as the app uses it: chosen and cleared through the
// contract, stored in the project, and served on the loopback server's /tiles/
// route with the same token and Host rules as the API.
import http from 'node:http';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasemapInfoSchema } from '../../shared/contract';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { basemapTilesFor } from '../../electron/services/basemap-handlers';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { getSetting, setSetting } from '../../electron/store/meta';
import { pngColour, solidPng, writeMbtiles, writePmtiles } from './fixtures';
import { handlerCall } from '../support/handler-call';

const dir = mkdtempSync(join(tmpdir(), 'cgm-basemap-'));
const mbtiles = join(dir, 'solid.mbtiles');
const pmtiles = join(dir, 'vector.pmtiles');
let session: ProjectSession;
let server: BrowserServer;

const call = handlerCall(() => createHandlers(session));

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  createProject(join(dir, 'p.gpkg')).close();
  session = new ProjectSession(join(dir, 'p.gpkg'));
  writeMbtiles(mbtiles, [{ z: 14, x: 8105, y: 5375, data: solidPng([255, 0, 255]) }], { name: 'Solid magenta', format: 'png', minzoom: '14', maxzoom: '14', bounds: '-1.9,52.4,-1.8,52.5' });
  writePmtiles(pmtiles, [{ z: 0, x: 0, y: 0, data: Buffer.from('mvt') }], { tileType: 1, tileCompression: 2, metadata: { name: 'Vector', vector_layers: [{ id: 'roads' }] } });
  server = await startBrowserServer({ handlers: createHandlers(session), staticDir: dir, tiles: basemapTilesFor(session) });
});

afterAll(async () => {
  await server?.close();
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('setBasemapTiles / getBasemapInfo', () => {
  it('has no tile file until one is chosen', async () => {
    expect(await call('getBasemapInfo', {})).toBeNull();
  });

  it('checks, stores and describes a chosen file', async () => {
    const info = await call('setBasemapTiles', { path: mbtiles });
    expect(info).toMatchObject({ kind: 'mbtiles', path: mbtiles, name: 'Solid magenta', format: 'png', bounds: [-1.9, 52.4, -1.8, 52.5], minzoom: 14, maxzoom: 14, attribution: null, vectorLayers: [], tileSize: 256 });
    expect(info!.version).toMatch(/^[0-9a-f]{12}$/);
    expect(getSetting(session.project.db, 'basemap_tiles')).toEqual({ path: mbtiles });
    expect(await call('getBasemapInfo', {})).toEqual(info);
  });

  it('refuses a file that cannot be drawn, naming it, and keeps the previous choice', async () => {
    const notes = join(dir, 'notes.pmtiles');
    writeFileSync(notes, 'hello');
    await expect(call('setBasemapTiles', { path: notes })).rejects.toThrow(`${notes} is neither a PMTiles nor an MBTiles file.`);
    await expect(call('setBasemapTiles', { path: join(dir, 'nope.mbtiles') })).rejects.toThrow(/nope\.mbtiles does not exist/);
    await expect(call('setBasemapTiles', { path: '' })).rejects.toThrow(/invalid input/);
    expect((await call('getBasemapInfo', {}))?.path).toBe(mbtiles);
  });

  it('refuses a tile file on a network share, typed or named by a project file, before touching it', async () => {
    for (const path of [String.raw`\\fileserver\maps\zoomstack.pmtiles`, '//fileserver/maps/zoomstack.pmtiles']) {
      await expect(call('setBasemapTiles', { path })).rejects.toThrow(`${path} is on a network share`);
    }
    expect((await call('getBasemapInfo', {}))?.path).toBe(mbtiles);
    // A project made elsewhere may already name one: reading it is refused the same way.
    setSetting(session.project.db, 'basemap_tiles', { path: '//fileserver/maps/zoomstack.pmtiles' });
    await expect(call('getBasemapInfo', {})).rejects.toThrow('//fileserver/maps/zoomstack.pmtiles is on a network share');
    await call('setBasemapTiles', { path: mbtiles });
  });

  it('switches to a vector PMTiles file and clears back to the project base map', async () => {
    const info = await call('setBasemapTiles', { path: pmtiles });
    expect(info).toMatchObject({ kind: 'pmtiles', format: 'pbf', vectorLayers: [{ id: 'roads' }], tileSize: null });
    expect(await call('setBasemapTiles', { path: null })).toBeNull();
    expect(await call('getBasemapInfo', {})).toBeNull();
    expect(getSetting(session.project.db, 'basemap_tiles')).toBeUndefined();
  });

  it('reports the tile size measured from 512-px MBTiles and PMTiles tiles, through the contract', async () => {
    const png512 = solidPng([0, 128, 255], 512);
    const mb512 = join(dir, 'big.mbtiles');
    const pm512 = join(dir, 'big.pmtiles');
    writeMbtiles(mb512, [{ z: 0, x: 0, y: 0, data: png512 }], { format: 'png' });
    writePmtiles(pm512, [{ z: 0, x: 0, y: 0, data: png512 }], { tileType: 2 });
    for (const [path, kind] of [[mb512, 'mbtiles'], [pm512, 'pmtiles']] as const) {
      const info = await call('setBasemapTiles', { path });
      expect(info).toMatchObject({ kind, format: 'png', tileSize: 512 });
      expect(BasemapInfoSchema.parse(info)).toEqual(info);
      expect((await call('getBasemapInfo', {}))?.tileSize).toBe(512);
    }
    await call('setBasemapTiles', { path: null });
  });

  it('falls back to 256 for a raster file whose tile is garbage, rather than refusing it', async () => {
    const junk = join(dir, 'junk.mbtiles');
    writeMbtiles(junk, [{ z: 0, x: 0, y: 0, data: Buffer.from('\x89PNG\r\n\x1a\n truncated', 'latin1') }], { format: 'png' });
    expect(await call('setBasemapTiles', { path: junk })).toMatchObject({ format: 'png', tileSize: 256 });
    await call('setBasemapTiles', { path: null });
  });

  it('says which stored file has gone missing, rather than drawing nothing', async () => {
    const moved = join(dir, 'moved.mbtiles');
    writeMbtiles(moved, [{ z: 0, x: 0, y: 0, data: solidPng([1, 2, 3]) }], { format: 'png' });
    await call('setBasemapTiles', { path: moved });
    rmSync(moved);
    await expect(call('getBasemapInfo', {})).rejects.toThrow(`The base map tile file ${moved} is missing`);
    await call('setBasemapTiles', { path: null });
  });
});

describe('the /tiles/ route in browser mode', () => {
  beforeAll(async () => {
    await call('setBasemapTiles', { path: mbtiles });
  });
  const tile = () => `/tiles/14/8105/5375.png?token=${server.token}`;

  it('serves a tile as PNG bytes with the token', async () => {
    const res = await get(tile());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(pngColour(res.body, 10, 10)).toEqual([255, 0, 255]);
  });

  it('answers 204 (drawn as nothing) where the file has no tile', async () => {
    const res = await get(`/tiles/14/8105/5376.png?token=${server.token}`);
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
  });

  it('requires the per-launch token', async () => {
    expect((await get('/tiles/14/8105/5375.png')).status).toBe(401);
    expect((await get(`/tiles/14/8105/5375.png?token=${'0'.repeat(48)}`)).status).toBe(401);
  });

  it('checks Host and Origin, as for the API (DNS rebinding, other local pages)', async () => {
    expect((await get(tile(), { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(tile(), { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await get(tile(), { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('refuses other methods, wrong extensions and malformed addresses', async () => {
    expect((await get(tile(), {}, 'POST')).status).toBe(405);
    expect((await get(`/tiles/14/8105/5375.pbf?token=${server.token}`)).status).toBe(404);
    expect((await get(`/tiles/14/99999/5375.png?token=${server.token}`)).status).toBe(404);
    expect((await get(`/tiles/../../etc/passwd?token=${server.token}`)).status).toBe(404);
    expect((await get(`/tiles/a/b/c.png?token=${server.token}`)).status).toBe(404);
  });

  it('changes version when the file changes, so old tiles are not reused', async () => {
    const before = (await call('getBasemapInfo', {}))!.version;
    const later = new Date(Date.now() + 5000);
    utimesSync(mbtiles, later, later);
    expect((await call('getBasemapInfo', {}))!.version).not.toBe(before);
  });

  it('is 404 once the tile file is cleared', async () => {
    await call('setBasemapTiles', { path: null });
    expect((await get(tile())).status).toBe(404);
  });
});
