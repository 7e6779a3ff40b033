// Reordering layers in a real browser: a row's grip drags it (native HTML5 drag
// and drop) to a new place in the list, the Move up / Move down buttons and
// Alt+↑ / Alt+↓ follow, the map draws in the new order, and the new position is
// announced. The list is top of the map first.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, externalRequests, MAP_CANVAS, mapIdle, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
let initialRows: string[];
let initialMap: string[];

const row = (page: Page, id: string) => page.locator(`.layer-list > .layer-row[data-layer-id="${id}"]`);
const rowIds = (page: Page) => page.locator('.layer-list > .layer-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer-id')!));
const mapOrder = (page: Page) => page.evaluate(() => window.__cgmMap!.getLayersOrder());
const status = (page: Page) => page.locator('.layer-panel [role="status"]').innerText();

/** The list once `id` is dropped just above or below `target`. */
function after(ids: string[], id: string, target: string, side: 'above' | 'below'): string[] {
  const rest = ids.filter((x) => x !== id);
  const t = rest.indexOf(target);
  rest.splice(side === 'above' ? t : t + 1, 0, id);
  return rest;
}

/** Scrolls the sidebar so both rows are on screen (the list is taller than the window). */
async function showRows(page: Page, ids: string[]): Promise<void> {
  await page.evaluate((ids) => {
    const rows = ids.map((id) => document.querySelector(`.layer-list > .layer-row[data-layer-id="${id}"]`)!);
    const sidebar = rows[0].closest('.sidebar')!;
    const top = Math.min(...rows.map((r) => r.getBoundingClientRect().top));
    sidebar.scrollTop += top - sidebar.getBoundingClientRect().top - 8;
  }, ids);
}

/** Drags `id` by its grip onto the upper or lower edge of `target`'s row. */
async function dragRow(page: Page, id: string, target: string, side: 'above' | 'below'): Promise<void> {
  await showRows(page, [id, target]);
  const box = (await row(page, target).boundingBox())!;
  await row(page, id)
    .locator('.layer-row__grip')
    .dragTo(row(page, target), { targetPosition: { x: box.width / 2, y: side === 'above' ? 6 : box.height - 6 } });
}

/** Moves the list back to how it started, one drag per misplaced row, and waits for the map to follow. */
async function restore(page: Page): Promise<void> {
  for (let i = 0; i < initialRows.length; i++) {
    const ids = await rowIds(page);
    if (ids[i] === initialRows[i]) continue;
    // Put the row that belongs here just above the one now in its place.
    await dragRow(page, initialRows[i], ids[i], 'above');
    await expect.poll(() => rowIds(page).then((now) => now[i])).toBe(initialRows[i]);
  }
  await expect.poll(() => mapOrder(page)).toEqual(initialMap);
}

async function disabled(page: Page, name: string): Promise<boolean> {
  return page.getByRole('button', { name, exact: true }).isDisabled();
}

