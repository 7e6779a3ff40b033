// Issue 16: an empty project made with `cgm new` opens to the getting-started
// checklist, and real Rutland files imported one by one through the dialog
// (each opened from its checklist step, with the kind chosen) turn it into a
// working map without a reload: after every import no console error, no
// failed request, no request asking for service "", the new layer listed and
// drawn, sites above the fills, and the dock saying what it waits for rather
// than failing. Counts are the data's own README (shared/data/uk/rutland).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedData } from '../support/requirements';
import { fillOac2021, fromChecklist as fromChecklistOf, importDialog, importThroughDialog, rutlandUsersCsv } from './dialog-imports';
import { E2E_DATA_DIR, launchBrowser, mapIdle, ROOT, SCREENSHOT_DIR, startApp, type RunningApp } from './harness';

const DATA_DIR = join(E2E_DATA_DIR, 'empty-project');
const PROJECT = join(DATA_DIR, 'empty.gpkg');
const RUTLAND = requireSharedData('uk', 'rutland');
const file = (name: string) => join(RUTLAND ?? '', name);

let app: RunningApp;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const failedResponses: string[] = [];
const emptyServiceRequests: string[] = [];

const layerRow = (id: string) => page.locator(`.layer-list > .layer-row[data-layer-id="${id}"]`);
const stepRow = (step: string) => page.locator(`.checklist__step[data-step="${step}"]`);

const usersCsv = () => rutlandUsersCsv(RUTLAND ?? '');
const importFile = (...args: Parameters<typeof importThroughDialog> extends [Page, ...infer R] ? R : never) => importThroughDialog(page, ...args);
const fromChecklist = (label: string) => fromChecklistOf(page, label);

/** The app in a sound state: nothing logged as an error, no failed request, nothing asked for service "", no error shown. */
async function expectSound(where: string): Promise<void> {
  expect(consoleErrors, `console errors after ${where}`).toEqual([]);
  expect(failedResponses, `failed requests after ${where}`).toEqual([]);
  expect(emptyServiceRequests, `requests for service "" after ${where}`).toEqual([]);
  expect(await page.locator('[role="alert"]').allInnerTexts(), `alerts after ${where}`).toEqual([]);
  // The getting-started view has no dock; the workspace's must not show an error.
  const dock = (await page.locator('.analysis-dock').allInnerTexts()).join('\n');
  expect(dock).not.toMatch(/could not be computed|no service|in service_sites/);
}

