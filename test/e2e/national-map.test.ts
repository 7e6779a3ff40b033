// A national-size level in the app (issue 18): 25,000 synthetic Output Areas,
// past MANY_POLYGONS, so the map picks areas in the page and draws outlines
// only where it is zoomed in. Zoomed out, the outline source holds nothing;
// zoomed in on one area, it holds the few thousand around it; hovering and
// clicking that area name it (its code is known from the generator: area i is
// E0000000i, centred at syntheticCentre(i)). At country zoom the level is
// drawn from its id image (area-drawing.ts): the pixel at an area's centre
// there has the colour the polygons give that area at street zoom, before and
// after a recolour, and hovering and clicking there name that area.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeApp, mapIdle, type WatchedPage } from './harness';
import { areaCode, openNationalApp } from './national-app';
import { syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { OUTLINES_IN_VIEW } from '../../renderer/src/map/outlines-in-view';
import { rasterPixelSize } from '../../shared/cartography/area-raster';
import { BASEMAP } from '../../renderer/src/layers/palettes';
import { changedShare, decodePng, hexToRgb } from './pixels';

const COUNT = 25_000;
let opened: Awaited<ReturnType<typeof openNationalApp>> | undefined;
let watched: WatchedPage;

beforeAll(async () => {
  opened = await openNationalApp(COUNT);
  watched = opened.watched;
}, 600_000);

afterAll(() => closeApp(opened ?? {}));

/** Features in the OA outline layer's GeoJSON source. */
const layerRow = (page: Page, id: string) => page.locator(`.layer-row[data-layer-id="${id}"]`);

const outlineCount = (page: Page) =>
  page.evaluate(async () => {
    const source = window.__cgmMap!.getSource('boundaries-OA') as unknown as { getData(): Promise<{ features: unknown[] }> };
    return (await source.getData()).features.length;
  });

it('draws no outlines zoomed out, and those around the view zoomed in', async () => {
  const { page } = watched;
  expect(await page.evaluate(() => window.__cgmMap!.getZoom())).toBeLessThan(8);
  expect(await outlineCount(page)).toBe(0);
  await page.evaluate((c) => void window.__cgmMap!.jumpTo({ center: c, zoom: 13 }), syntheticCentre(12_345, COUNT));
  await mapIdle(page);
  await expect.poll(() => outlineCount(page), { timeout: 60_000 }).toBeGreaterThan(0);
  expect(await outlineCount(page)).toBeLessThanOrEqual(OUTLINES_IN_VIEW);
}, 120_000);

it('names the area under the pointer, and opens its panel on a click', async () => {
  const { page } = watched;
  const i = 12_345;
  const code = areaCode(i);
  const at = await page.evaluate((c) => {
    const map = window.__cgmMap!;
    const r = map.getCanvas().getBoundingClientRect();
    const p = map.project(c);
    return { x: r.left + p.x, y: r.top + p.y };
  }, syntheticCentre(i, COUNT));
  await page.mouse.move(at.x, at.y);
  await expect.poll(() => page.locator('.hover-card').innerText(), { timeout: 30_000 }).toContain(code);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(code);
  // Off the map's areas (the sea west of the grid) nothing is under the pointer.
  await page.evaluate(() => void window.__cgmMap!.jumpTo({ center: [-7.5, 54], zoom: 9 }));
  await mapIdle(page);
  const sea = await page.evaluate(() => {
    const map = window.__cgmMap!;
    const r = map.getCanvas().getBoundingClientRect();
    const p = map.project([-7.5, 54]);
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.move(sea.x, sea.y);
  await expect.poll(() => page.locator('.hover-card').count(), { timeout: 30_000 }).toBe(0);
}, 120_000);

/** Mouse position at the middle of the screen pixel holding [lon, lat], and that pixel's colour on the map canvas. */
const drawnAt = (page: Page, lonLat: [number, number]) =>
  page.evaluate((c) => {
    const map = window.__cgmMap!;
    const canvas = map.getCanvas();
    const p = map.project(c);
    const [x, y] = [Math.floor(p.x), Math.floor(p.y)];
    const probe = document.createElement('canvas');
    probe.width = probe.height = 1;
    const ctx = probe.getContext('2d')!;
    const scale = canvas.width / canvas.clientWidth;
    ctx.drawImage(canvas, Math.floor(x * scale), Math.floor(y * scale), 1, 1, 0, 0, 1, 1);
    const r = canvas.getBoundingClientRect();
    return { mouse: { x: r.left + x + 0.5, y: r.top + y + 0.5 }, rgb: Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)) };
  }, lonLat);

it('draws an area at country zoom in the colour its polygons have, and picks it there, before and after a recolour', async () => {
  const { page } = watched;
  const i = 7_777;
  const code = areaCode(i);
  const centre = syntheticCentre(i, COUNT);
  // Below the zoom where one pixel of the id image is one screen pixel (GB's extent: ~7.7), so the image is drawn.
  const COUNTRY = 6.5;
  expect(COUNTRY).toBeLessThan(Math.log2((2 * Math.PI) / (512 * rasterPixelSize([-6, 50, 2, 58.5]))));
  const drawing = () => page.locator('.map-canvas').getAttribute('data-area-drawing');
  /** The colour drawn at the area's centre at `zoom`, once the map draws the level the way expected there. */
  const at = async (zoom: number, expected: 'raster' | 'full') => {
    await page.evaluate(([c, z]) => void window.__cgmMap!.jumpTo({ center: c as [number, number], zoom: z as number }), [centre, zoom]);
    await expect.poll(drawing, { timeout: 30_000 }).toBe(expected);
    await mapIdle(page);
    return drawnAt(page, centre);
  };
  const compare = async (fill: string) => {
    const country = await at(COUNTRY, 'raster');
    const street = await at(13, 'full');
    expect(street.rgb).not.toEqual(hexToRgb(BASEMAP.background)); // the area is drawn, not the bare map
    country.rgb.forEach((v, k) => expect(Math.abs(v - street.rgb[k]), `${fill}: ${country.rgb} at country zoom, ${street.rgb} at street zoom`).toBeLessThanOrEqual(2));
  };
  await compare('segments');
  await layerRow(page, 'density').getByRole('checkbox').check();
  await compare('density');
  const countryView = async () => (await at(COUNTRY, 'raster'), decodePng(await page.locator('.map-canvas').screenshot()));
  const quantiles = await countryView();
  await layerRow(page, 'density').getByRole('button', { name: 'Style…' }).click();
  await layerRow(page, 'density').getByLabel('Method').selectOption('equal');
  await expect.poll(async () => changedShare(quantiles, await countryView(), 8), { timeout: 30_000 }).toBeGreaterThan(0.02); // recoloured
  await compare('density');

  const country = await at(COUNTRY, 'raster');
  await page.mouse.move(country.mouse.x, country.mouse.y);
  await expect.poll(() => page.locator('.hover-card').innerText(), { timeout: 30_000 }).toContain(code);
  await page.mouse.click(country.mouse.x, country.mouse.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(code);
}, 240_000);

it('recolours in one map frame, rewriting the legend rows in place', async () => {
  const { page } = watched;
  const entries = page.locator('.legend__block[data-layer-id="density"] .legend__entry');
  await expect.poll(() => entries.count(), { timeout: 30_000 }).toBeGreaterThan(2);
  await mapIdle(page);
  const before = await entries.allInnerTexts();
  // Tag each row's node and count the map's frames from here on (mapIdle would force a frame of its own).
  await page.evaluate(() => {
    document.querySelectorAll('.legend__block[data-layer-id="density"] .legend__entry').forEach((el, k) => ((el as HTMLElement & { __row?: number }).__row = k));
    const w = window as unknown as { __recolourFrames: number };
    w.__recolourFrames = 0;
    window.__cgmMap!.on('render', () => void w.__recolourFrames++);
  });
  const method = layerRow(page, 'density').getByLabel('Method');
  await method.selectOption((await method.inputValue()) === 'equal' ? 'quantile' : 'equal');
  await expect.poll(() => entries.allInnerTexts(), { timeout: 30_000 }).not.toEqual(before);
  // The same rows (nodes), new text: a class keeps its row.
  const rows = await page.evaluate(() => [...document.querySelectorAll('.legend__block[data-layer-id="density"] .legend__entry')].map((el) => (el as HTMLElement & { __row?: number }).__row ?? null));
  expect(rows).toEqual(before.map((_, k) => k));
  // One frame for the recolour, and none after it: the map stays quiet for half a second once it has drawn.
  const frames = () => page.evaluate(() => (window as unknown as { __recolourFrames: number }).__recolourFrames);
  await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(0);
  let seen = -1;
  await expect.poll(async () => {
    const now = await frames();
    const settled = now === seen;
    seen = now;
    return settled;
  }, { timeout: 30_000, interval: 500 }).toBe(true);
  expect(seen).toBe(1);
}, 120_000);

it('asks the services to start their worker threads once the first map is drawn, after its areas were read', async () => {
  const api = (method: string) => watched.requests.findIndex((u) => new URL(u).pathname === `/api/${method}`);
  await expect.poll(() => api('warmWorkerThreads'), { timeout: 30_000 }).toBeGreaterThan(-1);
  expect(api('warmWorkerThreads')).toBeGreaterThan(api('getAreaColumns'));
  expect(api('warmWorkerThreads')).toBeGreaterThan(api('getAreaGeometry'));
  expect(api('getAreaColumns')).toBeGreaterThan(-1);
  expect(watched.requests.filter((u) => new URL(u).pathname === '/api/warmWorkerThreads')).toHaveLength(1);
});

it('logged no console errors', () => {
  expect(watched.consoleErrors).toEqual([]);
});
