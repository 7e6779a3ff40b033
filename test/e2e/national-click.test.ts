// A click on a national level (issue 18), 25,000 synthetic Output Areas (past
// MANY_POLYGONS; area i is E0000000i, centred at syntheticCentre(i)): the
// clicked area's panel opens and its outline is drawn over the map (an SVG,
// not a deck.gl layer) without the map drawing a frame, at street zoom and
// at country zoom; the panel's opening frame comes before the map is resized
// beside it (deferred-resize.ts), and the map then takes the narrower room;
// a drag still pans, and selects nothing.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { E2E_DATA_DIR, launchBrowser, mapIdle, openWatchedPage, startApp, type RunningApp, type WatchedPage } from './harness';
import { nationalProject } from '../../bench/national/project';
import { syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { MANY_POLYGONS } from '../../renderer/src/project/area-index';

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

const codeOf = (i: number) => `E${String(i).padStart(8, '0')}`;

/** Jumps to area i at `zoom`, waits for the map drawn, and gives the page position of the area's centre. */
async function showArea(page: Page, i: number, zoom: number): Promise<{ x: number; y: number }> {
  await page.evaluate(([c, z]) => void window.__cgmMap!.jumpTo({ center: c as [number, number], zoom: z as number }), [syntheticCentre(i, COUNT), zoom] as const);
  await mapIdle(page);
  return page.evaluate((c) => {
    const map = window.__cgmMap!;
    const r = map.getCanvas().getBoundingClientRect();
    const p = map.project(c);
    return { x: r.left + p.x, y: r.top + p.y };
  }, syntheticCentre(i, COUNT));
}

/**
 * Starts counting the map's frames once none has been drawn for three animation frames: under load a frame asked
 * for before the click (by the jump, after its idle) can still be waiting, and is not the click's.
 */
const countFrames = (page: Page) =>
  page.evaluate(async () => {
    const w = window as unknown as { __clickFrames: number };
    w.__clickFrames = 0;
    window.__cgmMap!.on('render', () => void w.__clickFrames++);
    const animationFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let seen = -1; seen !== w.__clickFrames; ) {
      seen = w.__clickFrames;
      for (let i = 0; i < 3; i++) await animationFrame();
    }
    w.__clickFrames = 0;
  });
const frames = (page: Page) => page.evaluate(() => (window as unknown as { __clickFrames: number }).__clickFrames);

/** The outline's area code, and whether its path's box holds page point `at` and is smaller than `maxPx` across. */
const outline = (page: Page, at: { x: number; y: number }, maxPx: number) =>
  page.evaluate(
    ([at, maxPx]) => {
      const svg = document.querySelector('.map-canvas svg.selection-outline') as SVGSVGElement | null;
      const path = svg?.querySelector('path');
      const box = path?.getBoundingClientRect();
      const holds = Boolean(box && box.width > 0 && box.left <= at.x && at.x <= box.right && box.top <= at.y && at.y <= box.bottom && box.width < maxPx && box.height < maxPx);
      return { code: svg?.dataset.areaCode ?? null, holds };
    },
    [at, maxPx] as const,
  );

