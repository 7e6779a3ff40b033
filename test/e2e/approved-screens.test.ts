// Key views compared with approved images (test/e2e/approved/*.png) at
// 1366×768 and 1920×1080: the workspace as it opens, the uptake ratio with the
// gap table and an area's panel, and a presented view. The demo project is
// deterministic, motion is off, and the map is idle before each capture; the
// comparison (approved.ts) passes software-rendering noise but not a moved
// legend or panel. After a deliberate change of look, regenerate them all with
//   npm run approve:screens
// and review the new images before committing them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningApp } from './harness';
import { DEFAULT_TOLERANCE, matchApproved } from './approved';
import { DESKTOP, LAPTOP, openStillPage, startOwnApp, setLayer, settle } from './screens';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startOwnApp('approved-screens');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function expectApproved(page: Page, name: string): Promise<void> {
  await settle(page);
  const { share, message } = matchApproved(name, await page.screenshot());
  console.log(`${name}: ${message}`);
  expect(share, message).toBeLessThanOrEqual(DEFAULT_TOLERANCE.maxShare);
}

describe.each([
  ['1366', LAPTOP],
  ['1920', DESKTOP],
])('at width %s', (width, viewport) => {
  let page: Page;

  beforeAll(async () => {
    page = (await openStillPage(browser, app.url, viewport)).page;
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('the workspace as it opens', async () => {
    await expectApproved(page, `workspace-${width}.png`);
  });

  it('the uptake ratio, the gap table and one area’s panel', async () => {
    await setLayer(page, 'segments', false);
    await setLayer(page, 'uptake', true);
    await page.getByRole('tab', { name: 'Gap table' }).click();
    await page.locator('.gap-table tbody tr').first().click();
    await page.locator('.area-panel').waitFor();
    // The sidebar scrolled to the checkboxes: put it back, as a screen at rest would be.
    await page.locator('.sidebar').evaluate((e) => (e.scrollTop = 0));
    await expectApproved(page, `uptake-panel-${width}.png`);
    await page.getByRole('button', { name: 'Close area details' }).click();
    // The map widens again once the panel has gone; the next view is saved from the full width.
    await expect.poll(() => page.evaluate(() => window.__cgmMap!.getCanvas().clientWidth)).toBe(viewport.width - (viewport === LAPTOP ? 300 : 340));
    await settle(page);
  });

  it('a presented view', async () => {
    await page.getByRole('button', { name: /^Save view/ }).click();
    await page.getByRole('dialog', { name: 'Save view' }).getByLabel('View name').fill(`Uptake at ${width}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const views: { name: string }[] = await app.call('listViews', {});
    await page.getByRole('button', { name: 'Present' }).click();
    for (let i = 1; i < views.length; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.presentation__title p').innerText()).toBe(`Uptake at ${width}`);
    await expectApproved(page, `presentation-${width}.png`);
    await page.keyboard.press('Escape');
  });
});
