// Exporting from the app in a real browser: the "Export…" dialog states the
// disclosure rule, is driven from the keyboard, and its files arrive as
// browser downloads — a gaps CSV for Excel, a GeoJSON layer and a small PNG
// map — with counts protected and nothing fetched beyond loopback.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Download, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, externalRequests, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Export' });

async function openExport(page: Page): Promise<void> {
  if ((await dialog(page).count()) === 0) await page.getByRole('button', { name: 'Export…' }).click();
  await dialog(page).waitFor();
}

/** Clicks Export and waits for the browser download it starts. */
async function exportAndDownload(page: Page, timeout = 60_000): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), dialog(page).getByRole('button', { name: 'Export', exact: true }).click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

/** Opens the map-image tab set to draw one layer at a custom size; returns the dialog. */
async function customLayerPng(page: Page, width: number, height: number) {
  await openExport(page);
  const d = dialog(page);
  await d.getByRole('tab', { name: 'Map image' }).click();
  await d.getByRole('radio', { name: /One layer over the whole project/ }).check();
  await d.getByRole('radio', { name: 'Custom size' }).check();
  await d.getByLabel('Width (pixels)').fill(String(width));
  await d.getByLabel('Height (pixels)').fill(String(height));
  return d;
}

beforeAll(async () => {
  // The shared demo project: these exports only read it.
  ({ app, browser, watched } = await openApp());
});

