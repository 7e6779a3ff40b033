// Shared by the layout and approved-screen tests: a page that holds still for
// a screenshot (reduced motion, no CSS transitions, the pointer parked off the
// map, the map idle), and the boxes of what is on screen.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { E2E_DATA_DIR, emptyDir, mapIdle, startApp, watchPage, type RunningApp, type WatchedPage } from './harness';

export const LAPTOP = { width: 1366, height: 768 };
export const DESKTOP = { width: 1920, height: 1080 };

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The app on a demo project of its own: other e2e files of the same run edit
 * the shared demo (hours, thresholds, what-if sites, saved views), which would
 * move pixels and names these tests compare exactly.
 */
export async function startOwnApp(name: string): Promise<RunningApp> {
  return startApp({ CGM_DATA_DIR: emptyDir(join(E2E_DATA_DIR, name)) });
}

/** Like openWatchedPage, in a context that asks for reduced motion (the app then moves the camera at once). */
export async function openStillPage(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', deviceScaleFactor: 1 });
  const watched = await watchPage(await context.newPage(), url);
  const { page } = watched;
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }' });
  // The analysis layers arrive after the map: wait for them, and for the dock's first table.
  await page.waitForSelector('.layer-row[data-layer-id="gap-type"]', { timeout: 120_000 });
  await page.locator('.analysis-dock .data-table tbody tr').first().waitFor({ timeout: 120_000 });
  return watched;
}

/** Ready for a screenshot: nothing hovered or focused, fonts loaded, the map drawn. */
export async function settle(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await mapIdle(page);
  await mapIdle(page);
}

export async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** a lies within b, give or take a pixel of rounding. */
export function inside(a: Box, b: Box): boolean {
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

/** Switches a layer on or off by its row's checkbox. */
export async function setLayer(page: Page, id: string, on: boolean): Promise<void> {
  const box = page.locator(`.layer-row[data-layer-id="${id}"]`).getByRole('checkbox');
  if (on) await box.check();
  else await box.uncheck();
}

/** Text that says a value is missing rather than what it is. */
export const MISSING_TEXT = /\b(null|undefined|NaN)\b/;
