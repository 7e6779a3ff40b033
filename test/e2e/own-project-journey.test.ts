// Issue 16's "Done when": from a fresh data folder with no project named, the
// app opens the demo; the analyst makes a new project from the Project menu,
// imports the real Rutland files one by one through the dialog, first sees the
// access-only analysis (no users yet: coverage, isochrones, bands), then adds a
// users file and sees the profile, switches to LSOA, saves a view, exports a PNG
// and a GeoJSON, and reopens the project from the recent list to find it as it
// was. No console error, failed request or alert at any point. Counts are the
// data's README (111 OAs with population, 23 LSOAs, 4 active GP practices).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedData } from '../support/requirements';
import { cgm } from '../analysis-runs/fixture';
import { fillOac2021, fromChecklist, importThroughDialog, rutlandUsersCsv } from './dialog-imports';
import { E2E_DATA_DIR, launchBrowser, mapIdle, SCREENSHOT_DIR, startApp, type RunningApp } from './harness';

const DATA_DIR = join(E2E_DATA_DIR, 'own-project-journey');
const PROJECT = join(DATA_DIR, 'projects', 'Rutland GP.gpkg');
const USERS = join(DATA_DIR, 'gp-users.csv');
const RUTLAND = requireSharedData('uk', 'rutland');
const file = (name: string) => join(RUTLAND ?? '', name);
const LSOAS = 23;

let app: RunningApp;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const failedResponses: string[] = [];

const layerRow = (id: string) => page.locator(`.layer-list > .layer-row[data-layer-id="${id}"]`);
const stepRow = (step: string) => page.locator(`.checklist__step[data-step="${step}"]`);
const statusText = () => page.locator('.status-bar').first().textContent();
const exportDialog = () => page.getByRole('dialog', { name: 'Export' });
const openPath = async () => (await app.call('getProjectInfo', {})).path as string;
const importFile = (...args: Parameters<typeof importThroughDialog> extends [Page, ...infer R] ? R : never) => importThroughDialog(page, ...args);
const checklist = (label: string) => fromChecklist(page, label);

async function expectSound(where: string): Promise<void> {
  expect(failedResponses, `failed requests after ${where}`).toEqual([]);
  expect(consoleErrors, `console errors after ${where}`).toEqual([]);
  expect(await page.locator('[role="alert"]').allInnerTexts(), `alerts after ${where}`).toEqual([]);
}

async function showTab(name: string): Promise<void> {
  const tab = page.getByRole('tab', { name });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Runs `act`, which switches project, and waits until the new project's map has drawn. */
async function switching(act: () => Promise<void>): Promise<void> {
  await page.evaluate(() => (document.body.dataset.mapReady = ''));
  await act();
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
}

async function download(timeout = 60_000): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout }), exportDialog().getByRole('button', { name: 'Export', exact: true }).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** What the workspace shows, to compare before and after reopening. */
async function snapshot() {
  return {
    level: await page.getByRole('radiogroup', { name: 'Geography level' }).locator('input:checked').inputValue(),
    status: (await statusText())?.match(/^\d+ \w+ areas/)?.[0],
    layers: await page.locator('.layer-list > .layer-row').evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-layer-id')}:${(r.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked}`),
    ),
    views: await page.getByRole('button', { name: /^Save view/ }).innerText(),
    profileTotal: await page.locator('.analysis-dock .profile-table .total-row td').allInnerTexts(),
  };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  if (RUTLAND) writeFileSync(USERS, rutlandUsersCsv(RUTLAND));
  // No CGM_PROJECT: a first start opens the demo.
  app = await startApp({ CGM_DATA_DIR: DATA_DIR, CGM_PROJECT: '' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', async (r) => {
    if (r.status() >= 400) failedResponses.push(`${r.status()} ${new URL(r.url()).pathname} ${r.request().postData()?.slice(0, 200)} → ${await r.text().catch(() => '')}`);
  });
  await page.goto(app.url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
}, 300_000);