afterEach(async () => {
  expect(watched.consoleErrors).toEqual([]);
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('the export dialog', () => {
  it('opens from the header, states the disclosure rule and moves between tabs with the keyboard', async () => {
    const { page } = watched;
    await openExport(page);
    const d = dialog(page);
    await expect.poll(() => d.locator('#export-disclosure').textContent()).toContain('rounded to the nearest 5');
    expect(await d.locator('#export-disclosure').textContent()).toContain('shown as *');
    // The selected tab has focus; arrows move along the tab list.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Map image');
    await page.keyboard.press('ArrowRight');
    expect(await d.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await d.getByRole('tab', { name: 'Report' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await d.getByRole('radio', { name: /One layer over the whole project/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dialog.png') });
    // Escape closes it and gives focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export…');
  });

  it('downloads the gaps table as CSV for Excel, with user counts protected', async () => {
    const { page } = watched;
    await openExport(page);
    await dialog(page).getByRole('tab', { name: 'Table' }).click();
    await dialog(page).getByRole('radio', { name: /Gaps by area/ }).check();
    const { download, bytes } = await exportAndDownload(page);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^area_code,/);
    const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(10);
    const users = rows.map((r) => r.users);
    for (const u of users) expect(u === '*' || (/^\d+$/.test(u) && Number(u) % 5 === 0), `users "${u}"`).toBe(true);
    expect(users.some((u) => u === '*')).toBe(true);
    await dialog(page).getByText(`Downloaded ${download.suggestedFilename()}`).waitFor();
  });

  it('an export that ends after the click\'s activation has expired offers a Save button, in case the browser blocked it', async () => {
    const { page } = watched;
    // The state a long export ends in (a big map image, a busy machine): the Export click's
    // user activation has expired. Headless Chromium kept it past a 7 s delay here, so the
    // page's navigator.userActivation is set to what an expired one reads.
    await page.evaluate(() => Object.defineProperty(navigator, 'userActivation', { value: { isActive: false, hasBeenActive: true }, configurable: true }));
    try {
      await openExport(page);
      await dialog(page).getByRole('tab', { name: 'Table' }).click();
      await dialog(page).getByRole('radio', { name: /Travel-time bands/ }).check();
      await dialog(page).getByRole('button', { name: 'Export', exact: true }).click();
      await expect.poll(() => dialog(page).locator('.export-status').innerText(), { timeout: 60_000 }).toContain('Downloaded bands.csv');
      expect(await dialog(page).locator('.export-ready').innerText()).toContain('the browser may have blocked the download');
      // The click is the analyst's own gesture: the finished file is saved from memory, not exported again.
      const exports: string[] = [];
      const onRequest = (r: { url(): string }) => r.url().includes('/api/export') && exports.push(r.url());
      page.on('request', onRequest);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog(page).getByRole('button', { name: 'Save', exact: true }).click()]);
      page.off('request', onRequest);
      expect(download.suggestedFilename()).toBe('bands.csv');
      expect(readFileSync(await download.path()).subarray(3).toString('utf8')).toMatch(/^rank,segment_code,/);
      expect(exports).toEqual([]);
    } finally {
      await page.evaluate(() => delete (navigator as unknown as Record<string, unknown>).userActivation);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog(page).count()).toBe(0);
    }
  });

  it('a quick export needs no Save button', async () => {
    const { page } = watched;
    await openExport(page);
    await dialog(page).getByRole('tab', { name: 'Table' }).click();
    await dialog(page).getByRole('radio', { name: /Travel-time bands/ }).check();
    const { download } = await exportAndDownload(page);
    expect(download.suggestedFilename()).toBe('bands.csv');
    await dialog(page).getByText('Downloaded bands.csv').waitFor();
    expect(await dialog(page).getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
  });

  it('downloads a layer as RFC 7946 GeoJSON', async () => {
    const { page } = watched;
    await openExport(page);
    await dialog(page).getByRole('tab', { name: 'Layer' }).click();
    const select = dialog(page).getByRole('combobox', { name: /Layer/ });
    await select.selectOption('gaps');
    const { download, bytes } = await exportAndDownload(page);
    expect(download.suggestedFilename()).toMatch(/\.geojson$/);
    const fc = JSON.parse(bytes.toString('utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(10);
    const numbers = bytes.toString('utf8').match(/"coordinates":\[[^"]*/g)!.join('').match(/-?\d+\.\d+/g)!;
    expect(numbers.length).toBeGreaterThan(100);
    for (const n of numbers) expect(n.split('.')[1].length, n).toBeLessThanOrEqual(6);
  });

  it('saves the map as it is now as a view to print, with its extent and analysis choice', async () => {
    const { page } = watched;
    await openExport(page);
    const d = dialog(page);
    await d.getByRole('tab', { name: 'Map image' }).click();
    await d.getByRole('radio', { name: /A saved view/ }).check();
    await d.getByLabel('Save this map view first, as').fill('Export e2e view');
    await d.getByRole('button', { name: 'Save this view' }).click();
    await expect.poll(() => d.getByRole('combobox', { name: 'Saved view' }).inputValue()).toBe('Export e2e view');
    const views = (await app.call('listViews', {})) as { name: string; payload: Record<string, unknown> }[];
    const saved = views.find((v) => v.name === 'Export e2e view')!;
    expect(saved.payload.bounds).toHaveLength(4);
    expect(saved.payload).toMatchObject({ service: expect.any(String), indicator: expect.any(String), mode: 'walk' });
    // The demo project is shared with the other e2e files: leave it as it was.
    await app.call('deleteView', { name: 'Export e2e view' });
  });

  it('draws a small PNG map at exactly the custom size asked for', async () => {
    const { page } = watched;
    const d = await customLayerPng(page, 1200, 800);
    await d.getByLabel('Title (optional)', { exact: true }).fill('Kestrelford test map');
    // The spinner says it is drawing while the main process renders (software WebGL: tens of seconds).
    const done = exportAndDownload(page, 170_000);
    await d.getByText(/Drawing the map/).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dialog-drawing.png') });
    const { download, bytes } = await done;
    expect(download.suggestedFilename()).toMatch(/1200x800\.png$/);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1200, 800]);
    writeFileSync(join(SCREENSHOT_DIR, 'export-map-1200x800.png'), bytes);
    await d.getByText('1200 × 800 pixels', { exact: false }).waitFor();
  }, 180_000);

  it('cancels a map image while it draws: nothing is downloaded and the dialog is ready again', async () => {
    const { page } = watched;
    // A poster: left alone it would draw for half a minute or more.
    const d = await customLayerPng(page, 8000, 6000);
    let downloads = 0;
    const count = () => downloads++;
    page.on('download', count);
    await d.getByRole('button', { name: 'Export', exact: true }).click();
    await d.getByText(/Drawing the map/).waitFor();
    // The main process has opened a page in a (kept) headless browser to draw the map...
    const drawing = () => app.descendants().filter((c) => /chrom/i.test(c) && c.includes('--type=renderer')).length;
    await expect.poll(drawing, { timeout: 60_000 }).toBeGreaterThan(0);
    await d.getByRole('button', { name: 'Cancel export' }).click();
    await d.getByText('Export cancelled; nothing was written.').waitFor();
    // ...and the cancel reaches it: that page is closed at once, not left to finish (the browser itself may be kept warm for the next export).
    await expect.poll(drawing, { timeout: 5_000 }).toBe(0);
    expect(await d.getByRole('button', { name: 'Export', exact: true }).isEnabled()).toBe(true);
    expect(await d.getByRole('button', { name: 'Close', exact: true }).count()).toBe(1);
    page.off('download', count);
    expect(downloads).toBe(0);
  }, 120_000);

  it('made no request beyond the loopback server', () => {
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
