// Issue 16 in a real browser: the import dialog proposes the active-GP filter
// for an NHS ODS file and says how many rows it keeps, and Find (Ctrl+F or /)
// finds an area by code or name, or a postcode, selects it and zooms to it.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../support/requirements';
import { closeApp, E2E_DATA_DIR, externalRequests, mapIdle, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test imports sites into its project.
const DATA_DIR = join(E2E_DATA_DIR, 'find-filter');
const ODS = sharedData('uk', 'rutland', 'nhs_ods_epraccur_in_area.csv');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

const dialog = (page: Page) => page.getByRole('dialog');
const findBox = (page: Page) => page.getByRole('combobox', { name: 'Find' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Matches' }).getByRole('option');
const center = (page: Page) => page.evaluate(() => window.__cgmMap!.getCenter().toArray());

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  ({ app, browser, watched } = await openApp({ env: { CGM_DATA_DIR: DATA_DIR } }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

/** Whether the map's centre lies in the box around these areas' outlines. */
async function centredOn(page: Page, codes: string[]): Promise<boolean> {
  const layer = await app.call('getAreaLayer', { level: 'OA' });
  const xs: number[] = [];
  const ys: number[] = [];
  for (const f of layer.features.filter((f: any) => codes.includes(f.properties.code))) {
    JSON.stringify(f.geometry.coordinates, (_k, v) => (Array.isArray(v) && typeof v[0] === 'number' ? (xs.push(v[0]), ys.push(v[1]), undefined) : v));
  }
  const [lon, lat] = await center(page);
  return xs.length > 0 && lon > Math.min(...xs) && lon < Math.max(...xs) && lat > Math.min(...ys) && lat < Math.max(...ys);
}

/** Reads the demo project itself, so expectations do not come from the code under test. */
function demoDb(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

describe('import filter', () => {
  it('proposes active GP practices for the ODS file, keeps 4 of 10, and imports 4 sites', async () => {
    const { page } = watched;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles({ name: 'nhs_ods_epraccur_in_area.csv', mimeType: 'text/csv', buffer: readFileSync(ODS) });
    await dialog(page).getByText('Rows to import').waitFor();
    expect(await dialog(page).getByLabel('What does the file hold?').inputValue()).toBe('sites');
    await expect.poll(() => dialog(page).locator('.import-filter').innerText()).toContain('only active GP practices');
    expect(await dialog(page).getByLabel('Field of condition 1').inputValue()).toBe('status_code');
    expect(await dialog(page).getByLabel('Value of condition 1').inputValue()).toBe('A');
    expect(await dialog(page).getByLabel('Field of condition 2').inputValue()).toBe('prescribing_setting');
    expect(await dialog(page).getByLabel('Value of condition 2').inputValue()).toBe('4');
    await expect.poll(() => dialog(page).locator('.import-filter__count').innerText()).toBe('The filter keeps 4 of 10 rows.');

    // Without the setting condition: the 9 active rows (A91088 is closed).
    await dialog(page).getByRole('button', { name: 'Remove condition 2' }).click();
    await expect.poll(() => dialog(page).locator('.import-filter__count').innerText()).toBe('The filter keeps 9 of 10 rows.');
    // Put back by hand, with the keyboard-reachable controls.
    await dialog(page).getByRole('button', { name: 'Add a condition' }).click();
    await dialog(page).getByLabel('Field of condition 2').selectOption('prescribing_setting');
    await dialog(page).getByLabel('Value of condition 2').fill('4');
    await expect.poll(() => dialog(page).locator('.import-filter__count').innerText()).toBe('The filter keeps 4 of 10 rows.');
    // A number test on text says what is wrong, naming the condition.
    await dialog(page).getByLabel('Test of condition 2').selectOption('>=');
    await dialog(page).getByLabel('Value of condition 2').fill('four');
    await expect.poll(() => dialog(page).locator('.import-filter__count').innerText()).toContain('"four" is not a number');
    await dialog(page).getByLabel('Test of condition 2').selectOption('=');
    await dialog(page).getByLabel('Value of condition 2').fill('4');
    await expect.poll(() => dialog(page).locator('.import-filter__count').innerText()).toBe('The filter keeps 4 of 10 rows.');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-filter-ods.png') });

    await dialog(page).getByLabel('Service').fill('Rutland GPs');
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await dialog(page).getByText('Imported 4 of 10 rows').waitFor();
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
    const sites: { code?: string | null }[] = await app.call('getSites', { service: 'Rutland GPs' });
    // The four active GP practices, read off the file by hand (status_code A, prescribing_setting 4).
    expect(sites.map((s) => s.code).sort()).toEqual(['C82010', 'C82044', 'C82077', 'C82649']);
  });
});

describe('Find', () => {
  it('is reached with Ctrl+F or /, finds an area by code, selects it and zooms to it', async () => {
    const { page } = watched;
    // The import above reloads the project: wait for the new map.
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    const info = await app.call('getProjectInfo', {});
    const db = demoDb(info.path);
    const oa = db.prepare('SELECT code FROM area_oa ORDER BY code LIMIT 1 OFFSET 100').pluck().get() as string;
    db.close();

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    expect(await findBox(page).inputValue()).toBe('');

    await page.keyboard.type(oa.toLowerCase());
    await expect.poll(() => options(page).first().innerText()).toContain(oa);
    const before = await center(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#area-panel-heading').innerText()).toBe(oa);
    expect(await page.locator('.area-panel__kind').innerText()).toBe('OA');
    // Zoomed to the area: the map's centre moves into the area's box.
    await expect.poll(() => centredOn(page, [oa])).toBe(true);
    expect(await center(page)).not.toEqual(before);
  });

  it('finds an LSOA by name with the arrow keys, selecting its output areas', async () => {
    const { page } = watched;
    const info = await app.call('getProjectInfo', {});
    const db = demoDb(info.path);
    const lsoa = db.prepare("SELECT code, name FROM area_lsoa WHERE name LIKE 'Kestrelford 00%' ORDER BY name LIMIT 2").all() as { code: string; name: string }[];
    const oas = db.prepare('SELECT code FROM area_oa WHERE parent_code = ?').pluck().all(lsoa[1].code) as string[];
    db.close();

    await findBox(page).fill('');
    await findBox(page).focus();
    await page.keyboard.type('kestrelford 00');
    await expect.poll(() => options(page).count()).toBeGreaterThan(1);
    expect(await options(page).nth(0).innerText()).toContain(lsoa[0].name);
    expect(await options(page).nth(1).innerText()).toContain(lsoa[1].name);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { selected: true }).innerText()).toContain(lsoa[1].name);
    // Escape closes the list; the arrow opens it again.
    await page.keyboard.press('Escape');
    expect(await findBox(page).getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => findBox(page).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { selected: true }).innerText()).toContain(lsoa[1].name);
    await page.keyboard.press('Enter');
    // Several areas: the dock's chip names the selection; the single-area panel closes.
    await expect.poll(() => page.locator('.selection-chip').innerText()).toContain(`${lsoa[1].name}: ${oas.length} areas`);
    expect(await page.locator('.area-panel').count()).toBe(0);
    await expect.poll(() => centredOn(page, oas)).toBe(true);
    await mapIdle(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'find-lsoa-by-name.png') });
  });

  it('finds a postcode, zooms to its point and selects the area it lies in', async () => {
    const { page } = watched;
    const info = await app.call('getProjectInfo', {});
    const db = demoDb(info.path);
    const pc = db.prepare("SELECT postcode, lon, lat, area_code AS area FROM cgm_postcodes WHERE status = 'live' AND area_code IS NOT NULL ORDER BY postcode LIMIT 1 OFFSET 500").get() as {
      postcode: string; lon: number; lat: number; area: string;
    };
    db.close();

    await findBox(page).fill('');
    await findBox(page).focus();
    // Typed without its space and in lower case, as people do.
    await page.keyboard.type(pc.postcode.replace(' ', '').toLowerCase());
    await expect.poll(() => options(page).first().innerText()).toContain(pc.postcode);
    expect(await options(page).first().innerText()).toContain(`postcode in ${pc.area}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#area-panel-heading').innerText()).toBe(pc.area);
    await expect.poll(async () => {
      const [lon, lat] = await center(page);
      return Math.abs(lon - pc.lon) < 1e-4 && Math.abs(lat - pc.lat) < 1e-4;
    }).toBe(true);
    // The zoom eases in after the centre has arrived: wait for it to settle rather than read it mid-flight.
    await expect.poll(() => page.evaluate(() => window.__cgmMap!.getZoom())).toBeGreaterThanOrEqual(15);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'find-postcode.png') });

    // Nothing found says so.
    await findBox(page).fill('no such place');
    await expect.poll(() => page.locator('.find-box__empty').innerText()).toBe('Nothing in the project matches “no such place”.');

    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