beforeAll(async () => {
  // The analysis's layers and the users' hexagons join the list when their worker threads answer: the
  // order is read once the list is whole.
  ({ app, browser, watched } = await openApp({ viewport: { width: 1366, height: 900 }, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
  await watched.page.waitForSelector('.layer-row[data-layer-id="user-hexbins"]', { timeout: 120_000 });
  await mapIdle(watched.page);
  initialRows = await rowIds(watched.page);
  initialMap = await mapOrder(watched.page);
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('reordering layers', () => {
  it('starts from the demo order: roads over the segment fills, a grip on every row', async () => {
    const { page } = watched;
    expect(initialRows.indexOf('roads')).toBeLessThan(initialRows.indexOf('segments'));
    expect(await page.locator('.layer-list > .layer-row').count()).toBe(initialRows.length);
    expect(await page.locator('.layer-list > .layer-row .layer-row__grip[draggable="true"][aria-hidden="true"]').count()).toBe(initialRows.length);
    const cursor = await page.locator('.layer-row__grip').first().evaluate((el) => getComputedStyle(el).cursor);
    expect(cursor).toBe('grab');
  });

  it('drags Roads below the segment fills: the list, the announcement and the map follow', async () => {
    const { page } = watched;
    await dragRow(page, 'roads', 'segments', 'below');
    const expected = after(initialRows, 'roads', 'segments', 'below');
    await expect.poll(() => rowIds(page)).toEqual(expected);
    expect(await status(page)).toBe(`Roads moved to position ${expected.indexOf('roads') + 1} of ${expected.length}`);
    // The map: the segment fills are now drawn in a deck group above (after) every road layer.
    await expect
      .poll(async () => {
        const order = await mapOrder(page);
        const firstRoad = order.findIndex((id) => id.startsWith('roads:'));
        const fills = order.findIndex((id) => id.startsWith('deck-maplibre-layer-group-before:boundaries-'));
        return firstRoad >= 0 && fills > firstRoad;
      })
      .toBe(true);
    await restore(page);
  });

  it('drags a base-map layer over another: maplibre draws them in the new order', async () => {
    const { page } = watched;
    const lsoaBelowRoads = () => mapOrder(page).then((o) => o.indexOf('boundaries-LSOA:line') < o.findIndex((id) => id.startsWith('roads:')));
    expect(await lsoaBelowRoads()).toBe(false);
    // Dragged up the list: Roads lands above the LSOA boundaries, so they are drawn under it.
    await dragRow(page, 'roads', 'boundaries-LSOA', 'above');
    await expect.poll(() => rowIds(page)).toEqual(after(initialRows, 'roads', 'boundaries-LSOA', 'above'));
    await expect.poll(lsoaBelowRoads).toBe(true);
    await mapIdle(page);
    await restore(page);
  });

  it('drags to the top and to the bottom, and the end buttons follow', async () => {
    const { page } = watched;
    const [top, second] = initialRows;
    const [last, secondLast] = [...initialRows].reverse();
    const title = async (id: string) => row(page, id).locator('.layer-row__title').innerText();
    const [topTitle, secondTitle, lastTitle, secondLastTitle] = await Promise.all([top, second, last, secondLast].map(title));
    expect(await disabled(page, `Move ${topTitle} up`)).toBe(true);
    expect(await disabled(page, `Move ${lastTitle} down`)).toBe(true);

    await dragRow(page, second, top, 'above');
    await expect.poll(() => rowIds(page)).toEqual(after(initialRows, second, top, 'above'));
    expect(await disabled(page, `Move ${secondTitle} up`)).toBe(true);
    expect(await disabled(page, `Move ${topTitle} up`)).toBe(false);
    expect(await status(page)).toBe(`${secondTitle} moved to position 1 of ${initialRows.length}`);

    await dragRow(page, secondLast, last, 'below');
    await expect.poll(() => rowIds(page)).toEqual(after(after(initialRows, second, top, 'above'), secondLast, last, 'below'));
    expect(await disabled(page, `Move ${secondLastTitle} down`)).toBe(true);
    expect(await disabled(page, `Move ${lastTitle} down`)).toBe(false);
    expect(await status(page)).toBe(`${secondLastTitle} moved to position ${initialRows.length} of ${initialRows.length}`);
    await restore(page);
    expect(await disabled(page, `Move ${topTitle} up`)).toBe(true);
    expect(await disabled(page, `Move ${lastTitle} down`)).toBe(true);
  });

  it('shows an insertion line while dragging, and a drop outside the list changes nothing', async () => {
    const { page } = watched;
    await showRows(page, ['roads', 'segments']);
    const source = (await row(page, 'roads').boundingBox())!;
    const grip = (await row(page, 'roads').locator('.layer-row__grip').boundingBox())!;
    const target = (await row(page, 'segments').boundingBox())!;
    const cls = (id: string) => () => row(page, id).getAttribute('class');
    const lines = () => page.locator('.layer-row--drop-above, .layer-row--drop-below').count();
    /** Drags to (x, y), then reads `read` there. Chromium fires dragover only from the second move over an
     * element (a real drag repeats it every 50 ms), so each poll moves again. */
    const over = async <T,>(x: number, y: number, read: () => Promise<T>) => {
      await page.mouse.move(x, y, { steps: 3 });
      return async () => {
        await page.mouse.move(x, y);
        return read();
      };
    };
    const middle = target.x + target.width / 2;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    try {
      await expect.poll(await over(middle, target.y + 6, cls('segments'))).toMatch(/layer-row--drop-above/);
      await expect.poll(cls('roads')).toMatch(/layer-row--dragging/);
      // The line is drawn in the gap above the target row.
      const line = await row(page, 'segments').evaluate((el) => {
        const s = getComputedStyle(el, '::before');
        return { content: s.content, height: s.height, top: s.top };
      });
      expect(line).toEqual({ content: '""', height: '2px', top: '-5px' });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'layer-order-dragging.png') });
      // Over the lower half of the segments row: the line moves below it.
      await expect.poll(await over(middle, target.y + target.height - 8, cls('segments'))).toMatch(/layer-row--drop-below/);
      expect(await lines()).toBe(1);
      // Over the dragged row itself the drop would change nothing, so no line.
      await expect.poll(await over(source.x + source.width / 2, source.y + 10, lines)).toBe(0);
      await expect.poll(await over(middle, target.y + 6, lines)).toBe(1);
      // Out over the map, which takes no drop: the line goes, and letting go leaves the order alone.
      const map = (await page.locator(MAP_CANVAS).boundingBox())!;
      await expect.poll(await over(map.x + map.width / 2, map.y + map.height / 2, lines)).toBe(0);
    } finally {
      await page.mouse.up();
    }
    await expect.poll(() => page.locator('.layer-row--dragging').count()).toBe(0);
    expect(await rowIds(page)).toEqual(initialRows);
    expect(await mapOrder(page)).toEqual(initialMap);
  });

  it('moves with Alt+↑ / Alt+↓ from a focused row, keeping focus and announcing the position', async () => {
    const { page } = watched;
    const check = row(page, 'roads').getByRole('checkbox');
    await check.focus();
    const at = initialRows.indexOf('roads');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => rowIds(page).then((ids) => ids.indexOf('roads'))).toBe(at - 1);
    await expect.poll(() => status(page)).toBe(`Roads moved to position ${at} of ${initialRows.length}`);
    expect(await check.evaluate((el) => el === document.activeElement)).toBe(true);
    // Alt+↓ twice: past where it started (the DOM move that drops focus is the other way round).
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => rowIds(page).then((ids) => ids.indexOf('roads'))).toBe(at + 1);
    await expect.poll(() => status(page)).toBe(`Roads moved to position ${at + 2} of ${initialRows.length}`);
    expect(await check.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await row(page, 'roads').getByRole('checkbox').isChecked()).toBe(true);
    // The opacity slider does not step on Alt+arrows: the row moves instead.
    const slider = row(page, 'roads').getByRole('slider');
    const opacity = await slider.inputValue();
    await slider.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => rowIds(page).then((ids) => ids.indexOf('roads'))).toBe(at);
    expect(await slider.inputValue()).toBe(opacity);
    expect(await rowIds(page)).toEqual(initialRows);
    await expect.poll(() => mapOrder(page)).toEqual(initialMap);
  });

  it('keeps focus in the row when a Move button reaches the end of the list', async () => {
    const { page } = watched;
    const [last, secondLast] = [...initialRows].reverse();
    const title = await row(page, secondLast).locator('.layer-row__title').innerText();
    await showRows(page, [secondLast, last]);
    await page.getByRole('button', { name: `Move ${title} down`, exact: true }).click();
    await expect.poll(() => rowIds(page).then((ids) => ids.at(-1))).toBe(secondLast);
    expect(await disabled(page, `Move ${title} down`)).toBe(true);
    // The disabled button cannot hold focus: its neighbour takes it, so Enter moves the row back.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move ${title} up`);
    await page.keyboard.press('Enter');
    await expect.poll(() => rowIds(page)).toEqual(initialRows);
    await expect.poll(() => mapOrder(page)).toEqual(initialMap);
  });

  it('logged no console errors and asked nothing of any host but 127.0.0.1', async () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