// A failed step must not leave its dialog over the next test.
afterEach(async () => {
  for (let i = 0; page && i < 3 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.runIf(RUTLAND)('a project of one\'s own, from nothing to a saved, exported, reopened analysis', () => {
  it('starts on the demo and makes a new project from the Project menu', async () => {
    expect(await openPath()).toBe(join(DATA_DIR, 'demo.gpkg'));
    await page.getByRole('button', { name: 'Project ▾' }).click();
    await page.getByRole('menuitem', { name: /New project…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Project name').fill('Rutland GP');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(openPath).toBe(PROJECT);
    await page.getByRole('heading', { name: 'Getting started' }).waitFor({ timeout: 120_000 });
    await expectSound('new project');
  });

  it('imports boundaries at LSOA and OA, OAC 2021, population and postcodes', async () => {
    expect(await importFile(() => stepRow('boundaries').getByRole('button', { name: 'Import area boundaries…' }).click(), file('lsoa11_boundaries.geojson'), 'boundaries')).toBe(
      `Imported ${LSOAS} of ${LSOAS} features`,
    );
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await importFile(checklist('Import area boundaries…'), file('oa11_boundaries.geojson'), 'boundaries', async (d) => {
      expect(await d.getByLabel('Geography level name').inputValue()).toBe('OA');
    });
    await layerRow('boundaries-OA').waitFor({ timeout: 60_000 });
    await importFile(checklist('Import geodemographic segments…'), file('oac2021_by_oa.csv'), 'assignments', fillOac2021);
    await importFile(checklist('Import population…'), file('population_census2021_ts001_by_oa.csv'), 'population', async (d) => {
      await d.getByLabel('Area code (required)', { exact: true }).selectOption('oa_code');
      await d.getByLabel('Count (required)', { exact: true }).selectOption('usual_residents');
    });
    expect(
      await importFile(checklist('Import postcode directory…'), file('postcodes_codepoint_open.csv'), 'postcodes', async (d) => {
        await d.getByLabel('Postcode (required)', { exact: true }).selectOption('postcode');
      }),
    ).toMatch(/^Imported 1,207 of 1,207/);
    await expectSound('areas and people');
  }, 600_000);

  it('imports the active GP practices with the proposed filter, then the OSM roads', async () => {
    expect(
      await importFile(checklist('Import service sites…'), file('nhs_ods_epraccur_in_area.csv'), 'sites', async (d) => {
        await expect.poll(() => d.locator('.import-filter').innerText()).toContain('only active GP practices');
        await expect.poll(() => d.locator('.import-filter__count').innerText()).toBe('The filter keeps 4 of 10 rows.');
        await d.getByLabel('Service').fill('GP');
      }),
    ).toMatch(/^Imported 4 of 10 rows/);
    expect(((await app.call('getSites', { service: 'GP' })) as { code?: string }[]).map((s) => s.code).sort()).toEqual(['C82010', 'C82044', 'C82077', 'C82649']);
    await importFile(checklist('Import road network…'), file('rutland-latest.osm.pbf'), 'roads');
    await layerRow('roads').waitFor({ timeout: 60_000 });
    await expectSound('sites and roads');
  }, 600_000);

  it('without users: the access-only analysis shows coverage, isochrones and bands', async () => {
    await layerRow('coverage').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('access-only').isVisible()).toBe(true);
    expect(await layerRow('coverage').getByRole('checkbox').isChecked()).toBe(true);
    await layerRow('isochrones').getByRole('checkbox').check();
    await expect
      .poll(async () => (await page.locator('.legend__block[data-layer-id="isochrones"] .legend__label').allInnerTexts()).map((e) => e.trim()), { timeout: 120_000 })
      .toEqual(['Within 5 min', '5–10 min', '10–15 min', '15–20 min', '20–25 min']);
    await showTab('Travel-time bands');
    await page.locator('.band-table tbody tr').first().waitFor({ timeout: 120_000 });
    // The all-population row is cgm bands' own, on the same project file.
    const r = await cgm('bands', '--project', PROJECT, '--service', 'GP', '--mode', 'walk', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const all = (JSON.parse(r.stdout) as { rows: { segmentCode: string | null; cumulativePct: number[] }[] }).rows.find((x) => x.segmentCode === null)!;
    const pct1 = (v: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`;
    expect((await page.locator('.band-table tfoot td.band-col').allTextContents()).map((c) => c.trim())).toEqual(all.cumulativePct.map(pct1));
    await mapIdle(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-access-only.png') });
    await expectSound('access only');
  }, 300_000);

  it('with the users file: the profile totals are the file\'s 111 users over 35,594 residents', async () => {
    await showTab('Service profile');
    expect(await importFile(() => page.locator('.analysis-dock [data-waiting="profile"]').getByRole('button').click(), USERS, 'users', async (d) => {
      await d.getByLabel('Service').fill('GP');
    })).toBe('Imported 111 of 111 rows');
    await showTab('Service profile');
    const total = page.locator('.analysis-dock .profile-table .total-row td');
    await expect.poll(() => total.nth(0).innerText(), { timeout: 120_000 }).toBe('111');
    expect(await total.nth(2).innerText()).toBe('35,594');
    // The users' density layer comes with them, without a reopen (it used to wait for one).
    await layerRow('user-hexbins').waitFor({ timeout: 60_000 });
    await expectSound('users');
  }, 300_000);

  it('switches to LSOA: 23 areas', async () => {
    await page.getByRole('radiogroup', { name: 'Geography level' }).getByText('LSOA', { exact: true }).click();
    await expect.poll(statusText, { timeout: 120_000 }).toMatch(new RegExp(`^${LSOAS} LSOA areas`));
    expect(await app.call('getMapLevel', {})).toEqual({ level: 'LSOA' });
    await expectSound('LSOA');
  });

  it('saves a view, exports a PNG and a GeoJSON of 23 LSOA features', async () => {
    await page.getByRole('button', { name: /^Save view/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Save view/ }).innerText()).toMatch(/\(1\)/);
    expect(await app.call('listViews', {})).toHaveLength(1);

    await page.getByRole('button', { name: 'Export…' }).click();
    const d = exportDialog();
    await d.getByRole('tab', { name: 'Map image' }).click();
    await d.getByRole('radio', { name: /One layer over the whole project/ }).check();
    await d.getByRole('radio', { name: 'Custom size' }).check();
    await d.getByLabel('Width (pixels)').fill('800');
    await d.getByLabel('Height (pixels)').fill('600');
    const png = await download(170_000);
    expect(png.name).toMatch(/800x600\.png$/);
    const decoded = PNG.sync.read(png.bytes);
    expect([decoded.width, decoded.height]).toEqual([800, 600]);

    await d.getByRole('tab', { name: 'Layer' }).click();
    // The LSOA areas themselves: the gap layer needs a need indicator, which this path has none of.
    await d.getByRole('combobox', { name: /Layer/ }).selectOption('area_lsoa');
    const fc = JSON.parse((await download(120_000)).bytes.toString('utf8'));
    expect(fc.features).toHaveLength(LSOAS);
    expect(fc.features.every((f: { properties: Record<string, unknown> }) => Object.values(f.properties).some((v) => /^E01\d{6}$/.test(String(v))))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => exportDialog().count()).toBe(0);
    await expectSound('exports');
  }, 300_000);

  it('reopens from the recent list and finds the same level, view, layers and figures', async () => {
    await showTab('Service profile');
    await page.locator('.analysis-dock .profile-table').waitFor({ timeout: 60_000 });
    const before = await snapshot();
    expect(before.level).toBe('LSOA');
    // Away to the demo and back, both from the recent list.
    const recent = () => page.getByRole('dialog', { name: 'Open project' }).getByRole('list', { name: 'Recent' }).getByRole('button');
    await page.keyboard.press('Control+O');
    await switching(() => recent().filter({ hasText: 'Kestrelford (demo)' }).click());
    expect(await openPath()).toBe(join(DATA_DIR, 'demo.gpkg'));
    await page.keyboard.press('Control+O');
    await switching(() => recent().filter({ hasText: 'Rutland GP' }).click());
    expect(await openPath()).toBe(PROJECT);
    await expect.poll(statusText, { timeout: 120_000 }).toMatch(new RegExp(`^${LSOAS} LSOA areas`));
    await showTab('Service profile');
    await page.locator('.analysis-dock .profile-table').waitFor({ timeout: 120_000 });
    await expect.poll(snapshot, { timeout: 120_000 }).toEqual(before);
    await expectSound('reopen');
  }, 300_000);
});
