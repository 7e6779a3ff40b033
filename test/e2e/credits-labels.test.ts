// Issue 17 on a real project (Rutland, 1366x768): site labels never overlap
// and never read "null" (a site without a name shows its code), at the zoom
// that fits the county and closer in; the status bar credits the layers shown
// with their data's years and says the data's date, which the Data dates
// dialog corrects (an undoable edit).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importSites } from '../../electron/importers/index';
import { setDataDate } from '../../electron/store/datasets';
import { buildRutland, GP, text, type RutlandProject } from '../support/rutland-project';
import { closeApp, externalRequests, mapIdle, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

let rutland: RutlandProject;
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  rutland = await buildRutland();
  // A site with a code and no name, 300 m from Oakham's practices: its label must be its code.
  await importSites(rutland.project, text('unnamed.csv', 'code,lat,lon\nX99001,52.6705,-0.7300\n'), { service: 'Clinic', codeField: 'code', latField: 'lat', lonField: 'lon' });
  // The dates the Rutland README gives (the test imports bypass the CLI and app edges that record them).
  const db = rutland.project.db;
  setDataDate(db, 'boundaries', '2011', 'analyst');
  setDataDate(db, 'population', '2021-03', 'analyst');
  setDataDate(db, 'segments', '2021', 'analyst');
  setDataDate(db, 'assignments', '2021', 'analyst');
  setDataDate(db, 'postcodes', '2014-08', 'analyst');
  setDataDate(db, 'sites', '2019-12', 'analyst', GP);
  rutland.project.close();
  ({ app, browser, watched } = await openApp({ dataDir: join(rutland.dir, 'app-data'), env: { CGM_PROJECT: rutland.path } }));
}, 300_000);

afterEach(() => {
  expect(watched.consoleErrors).toEqual([]);
  expect(externalRequests(watched.requests)).toEqual([]);
});

afterAll(async () => {
  await closeApp({ app, browser });
  rutland?.cleanup();
});

type Placed = { text: string; box: { x: number; y: number; width: number; height: number } };
const labels = (page: Page) => page.evaluate(() => Object.values(window.__cgmSiteLabels ?? {}).flat() as Placed[]);
const overlap = (a: Placed['box'], b: Placed['box']) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function overlapping(placed: Placed[]): string[] {
  const out: string[] = [];
  placed.forEach((a, i) => placed.slice(i + 1).forEach((b) => overlap(a.box, b.box) && out.push(`${a.text} / ${b.text}`)));
  return out;
}

describe('site labels', () => {
  it('never overlap nor say "null", fitted to the county and zoomed in on Oakham', async () => {
    const { page } = watched;
    await mapIdle(page);
    await expect.poll(async () => (await labels(page)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const county = await labels(page);
    expect(overlapping(county)).toEqual([]);
    expect(county.map((l) => l.text).filter((t) => /null|undefined/.test(t))).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'labels-rutland-1366.png') });

    // Closer in, the Oakham cluster spreads out: labels are placed again, still apart, and the nameless site shows its code.
    await page.evaluate(() => window.__cgmMap!.jumpTo({ center: [-0.729, 52.669], zoom: 15 }));
    await mapIdle(page);
    await expect.poll(async () => (await labels(page)).map((l) => l.text), { timeout: 60_000 }).toContain('X99001');
    const town = await labels(page);
    expect(overlapping(town)).toEqual([]);
    expect(town.map((l) => l.text).filter((t) => /null|undefined/.test(t))).toEqual([]);
  });
});

describe('credits and data dates', () => {
  const status = (page: Page) => page.locator('.status-bar').first();

  it('credits the layers shown with their data\'s years and says the data\'s date', async () => {
    const { page } = watched;
    // Areas (2011 boundaries, Census 2021 population, OAC) and the NHS ODS practices are on the map.
    await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toContain('Contains National Statistics data © Crown copyright and database right 2021');
    const text = (await status(page).textContent()) ?? '';
    expect(text).toContain('Contains OS data © Crown copyright and database right 2011');
    expect(text).toContain('© NHS England 2019');
    expect(text).toContain('Data as of March 2021');
    // Postcodes and roads are not layers on this map, so their licences are not claimed for it.
    expect(text).not.toContain('Royal Mail');
    expect(text).not.toContain('OpenStreetMap');
  });

  it('corrects a dataset\'s date in the Data dates dialog, and the credits follow', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'Data as of March 2021' }).click();
    const dialog = page.getByRole('dialog', { name: 'Data dates' });
    await dialog.waitFor();
    const sites = dialog.getByLabel('Date of the sites data (GP)');
    await expect.poll(() => sites.inputValue()).toBe('2019-12');
    await sites.fill('2019-13');
    const save = dialog.locator('form', { has: page.getByLabel('Date of the sites data (GP)') }).getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await sites.fill('2022-06');
    await sites.press('Enter');
    await expect.poll(() => dialog.locator('tr', { has: page.getByLabel('Date of the sites data (GP)') }).textContent()).toContain('June 2022, set by you');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toContain('© NHS England 2022');
    expect(await status(page).textContent()).toContain('Data as of June 2022');

    // The date edit is undoable like any other: Ctrl+Z puts December 2019 back, and the credits follow; Ctrl+Shift+Z again.
    await page.keyboard.press('Control+z');
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toContain('© NHS England 2019');
    expect(await status(page).textContent()).toContain('Data as of March 2021');
    await page.getByRole('button', { name: 'Data as of March 2021' }).click();
    await dialog.waitFor();
    await expect.poll(() => sites.inputValue()).toBe('2019-12');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toContain('Data as of June 2022');
  });
});