it('opens the panel in a frame of its own, then gives the map the room beside it', async () => {
  const { page } = watched;
  const at = await showArea(page, 4_321, 13);
  expect(await page.locator('.area-panel').count()).toBe(0);
  // The map canvas's width when the panel appears, and at the start of the frame after that one.
  await page.evaluate(() => {
    const w = window as unknown as { __widths: number[] };
    w.__widths = [];
    const canvas = window.__cgmMap!.getCanvas();
    const seen = new MutationObserver(() => {
      if (!document.querySelector('.area-panel') || w.__widths.length) return;
      seen.disconnect();
      w.__widths.push(canvas.clientWidth);
      requestAnimationFrame(() => requestAnimationFrame(() => w.__widths.push(canvas.clientWidth)));
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  const before = await page.evaluate(() => window.__cgmMap!.getCanvas().clientWidth);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(codeOf(4_321));
  await expect.poll(() => page.evaluate(() => (window as unknown as { __widths: number[] }).__widths.length), { timeout: 30_000 }).toBe(2);
  // The map is resized a frame after its container: the panel's frame and the next began with the old canvas width.
  expect(await page.evaluate(() => (window as unknown as { __widths: number[] }).__widths)).toEqual([before, before]);
  const room = await page.evaluate(() => document.querySelector('.map-canvas')!.clientWidth);
  expect(room).toBeLessThan(before - 100); // the docked panel took its width
  await expect.poll(() => page.evaluate(() => window.__cgmMap!.getCanvas().clientWidth), { timeout: 30_000 }).toBe(room);
}, 120_000);

it('outlines the clicked area over the map at street zoom, drawing no map frame', async () => {
  const { page } = watched;
  const i = 12_345;
  const at = await showArea(page, i, 13);
  await countFrames(page);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(codeOf(i));
  // 25,000 synthetic areas: one grid cell is ~0.052° (~3.4 km) across, ~600 px at zoom 13 and ~7 px at 6.5.
  await expect.poll(() => outline(page, at, 1500), { timeout: 30_000 }).toEqual({ code: codeOf(i), holds: true });
  await page.waitForTimeout(1000);
  expect(await frames(page)).toBe(0);
  // No deck.gl layer draws the selection on a national level.
  const ids = await page.evaluate(() => {
    type Overlay = { _props: { layers: { id: string }[] } };
    const overlay = (window.__cgmMap as unknown as { _controls: Partial<Overlay>[] })._controls.find((c) => c._props?.layers) as Overlay;
    return overlay._props.layers.map((l) => l.id);
  });
  expect(ids.some((id) => id.endsWith(':selected'))).toBe(false);
  // The outline follows the map: panned by 100 px, its box holds the area's centre where it is now.
  await page.evaluate(() => void window.__cgmMap!.panBy([100, 0], { animate: false }));
  await mapIdle(page);
  await expect.poll(() => outline(page, { x: at.x - 100, y: at.y }, 1500), { timeout: 30_000 }).toEqual({ code: codeOf(i), holds: true });
}, 120_000);

it('outlines the clicked area at country zoom, drawing no map frame, and clears the outline with the panel', async () => {
  const { page } = watched;
  const i = 7_777;
  const at = await showArea(page, i, 6.5);
  expect(await page.locator('.map-canvas').getAttribute('data-area-drawing')).toBe('raster');
  await countFrames(page);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(codeOf(i));
  // A pixel or two at this zoom; the stroke's 3 px round it out.
  await expect.poll(() => outline(page, at, 20), { timeout: 30_000 }).toEqual({ code: codeOf(i), holds: true });
  await page.waitForTimeout(1000);
  expect(await frames(page)).toBe(0);
  await page.getByRole('button', { name: 'Close area details' }).click();
  await expect.poll(() => page.locator('.area-panel').count(), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.evaluate(() => document.querySelector('.map-canvas svg.selection-outline path')?.getAttribute('d') ?? null)).toBe('');
}, 120_000);

it('still pans on a drag, which selects nothing', async () => {
  const { page } = watched;
  const at = await showArea(page, 9_999, 13);
  const centre = () => page.evaluate(() => window.__cgmMap!.getCenter().toArray());
  const before = await centre();
  const panel = () => page.locator('.area-panel').getAttribute('data-area-code', { timeout: 1000 }).catch(() => null);
  const shown = await panel();
  expect(shown).not.toBe(codeOf(9_999));
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(at.x - 30 * k, at.y);
  await page.mouse.up();
  await expect.poll(async () => (await centre())[0], { timeout: 30_000 }).toBeGreaterThan(before[0]); // dragged west: the map moves east
  await page.waitForTimeout(500);
  expect(await panel()).toBe(shown);
}, 120_000);

it('logged no console errors', () => {
  expect(watched.consoleErrors).toEqual([]);
});
