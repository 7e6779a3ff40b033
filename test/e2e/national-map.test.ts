// A national-size level in the app (issue 18): 25,000 synthetic Output Areas,
// past MANY_POLYGONS, so the map picks areas in the page and draws outlines
// only where it is zoomed in. Zoomed out, the outline source holds nothing;
// zoomed in on one area, it holds the few thousand around it; hovering and
// clicking that area name it (its code is known from the generator: area i is
// E0000000i, centred at syntheticCentre(i)).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { E2E_DATA_DIR, launchBrowser, mapIdle, openWatchedPage, startApp, type RunningApp, type WatchedPage } from './harness';
import { nationalProject } from '../../bench/national/project';
import { syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { MANY_POLYGONS } from '../../renderer/src/project/area-index';
import { OUTLINES_IN_VIEW } from '../../renderer/src/map/outlines-in-view';

const COUNT = 25_000;
const DATA_DIR = join(E2E_DATA_DIR, 'national');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  expect(COUNT).toBeGreaterThan(MANY_POLYGONS);
  const built = await nationalProject(DATA_DIR, COUNT);
  app = await startApp({ CGM_DATA_DIR: DATA_DIR, CGM_PROJECT: built.path });
  browser = await launchBrowser();
  watched = await openWatchedPage(browser, app.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Features in the OA outline layer's GeoJSON source. */
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
  const code = `E${String(i).padStart(8, '0')}`;
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

it('logged no console errors', () => {
  expect(watched.consoleErrors).toEqual([]);
});
