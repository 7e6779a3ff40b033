// The set-up the page profiles of opening the national project share: the
// bench project (--count areas) opened by a browser-mode app, and a blank page
// with a Chrome DevTools Protocol session on it, handed over before navigation
// so the measuring starts first; the browser and the app go however it ends.
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, startApp } from '../../test/e2e/harness';
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
