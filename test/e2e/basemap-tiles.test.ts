// An offline tile file as the base map, in a real browser: the analyst pastes
// the path of an MBTiles of solid magenta tiles, the map draws it under the
// areas, tiles come only from 127.0.0.1 with the token, 512-px tiles are drawn
// at their own scale, and clearing it brings the project's own base map back.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, tilesCovering, writeMbtiles } from '../tiles/fixtures';
import { closeApp, E2E_DATA_DIR, externalRequests, MAP_CANVAS, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';
import { colourShares, decodePng, hexToRgb, type Rgb } from './pixels';

// Its own data folder: this test stores a setting in its project, which other e2e files must not see.
const DATA_DIR = join(E2E_DATA_DIR, 'basemap-tiles');
const MAGENTA: Rgb = [255, 0, 255];
const TILE_FILE = join(DATA_DIR, 'solid-magenta.mbtiles');
const QUADRANT_FILE = join(DATA_DIR, 'quadrants-512.mbtiles');
/** A 512-px tile's quadrants, top-left, top-right, bottom-left, bottom-right: where each lands shows the drawn scale. */
const QUADRANTS: Rgb[] = [[0, 255, 255], [255, 255, 0], [255, 128, 0], [0, 160, 0]];
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
let segmentColours: Rgb[];
/** The browser logs the refused setBasemapTiles call (HTTP 422) as a failed resource; that one is expected. */
let expectedErrors: string[] = [];

const control = (page: Page) => page.getByRole('region', { name: 'Base map' });

/** Waits until maplibre has every tile it wants and has painted them. */
async function settled(page: Page, wantTiles: boolean): Promise<void> {
  await page.waitForFunction((want) => {
    const m = (window as any).__cgmMap;
    return m && Boolean(m.getSource('basemap-tiles')) === want && m.loaded() && m.areTilesLoaded();
  }, wantTiles, { timeout: 60_000 });
  await page.evaluate(() => new Promise<void>((r) => {
    const m = (window as any).__cgmMap;
    m.once('render', () => r());
    m.triggerRepaint();
  }));
}

async function canvasPng(page: Page, name: string) {
  const buffer = await page.locator(MAP_CANVAS).screenshot({ path: join(SCREENSHOT_DIR, name) });
  return decodePng(buffer);
}

function quadrantPng(): Buffer {
  const png = new PNG({ width: 512, height: 512 });
  for (let p = 0; p < 512 * 512; p++) {
    const [x, y] = [p % 512, Math.floor(p / 512)];
    png.data.set([...QUADRANTS[(y >= 256 ? 2 : 0) + (x >= 256 ? 1 : 0)], 255], p * 4);
  }
  return PNG.sync.write(png);
}

/** Share of pixels that are the tile colour itself, nothing drawn over it. */
function pureShare(png: ReturnType<typeof decodePng>, colour: Rgb): number {
  return colourShares(png, [colour], [0, 0, 0], 12)[0];
}

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  ({ app, browser, watched } = await openApp({ env: { CGM_DATA_DIR: DATA_DIR } }));
  const info = await app.call('getProjectInfo', {});
  const segments: { colour: string | null }[] = await app.call('getSegments', { scheme: info.schemes[0].name });
  segmentColours = segments.filter((s) => s.colour).map((s) => hexToRgb(s.colour!));

  // Tiles that cover what the map shows now (with a margin), at the zooms around it.
  const view = await watched.page.evaluate(() => {
    const m = (window as any).__cgmMap;
    const b = m.getBounds();
    return { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number], zoom: m.getZoom() as number };
  });
  const [w, s, e, n] = view.bounds;
  const pad = Math.max(e - w, n - s) * 0.5;
  const bounds: [number, number, number, number] = [w - pad, s - pad, e + pad, n + pad];
  const z = Math.floor(view.zoom);
  const zooms = [z - 1, z, z + 1, z + 2].filter((v) => v >= 0);
  const png = solidPng(MAGENTA);
  writeMbtiles(TILE_FILE, tilesCovering(bounds, zooms).map((t) => ({ ...t, data: png })), {
    name: 'Solid magenta',
    format: 'png',
    bounds: bounds.join(','),
    minzoom: String(zooms[0]),
    maxzoom: String(zooms[zooms.length - 1]),
  });
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('an offline tile file as the base map', () => {
  it('starts on the project base map, with no magenta anywhere', async () => {
    await expect(watched.page.getByTestId('basemap-current').textContent()).resolves.toMatch(/project's own roads and boundaries/);
    await settled(watched.page, false);
    expect(pureShare(await canvasPng(watched.page, 'basemap-project.png'), MAGENTA)).toBe(0);
  });

  it('refuses a path that is not a tile file, saying which', async () => {
    const { page } = watched;
    const before = watched.consoleErrors.length;
    await control(page).getByLabel(/Offline tile file/).fill(join(DATA_DIR, 'no-such-file.mbtiles'));
    await control(page).getByRole('button', { name: 'Use file', exact: true }).click();
    await expect(control(page).getByRole('alert').filter({ hasText: 'no-such-file.mbtiles does not exist' }).textContent()).resolves.toBeTruthy();
    expectedErrors = watched.consoleErrors.slice(before);
    expect(expectedErrors.every((e) => /status of 422/.test(e))).toBe(true);
  });

  it('draws the chosen MBTiles under the areas', async () => {
    const { page } = watched;
    await control(page).getByLabel(/Offline tile file/).fill(TILE_FILE);
    await control(page).getByRole('button', { name: 'Use file', exact: true }).click();
    await page.getByTestId('basemap-current').filter({ hasText: 'Solid magenta (MBTiles, png)' }).waitFor();
    await settled(page, true);
    const shot = await canvasPng(page, 'basemap-tiles.png');
    // Around the town the tiles show as they are...
    expect(pureShare(shot, MAGENTA)).toBeGreaterThan(0.03);
    // ...and the areas are drawn over them: segment colours blended over magenta, not over the old grey.
    const overMagenta = colourShares(shot, segmentColours, MAGENTA).reduce((a, b) => a + b, 0);
    expect(overMagenta).toBeGreaterThan(0.1);
    expect(await app.call('getBasemapInfo', {})).toMatchObject({ kind: 'mbtiles', path: TILE_FILE, format: 'png' });
  });

  it('fetched the tiles from 127.0.0.1 only, with the token, and nothing left the machine', () => {
    const tiles = watched.requests.filter((u) => /\/tiles\/\d+\/\d+\/\d+\.png\?/.test(u));
    expect(tiles.length).toBeGreaterThan(0);
    for (const u of tiles) {
      const url = new URL(u);
      expect(url.origin).toBe(app.origin);
      expect(url.searchParams.get('token')).toBe(new URL(app.url).searchParams.get('token'));
    }
    expect(externalRequests(watched.requests)).toEqual([]);
  });

  it('draws 512-px tiles at their own scale, not at half size', async () => {
    const { page } = watched;
    // An integer zoom Z: 512-px tiles are then drawn 1:1 from zoom Z, where treating them as 256 would fetch Z + 1 at half size.
    const view = await page.evaluate(() => {
      const m = (window as any).__cgmMap;
      m.jumpTo({ zoom: Math.ceil(m.getZoom()) });
      const b = m.getBounds();
      return { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number], zoom: m.getZoom() as number };
    });
    const Z = view.zoom;
    const [w, s, e, n] = view.bounds;
    const pad = Math.max(e - w, n - s) * 0.5;
    const data = quadrantPng();
    writeMbtiles(QUADRANT_FILE, tilesCovering([w - pad, s - pad, e + pad, n + pad], [Z - 1, Z, Z + 1]).map((t) => ({ ...t, data })), { name: 'Quadrants', format: 'png' });
    await control(page).getByLabel(/Offline tile file/).fill(QUADRANT_FILE);
    await control(page).getByRole('button', { name: 'Use file', exact: true }).click();
    await page.getByTestId('basemap-current').filter({ hasText: 'Quadrants (MBTiles, png)' }).waitFor();
    await page.waitForFunction(() => (window as any).__cgmMap.getSource('basemap-tiles')?.tileSize === 512, undefined, { timeout: 30_000 });
    await settled(page, true);
    expect(await app.call('getBasemapInfo', {})).toMatchObject({ path: QUADRANT_FILE, tileSize: 512 });

    // Which quadrant of its zoom-Z tile each sample point lies in, well away from quadrant edges.
    const samples = await page.evaluate((z) => {
      const m = (window as any).__cgmMap;
      const canvas = m.getCanvas() as HTMLCanvasElement;
      const out: { x: number; y: number; q: number }[] = [];
      for (let y = 8; y < canvas.clientHeight; y += 16) {
        for (let x = 8; x < canvas.clientWidth; x += 16) {
          const { lng, lat } = m.unproject([x, y]);
          const r = (lat * Math.PI) / 180;
          const tx = ((lng + 180) / 360) * 2 ** z;
          const ty = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
          const fx = tx - Math.floor(tx);
          const fy = ty - Math.floor(ty);
          if ([fx, fy].some((f) => Math.min(Math.abs(f), Math.abs(f - 0.5), Math.abs(f - 1)) < 0.03)) continue;
          out.push({ x, y, q: (fy >= 0.5 ? 2 : 0) + (fx >= 0.5 ? 1 : 0) });
        }
      }
      return { out, width: canvas.clientWidth };
    }, Z);
    const shot = await canvasPng(page, 'basemap-tiles-512.png');
    const ratio = shot.width / samples.width;
    let right = 0;
    let wrong = 0;
    for (const { x, y, q } of samples.out) {
      const i = (Math.round(y * ratio) * shot.width + Math.round(x * ratio)) * 4;
      const px = [shot.data[i], shot.data[i + 1], shot.data[i + 2]];
      // Only pixels showing a tile colour untouched: the areas and roads drawn over them say nothing here.
      const seen = QUADRANTS.findIndex((c) => c.every((v, k) => Math.abs(v - px[k]) <= 12));
      if (seen === q) right++;
      else if (seen >= 0) wrong++;
    }
    // At half scale each colour would land in the wrong quadrant about three times in four.
    expect(right).toBeGreaterThan(100);
    expect(right / (right + wrong)).toBeGreaterThan(0.95);
    const version = (await app.call('getBasemapInfo', {}))!.version;
    const zooms = watched.requests.filter((u) => u.includes(`v=${version}`)).map((u) => Number(/\/tiles\/(\d+)\//.exec(u)![1]));
    expect(zooms).toContain(Z);
    expect(Math.max(...zooms)).toBe(Z);
  });

  it('goes back to the project base map when cleared', async () => {
    const { page } = watched;
    await control(page).getByRole('button', { name: "Use the project's own base map" }).click();
    await page.getByTestId('basemap-current').filter({ hasText: "project's own" }).waitFor();
    await settled(page, false);
    expect(pureShare(await canvasPng(page, 'basemap-cleared.png'), MAGENTA)).toBe(0);
    expect(await app.call('getBasemapInfo', {})).toBeNull();
  });

  it('logged no console errors', () => {
    expect(watched.consoleErrors.filter((e) => !expectedErrors.includes(e))).toEqual([]);
  });
});