/** Shows a dock tab (clicking the tab already shown would fold the dock away). */
async function showTab(name: string): Promise<void> {
  const tab = page.getByRole('tab', { name });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

const mapOrder = () => page.evaluate(() => window.__cgmMap!.getLayersOrder());

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'bin', 'cgm.mjs'), 'new', '--project', PROJECT], { cwd: ROOT });
  writeFileSync(join(DATA_DIR, 'gp-users.csv'), usersCsv());
  app = await startApp({ CGM_DATA_DIR: DATA_DIR, CGM_PROJECT: PROJECT });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => r.status() >= 400 && failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`));
  page.on('request', (r) => {
    if (r.url().includes('/api/') && /"service":""/.test(r.postData() ?? '')) emptyServiceRequests.push(new URL(r.url()).pathname);
  });
  await page.goto(app.url);
}, 300_000);

// A failed step must not leave its dialog over the next test.
afterEach(async () => {
  for (let i = 0; page && i < 3 && (await page.getByRole('dialog').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.runIf(RUTLAND)('an empty project, built up through the import dialog', () => {
  it('opens to the getting-started checklist: every step missing, in order, each with its own import button', async () => {
    await page.getByRole('heading', { name: 'Getting started' }).waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.checklist__step').count()).toBe(8);
    const steps = await page.locator('.checklist__step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-loaded')}`));
    expect(steps).toEqual(['boundaries:0', 'segments:0', 'population:0', 'postcodes:0', 'users:0', 'rates:0', 'sites:0', 'roads:0']);
    expect(await stepRow('boundaries').innerText()).toContain('Missing: import small-area boundaries');
    expect(await page.locator('.checklist__analyses li[data-analysis="isochrones"]').innerText()).toBe('Isochrones and access: waiting for service sites, road network');
    expect(await page.getByText('could not be opened').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'empty-project-getting-started.png') });
    await expectSound('opening');
  });

  it('LSOA then OA boundaries: the first import brings the map, the second adds its level without a reload or a console error', async () => {
    const heading = await importFile(() => stepRow('boundaries').getByRole('button', { name: 'Import area boundaries…' }).click(), file('lsoa11_boundaries.geojson'), 'boundaries');
    expect(heading).toBe('Imported 23 of 23 features');
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await layerRow('boundaries-LSOA').waitFor();
    await expectSound('LSOA boundaries');

    const oldMap = await page.evaluateHandle(() => window.__cgmMap);
    await importFile(fromChecklist('Import area boundaries…'), file('oa11_boundaries.geojson'), 'boundaries', async (d) => {
      expect(await d.getByLabel('Geography level name').inputValue()).toBe('OA');
      expect(await d.getByLabel('Level of the parent codes').inputValue()).toBe('LSOA');
    });
    await page.waitForFunction((old) => window.__cgmMap && window.__cgmMap !== old, oldMap, { timeout: 60_000 });
    await layerRow('boundaries-OA').waitFor();
    await mapIdle(page);
    // Both levels' outlines are style layers of the new map (the bug: the map kept the first project's style).
    expect(await mapOrder()).toEqual(expect.arrayContaining(['boundaries-OA:line', 'boundaries-LSOA:line']));
    await expectSound('OA boundaries');
  });

  it('OAC 2021, population and postcodes, each from its checklist step', async () => {
    await importFile(fromChecklist('Import geodemographic segments…'), file('oac2021_by_oa.csv'), 'assignments', fillOac2021);
    await layerRow('segments').waitFor();
    await expectSound('OAC 2021');

    await importFile(fromChecklist('Import population…'), file('population_census2021_ts001_by_oa.csv'), 'population', async (d) => {
      await d.getByLabel('Area code (required)', { exact: true }).selectOption('oa_code');
      await d.getByLabel('Count (required)', { exact: true }).selectOption('usual_residents');
    });
    await expectSound('population');

    const postcodes = await importFile(fromChecklist('Import postcode directory…'), file('postcodes_codepoint_open.csv'), 'postcodes', async (d) => {
      await d.getByLabel('Postcode (required)', { exact: true }).selectOption('postcode');
    });
    expect(postcodes).toMatch(/^Imported 1,207 of 1,207/);
    await page.getByRole('button', { name: 'Project checklist' }).click();
    const checklist = page.getByRole('dialog', { name: 'Project checklist' });
    expect(await checklist.locator('.checklist__step[data-step="segments"]').innerText()).toContain('OAC 2021: 111 areas assigned');
    expect(await checklist.locator('.checklist__step[data-step="postcodes"]').innerText()).toContain('Loaded: 1,207 postcodes');
    await checklist.getByRole('button', { name: 'Close' }).click();
    await expectSound('postcodes');
  });

  it('GP practices as sites: drawn above the fills, and the dock waits for users instead of asking for service ""', async () => {
    await importFile(fromChecklist('Import service sites…'), file('nhs_ods_epraccur_in_area.csv'), 'sites', async (d) => {
      await d.getByLabel('Service').fill('GP');
      await d.getByLabel('Latitude', { exact: true }).selectOption('lat');
      await d.getByLabel('Longitude', { exact: true }).selectOption('lon');
    });
    await layerRow('sites').waitFor();
    await mapIdle(page);
    // Sites are the top deck layer: drawn after every style layer, not slotted under a missing one.
    const order = await mapOrder();
    expect(order.at(-1)).toBe('deck-maplibre-layer-group-last');
    const fills = order.find((id) => id.startsWith('deck-maplibre-layer-group-before:'))!;
    expect(order).toContain(fills.slice('deck-maplibre-layer-group-before:'.length));
    // The profile waits for users, and says so with a button to that step.
    await showTab('Service profile');
    const waiting = page.locator('.analysis-dock [data-waiting="profile"]');
    await expect.poll(() => waiting.innerText()).toContain('Service profile is waiting for: service users');
    expect(await waiting.getByRole('button').innerText()).toBe('Import service users…');
    await expectSound('sites');
  });

  it('OSM roads: listed, in the style in order under the outlines, and drawn', async () => {
    await importFile(fromChecklist('Import road network…'), file('rutland-latest.osm.pbf'), 'roads');
    await layerRow('roads').waitFor({ timeout: 60_000 });
    await mapIdle(page);
    const order = await mapOrder();
    const roads = order.filter((id) => id.startsWith('roads:'));
    expect(roads.length).toBeGreaterThan(3);
    expect(order.indexOf(roads.at(-1)!)).toBeLessThan(order.indexOf('boundaries-OA:line'));
    const drawn = await page.evaluate((ids) => window.__cgmMap!.queryRenderedFeatures({ layers: ids }).length, roads);
    expect(drawn).toBeGreaterThan(100);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'empty-project-roads.png') });
    await expectSound('roads');
  });

  it('users from the waiting tab\'s own button: the profile appears; the gap table waits for risk rates', async () => {
    const heading = await importFile(() => page.locator('.analysis-dock [data-waiting="profile"]').getByRole('button').click(), join(DATA_DIR, 'gp-users.csv'), 'users', async (d) => {
      await d.getByLabel('Service').fill('GP');
    });
    expect(heading).toBe('Imported 111 of 111 rows');
    await page.locator('.analysis-dock .profile-table').waitFor({ timeout: 60_000 });
    await showTab('Gap table');
    await expect.poll(() => page.locator('.analysis-dock [data-waiting="gaps"]').innerText()).toContain('Need and gaps is waiting for: risk rates (need indicator)');
    await mapIdle(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'empty-project-users.png') });
    await expectSound('users');
  });

  it('a population imported again shows in the profile at once, not a remembered answer', async () => {
    await showTab('Service profile');
    const baseTotal = () => page.locator('.analysis-dock .profile-table .total-row td').nth(2).innerText();
    // README: TS001 usual residents over the 111 OAs.
    await expect.poll(baseTotal).toBe('35,594');
    const [head, ...rows] = readFileSync(file('population_census2021_ts001_by_oa.csv'), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
    const inHouseholds = rows.reduce((t, r) => t + Number(r[head.indexOf('in_households')]), 0);
    expect(inHouseholds).toBeLessThan(35_594);
    await importFile(fromChecklist('Import population…'), file('population_census2021_ts001_by_oa.csv'), 'population', async (d) => {
      await d.getByLabel('Area code (required)', { exact: true }).selectOption('oa_code');
      await d.getByLabel('Count (required)', { exact: true }).selectOption('in_households');
    });
    await expect.poll(baseTotal, { timeout: 60_000 }).toBe(inHouseholds.toLocaleString('en-GB'));
    await expectSound('population again');
  });
});
