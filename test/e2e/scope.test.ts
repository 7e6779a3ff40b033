// What an analysis counts, in the app (issues 15.10 and 15.11): the Analysis
// panel's users-period selector changes the gap table to that period's users
// (the same total the services give for it), and an area excluded from the area
// panel, with a reason, leaves the gap table and is named under the choices;
// Ctrl+Z brings it back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INDICATOR, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { closeApp, E2E_DATA_DIR, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test excludes an area of its project.
const DATA_DIR = join(E2E_DATA_DIR, 'scope');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

/** Σ of the gap table's Users column as shown (exact counts in the working view). */
async function shownUsers(page: Page): Promise<number> {
  const headers = (await page.locator('.gap-table thead th').allTextContents()).map((h) => h.trim());
  const col = headers.findIndex((h) => h.startsWith('Users'));
  const cells = await page.locator(`.gap-table tbody tr td:nth-child(${col + 1}), .gap-table tbody tr th:nth-child(${col + 1})`).allTextContents();
  return cells.reduce((t, c) => t + Number(c.replace(/,/g, '')), 0);
}

describe('choosing what an analysis counts', () => {
  it('a users period chosen in the Analysis panel drives the gap table', async () => {
    const { page } = watched;
    const scope = await app.call('getAnalysisScope', { service: DEMO_SERVICE });
    expect(scope.periods.length).toBeGreaterThan(1);
    const period = scope.periods[0];
    const want = await app.call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, period });
    const all = await app.call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR });
    const sum = (a: { rows: { users: number }[] }) => a.rows.reduce((t, r) => t + r.users, 0);
    expect(sum(want)).toBeLessThan(sum(all));

    await page.getByRole('tab', { name: 'Gap table' }).click();
    await page.locator('.gap-table tbody tr').first().waitFor({ timeout: 120_000 });
    await expect.poll(() => shownUsers(page), { timeout: 60_000 }).toBe(sum(all));
    await page.getByLabel('Users period').selectOption(period);
    await expect.poll(() => shownUsers(page), { timeout: 60_000 }).toBe(sum(want));

    // What is exported is the period shown: the dialog's gaps CSV is the services' export of that period.
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    await exportDialog.getByRole('tab', { name: 'Table' }).click();
    await exportDialog.getByRole('radio', { name: /Gaps by area/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), exportDialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const downloaded = readFileSync(await download.path()).toString('utf8');
    const ofPeriod = await app.call('exportTable', { table: 'gaps', service: DEMO_SERVICE, indicator: DEMO_INDICATOR, period });
    const ofAll = await app.call('exportTable', { table: 'gaps', service: DEMO_SERVICE, indicator: DEMO_INDICATOR });
    const text = (f: { dataBase64: string }) => Buffer.from(f.dataBase64, 'base64').toString('utf8');
    expect(text(ofPeriod)).not.toBe(text(ofAll));
    expect(downloaded).toBe(text(ofPeriod));
    await page.keyboard.press('Escape');

    await page.getByLabel('Users period').selectOption('');
    await expect.poll(() => shownUsers(page), { timeout: 60_000 }).toBe(sum(all));
  });

  it('an area excluded from the area panel leaves the tables, and Ctrl+Z brings it back', async () => {
    const { page } = watched;
    const first = page.locator('.gap-table tbody tr').first();
    const code = (await first.getAttribute('data-key'))!;
    await first.click();
    await expect.poll(() => page.locator(`.area-panel[data-area-code="${code}"]`).count()).toBe(1);
    await page.getByLabel('Reason to leave it out (e.g. a prison)').fill('Test: a prison');
    await page.getByRole('button', { name: 'Exclude this area' }).click();
    await expect.poll(() => page.locator('[data-testid="excluded-areas"]').textContent(), { timeout: 60_000 }).toContain('(Test: a prison)');
    await expect.poll(() => page.locator(`.gap-table tbody tr[data-key="${code}"]`).count(), { timeout: 60_000 }).toBe(0);
    expect((await app.call('getAnalysisScope', {})).excluded.map((a: { code: string }) => a.code)).toEqual([code]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scope-excluded-area.png') });

    await page.locator('#area-panel-heading').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid="excluded-areas"]').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.locator(`.gap-table tbody tr[data-key="${code}"]`).count(), { timeout: 60_000 }).toBe(1);
  });
});
