// Meeting-ready layout (issue 17) at 1366×768, the common council laptop, and
// 1920×1080: the legend sits inside the map and covers at most a fifth of it
// with the significance key in view, the dock's tables scroll sideways with
// their naming columns held, the area panel docks beside the map, and in
// presentation the title and legend stay apart with each view fitted to the
// map right of them. No "null" anywhere on screen.
//
// Site labels are drawn by deck.gl (no DOM boxes): their overlap is checked by
// the label-collision work's own tests, not here.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalRequests, launchBrowser, type RunningApp, type WatchedPage } from './harness';
import { box, DESKTOP, inside, intersects, LAPTOP, MISSING_TEXT, openStillPage, startOwnApp, setLayer, settle } from './screens';

/** The share of the map the workspace legend may cover. */
const MAX_LEGEND_SHARE = 0.2;

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startOwnApp('layout');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

async function legendShare(page: Page): Promise<number> {
  const [legend, map] = [await box(page, '.map-legend .legend'), await box(page, '.map-canvas')];
  expect(inside(legend, map), `legend ${JSON.stringify(legend)} inside map ${JSON.stringify(map)}`).toBe(true);
  return (legend.width * legend.height) / (map.width * map.height);
}

describe.each([
  ['1366×768', LAPTOP],
  ['1920×1080', DESKTOP],
])('at %s', (_name, viewport) => {
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    watched = await openStillPage(browser, app.url, viewport);
    page = watched.page;
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('gives the map most of the screen, the legend at most a fifth of it without scrolling', async () => {
    await settle(page);
    const map = await box(page, '.map-canvas');
    // 1366×768 used to leave 1066×370 px; the dock's first height now leaves 416 px (0.4 of 694).
    expect(map.width).toBe(viewport.width - (viewport.width >= 1600 ? 340 : 300));
    expect(map.height).toBeGreaterThanOrEqual(Math.round((viewport.height - 74) * 0.6) - 1);
    expect(await legendShare(page)).toBeLessThanOrEqual(MAX_LEGEND_SHARE);
    expect(await page.locator('.map-legend .legend').evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
    expect(await bodyText(page)).not.toMatch(MISSING_TEXT);
  });

  it('shows the uptake ratio’s significance key in full, the legend still within its share', async () => {
    await setLayer(page, 'segments', false);
    await setLayer(page, 'uptake', true);
    await settle(page);
    expect(await legendShare(page)).toBeLessThanOrEqual(MAX_LEGEND_SHARE);
    const legend = await box(page, '.map-legend .legend');
    for (const value of ['outline:low', 'outline:high']) {
      const entry = await box(page, `.legend__block[data-layer-id="uptake"] .legend__entry[data-value="${value}"]`);
      expect(inside(entry, legend), `${value} entry in view`).toBe(true);
    }
    expect(await bodyText(page)).not.toMatch(MISSING_TEXT);
  });

  it('scrolls the gap table sideways with rank and area held, never wrapping a cell', async () => {
    await page.getByRole('tab', { name: 'Gap table' }).click();
    const rows = page.locator('.gap-table tbody tr');
    await rows.first().waitFor({ timeout: 120_000 });
    const content = page.locator('.dock-content');
    const [scrollWidth, clientWidth] = await content.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    // At 1366 the table is wider than the dock (it used to squeeze "Nearest site" onto three lines).
    if (viewport === LAPTOP) expect(scrollWidth).toBeGreaterThan(clientWidth);
    const heights = await rows.evaluateAll((trs) => trs.slice(0, 30).map((tr) => tr.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(40);

    await content.evaluate((e) => (e.scrollLeft = e.scrollWidth));
    const dock = await box(page, '.dock-content');
    const cells = await rows.first().locator('td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    expect(Math.abs(cells[0].left - dock.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(cells[1].left - cells[0].right)).toBeLessThanOrEqual(1);
    // The last column (Rule) is in view once scrolled to the end.
    expect(cells[cells.length - 1].right).toBeLessThanOrEqual(dock.x + dock.width + 1);
    const header = await page.locator('.gap-table thead th').first().boundingBox();
    expect(Math.abs(header!.x - dock.x)).toBeLessThanOrEqual(1);
    await content.evaluate((e) => (e.scrollLeft = 0));
  });

  it('docks the area panel beside the map, not over it', async () => {
    await page.locator('.gap-table tbody tr').first().click();
    await page.locator('.area-panel').waitFor();
    await settle(page);
    const [panel, map, legend] = [await box(page, '.area-panel'), await box(page, '.map-canvas'), await box(page, '.map-legend .legend')];
    expect(intersects(panel, map)).toBe(false);
    expect(Math.abs(map.x + map.width - panel.x)).toBeLessThanOrEqual(1);
    expect(intersects(legend, panel)).toBe(false);
    expect(await bodyText(page)).not.toMatch(MISSING_TEXT);
    await page.getByRole('button', { name: 'Close area details' }).click();
    await expect.poll(() => page.locator('.area-panel').count()).toBe(0);
  });

  it('presents a saved view clear of the title and legend, which never meet', async () => {
    await page.getByRole('button', { name: /^Save view/ }).click();
    await page.getByRole('dialog', { name: 'Save view' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const views: { name: string; payload: { bounds: [number, number, number, number] } }[] = await app.call('listViews', {});
    const view = views[views.length - 1];
    await page.getByRole('button', { name: 'Present' }).click();
    // Step to the view just saved (views are kept in the order they were saved).
    for (let i = 1; i < views.length; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.presentation__title p').innerText()).toBe(view.name);
    await settle(page);
    const [title, legend, controls, screen] = [await box(page, '.presentation__title'), await box(page, '.presentation__legend .legend'), await box(page, '.presentation__controls'), await box(page, '.map-canvas')];
    expect(intersects(title, legend)).toBe(false);
    expect(inside(legend, screen)).toBe(true);
    // The saved ground, fitted into the map right of the column and above the controls (16 px clear of each).
    const [w, s, e, n] = view.payload.bounds;
    const corners = await page.evaluate((points) => points.map((p) => window.__cgmMap!.project(p as [number, number])), [[w, s], [e, n]]);
    const left = Math.max(title.x + title.width, legend.x + legend.width) - screen.x;
    const bottom = controls.y - screen.y;
    expect(Math.min(corners[0].x, corners[1].x)).toBeGreaterThanOrEqual(left + 16 - 2);
    expect(Math.max(corners[0].y, corners[1].y)).toBeLessThanOrEqual(bottom - 16 + 2);
    expect(Math.min(corners[0].y, corners[1].y)).toBeGreaterThanOrEqual(16 - 2);
    expect(Math.max(corners[0].x, corners[1].x)).toBeLessThanOrEqual(screen.width - 16 + 2);
    expect(await bodyText(page)).not.toMatch(MISSING_TEXT);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.presentation').count()).toBe(0);
  });

  it('logged no console errors and asked nothing of any host but 127.0.0.1', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
