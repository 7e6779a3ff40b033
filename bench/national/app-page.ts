// The set-up the page profiles of opening the national project share: the
// bench project (--count areas) opened by a browser-mode app, and a blank page
// with a Chrome DevTools Protocol session on it, handed over before navigation
// so the measuring starts first; the browser and the app go however it ends.
// What the national benches do first on the opened map: the density layer shown, its style open.
import type { CDPSession, Locator, Page } from 'playwright-core';
import { launchBrowser, mapIdle, startApp } from '../../test/e2e/harness';
import { benchArg, benchNationalProject, NATIONAL_DATA_DIR } from './setup';

/** nodeArgs go to the app's server process (e.g. --cpu-prof). */
export async function withNationalAppPage(measure: (page: Page, cdp: CDPSession, url: string) => Promise<void>, nodeArgs: string[] = []): Promise<void> {
  const built = await benchNationalProject(benchArg('count', 190_000));
  const app = await startApp({ CGM_DATA_DIR: NATIONAL_DATA_DIR, CGM_PROJECT: built.path }, nodeArgs);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await measure(page, await page.context().newCDPSession(page), app.url);
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** Shows the density layer (a national level's choropleth), waits for the map drawn, and opens its style; gives its layer row. */
export async function showDensityStyle(page: Page): Promise<Locator> {
  const row = page.locator('.layer-row[data-layer-id="density"]');
  await row.getByRole('checkbox').check();
  await mapIdle(page);
  await row.getByRole('button', { name: 'Style…' }).click();
  return row;
}
