// Keyboard and screen-reader access to the workspace (issue 17), and the small
// layout faults an audience would notice: skip links reach the map, the layers
// and the dock in a few presses; every slider and style button is named after
// its layer; the legend folds and stays folded; "Save view" asks for a name
// (Enter accepts the default, Escape cancels); the active dock tab does not
// collapse the dock, and leaving presentation keeps the tab; "1 area".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningApp, type WatchedPage } from './harness';
import { LAPTOP, openStillPage, startOwnApp } from './screens';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

beforeAll(async () => {
  app = await startOwnApp('layout-keyboard');
  browser = await launchBrowser();
  watched = await openStillPage(browser, app.url, LAPTOP);
  page = watched.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What has the focus: its role or tag, and its accessible text. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', role: el?.getAttribute('role') ?? '', text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim() };
  });

/** Starts the Tab order from the top of the page. */
async function fromTop(p: Page): Promise<void> {
  // Focusing the page's root puts the next Tab on its first focusable descendant (a click would start from where it landed).
  await p.evaluate(() => {
    const root = document.getElementById('root')!;
    root.tabIndex = -1;
    root.focus();
    root.removeAttribute('tabindex');
  });
}

describe('skip links', () => {
  it('are the first three Tab stops, each visible while focused', async () => {
    await fromTop(page);
    for (const label of ['Skip to the map', 'Skip to the layers', 'Skip to the analysis dock']) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).text).toBe(label);
      const b = (await page.getByRole('link', { name: label }).boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(LAPTOP.width);
    }
    // Unfocused, they are out of sight.
    await page.keyboard.press('Tab');
    const hidden = (await page.getByRole('link', { name: 'Skip to the map' }).boundingBox())!;
    expect(hidden.y + hidden.height).toBeLessThanOrEqual(0);
  });

  it('reach the dock in four presses (it took about sixty), the layers and the map in two or three', async () => {
    await fromTop(page);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ role: 'tab', text: 'Service profile' });

    await fromTop(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('.layer-row') !== null && (document.activeElement as HTMLInputElement).type === 'checkbox')).toBe(true);

    await fromTop(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
  });
});

describe('layer controls', () => {
  it('name every opacity slider and style button after its layer', async () => {
    const titles = await page.locator('.layer-row__title').allInnerTexts();
    const sliders = page.getByRole('slider');
    const names = await sliders.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''));
    expect(names).toEqual(titles.map((t) => `Opacity of ${t}`));
    expect(await page.getByRole('slider', { name: 'Opacity of Gap type', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Style… (Need prevalence)', exact: true }).count()).toBe(1);
  });
});

describe('the legend', () => {
  it('folds from the keyboard, and stays folded after a reload', async () => {
    const toggle = page.getByRole('button', { name: 'Hide the legend' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.map-legend .legend__block').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show the legend' }).getAttribute('aria-expanded')).toBe('false');
    await page.reload();
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Show the legend' }).waitFor();
    expect(await page.locator('.map-legend .legend__block').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the legend' }).click();
    await expect.poll(() => page.locator('.map-legend .legend__block[data-layer-id="segments"]').count()).toBe(1);
    // The base map's key starts folded, one button away.
    const reference = page.locator('.map-legend .legend__block[data-layer-id="basemap"]');
    expect(await reference.locator('.legend__entry').count()).toBe(0);
    await reference.getByRole('button', { name: 'Base map' }).click();
    await expect.poll(() => reference.locator('.legend__entry').count()).toBeGreaterThan(0);
    await reference.getByRole('button', { name: 'Base map' }).click();
  });
});

describe('saving a view', () => {
  it('asks for a name, offering what the map shows and the level; Escape cancels', async () => {
    await page.waitForSelector('.layer-row[data-layer-id="gap-type"]', { timeout: 120_000 });
    const before = (await app.call('listViews', {})).length;
    const button = page.getByRole('button', { name: /^Save view/ });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    const name = dialog.getByLabel('View name');
    await expect.poll(() => name.inputValue()).toBe('Geodemographic segment — OA');
    expect(await name.evaluate((e) => document.activeElement === e && (e as HTMLInputElement).selectionEnd! - (e as HTMLInputElement).selectionStart! === (e as HTMLInputElement).value.length)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await focused(page)).text).toMatch(/^Save view/);
    expect((await app.call('listViews', {})).length).toBe(before);
  });

  it('saves under the default with Enter, and under a typed name', async () => {
    const button = page.getByRole('button', { name: /^Save view/ });
    await button.click();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.call('listViews', {})).map((v: { name: string }) => v.name)).toContain('Geodemographic segment — OA');
    await button.click();
    const name = page.getByRole('dialog', { name: 'Save view' }).getByLabel('View name');
    // The default moves past the name just taken.
    await expect.poll(() => name.inputValue()).toBe('Geodemographic segment — OA (2)');
    await page.keyboard.type('Town centre segments');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.call('listViews', {})).map((v: { name: string }) => v.name)).toContain('Town centre segments');
    await expect.poll(() => button.innerText()).toMatch(/\(2\)$/);
  });
});

describe('the dock', () => {
  it('stays open when its active tab is clicked; the toggle is what hides it', async () => {
    const tab = page.getByRole('tab', { name: 'Travel-time bands' });
    await tab.click();
    await tab.click();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#dock-panel').count()).toBe(1);
    await page.getByRole('button', { name: 'Hide the analysis dock' }).click();
    await expect.poll(() => page.locator('#dock-panel').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the analysis dock' }).click();
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    // The tabs' own arrow-key pattern still moves between them.
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ role: 'tab', text: 'Gap table' });
    expect(await page.getByRole('tab', { name: 'Gap table' }).getAttribute('aria-selected')).toBe('true');
  });

  it('keeps its tab through a presentation', async () => {
    await page.getByRole('tab', { name: 'Strata' }).click();
    await page.getByRole('button', { name: 'Present' }).click();
    await page.locator('.presentation').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.presentation').count()).toBe(0);
    await expect.poll(() => page.getByRole('tab', { name: 'Strata' }).getAttribute('aria-selected')).toBe('true');
  });

  it('counts one selected area in the singular', async () => {
    const oa = (await app.call('getAreaLayer', { level: 'OA' })).features[100].properties.code as string;
    await page.getByRole('combobox', { name: 'Find' }).fill(oa);
    await expect.poll(() => page.getByRole('listbox', { name: 'Matches' }).getByRole('option').first().innerText()).toContain(oa);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.selection-chip').innerText()).toMatch(/^Selected: 1 area\b/);
  });

  it('logged no console errors', () => {
    expect(watched.consoleErrors).toEqual([]);
  });
});
