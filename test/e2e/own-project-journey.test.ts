// Issue 16's "Done when": from a fresh data folder with no project named, the
// app opens the demo; the analyst makes a new project from the Project menu,
// imports the real Rutland files one by one through the dialog, first sees the
// access-only analysis (no users yet: coverage, isochrones, bands; the Export
// dialog says why the gap layer cannot be made yet), then adds a users file and
// sees the profile, adds risk rates by OAC 2021 supergroup and sees the gap map
// (its legend counts are cgm gaps' on the same file), bands and isochrones,
// switches to LSOA, adds a ward level from a lookup file (dissolved by the app),
// saves a view, exports a PNG and the gap layer as GeoJSON, and reopens the
// project from the recent list to find it as it was. No console error, failed
// request or alert at any point. Counts are the data's README (111 OAs with
// population, 23 LSOAs, 4 active GP practices).
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
const RATES = join(DATA_DIR, 'smoking-by-supergroup.csv');
const WARDS = join(DATA_DIR, 'oa-to-ward.csv');
// Hand-chosen need rates for the four OAC 2021 supergroups Rutland has: supergroup 6
// far above the rest, so with one user per OA (the users file) its OAs have several
// times the users expected of them and some are significantly low: gaps on the map.
const RATE: Record<string, number> = { 1: 0.02, 2: 0.03, 6: 0.6, 7: 0.04 };
// Test wards: Rutland's 23 LSOAs in code order, paired (the last alone): 12 wards.
const WARDS_COUNT = 12;
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

/** OA11CD,WD22CD,WD22NM: each OA in the ward of its LSOA (the OA file's own LSOA11CD), LSOAs paired in code order. */
function wardLookupCsv(rutland: string): string {
  const oas = (JSON.parse(readFileSync(join(rutland, 'oa11_boundaries.geojson'), 'utf8')) as { features: { properties: Record<string, string> }[] }).features;
  const lsoas = [...new Set(oas.map((f) => f.properties.LSOA11CD))].sort();
  const ward = (lsoa: string) => Math.floor(lsoas.indexOf(lsoa) / 2);
  return ['OA11CD,WD22CD,WD22NM', ...oas.map((f) => `${f.properties.OA11CD},W${ward(f.properties.LSOA11CD)},Test ward ${ward(f.properties.LSOA11CD)}`)].join('\n') + '\n';
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  if (RUTLAND) {
    writeFileSync(USERS, rutlandUsersCsv(RUTLAND));
    writeFileSync(RATES, ['segment,rate', ...Object.entries(RATE).map(([k, v]) => `${k},${v}`)].join('\n') + '\n');
    writeFileSync(WARDS, wardLookupCsv(RUTLAND));
  }
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
    // The Export dialog offers no gap layer it cannot make (the services would answer 422), and says why.
    await page.getByRole('button', { name: 'Export…' }).click();
    await exportDialog().getByRole('tab', { name: 'Layer' }).click();
    const select = exportDialog().getByRole('combobox', { name: /Layer/ });
    await expect.poll(() => select.locator('option[value="gaps"]').isDisabled()).toBe(true);
    expect(await select.inputValue()).not.toMatch(/^gaps/);
    expect(await exportDialog().getByTestId('export-layers-waiting').innerText()).toContain('Need and gaps is waiting for: service users and risk rates (need indicator).');
    await exportDialog().getByRole('tab', { name: 'Table' }).click();
    expect(await exportDialog().locator('[data-table="gaps"] input').isDisabled()).toBe(true);
    expect(await exportDialog().locator('[data-table="bands"] input').isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => exportDialog().count()).toBe(0);
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

  it('with risk rates by supergroup: the gap map, as cgm gaps finds it, then bands and isochrones', async () => {
    await showTab('Gap table');
    expect(await importFile(() => page.locator('.analysis-dock [data-waiting="gaps"]').getByRole('button').click(), RATES, 'rates', async (d) => {
      await d.getByLabel('Indicator name').fill('Smoking');
      await d.getByLabel('Segment code (required)', { exact: true }).selectOption('segment');
      await d.getByLabel('Rate', { exact: true }).selectOption('rate');
    })).toMatch(/^Imported 4 of 4 rows/);
    await layerRow('gap-type').waitFor({ timeout: 120_000 });
    await layerRow('gap-type').getByRole('checkbox').check();
    // The map's accessibility gaps are cgm gaps' on the same project file (exact counts, at OA, walking).
    const r = await cgm('gaps', '--project', PROJECT, '--service', 'GP', '--indicator', 'Smoking', '--mode', 'walk', '--suppress', 'none', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { gap_type: string | null }[];
    expect(rows).toHaveLength(111);
    const accessibility = rows.filter((row) => row.gap_type === 'accessibility').length;
    expect(accessibility).toBeGreaterThan(0);
    const count = page.locator('.legend__block[data-layer-id="gap-type"] .legend__entry[data-value="accessibility"] .legend__count');
    await expect.poll(() => count.innerText().then(Number).catch(() => -1), { timeout: 120_000 }).toBe(accessibility);
    await showTab('Gap table');
    await page.locator('.analysis-dock table tbody tr').first().waitFor({ timeout: 120_000 });
    await showTab('Travel-time bands');
    await page.locator('.band-table tbody tr').first().waitFor({ timeout: 120_000 });
    // The imports re-read the project, which shows its default layers again: the isochrones are ticked anew.
    await layerRow('isochrones').getByRole('checkbox').check();
    await expect
      .poll(async () => (await page.locator('.legend__block[data-layer-id="isochrones"] .legend__label').allInnerTexts()).length, { timeout: 120_000 })
      .toBe(5);
    await mapIdle(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-gap-map.png') });
    await expectSound('rates');
  }, 300_000);

  it('switches to LSOA: 23 areas', async () => {
    await page.getByRole('radiogroup', { name: 'Geography level' }).getByText('LSOA', { exact: true }).click();
    await expect.poll(statusText, { timeout: 120_000 }).toMatch(new RegExp(`^${LSOAS} LSOA areas`));
    expect(await app.call('getMapLevel', {})).toEqual({ level: 'LSOA' });
    await expectSound('LSOA');
  });

  it('adds a ward level from a lookup file through the dialog: the switch offers it with the 12 dissolved wards', async () => {
    // From the header's Import…, which reads the file's kind from its columns (OA11CD beside WD22CD: a lookup).
    expect(await importFile(() => page.getByRole('button', { name: 'Import…', exact: true }).click(), WARDS, 'lookup', async (d) => {
      await d.getByLabel('Name of the new level').fill('ward');
      await d.getByLabel('Code of the new level', { exact: true }).selectOption('WD22CD');
      await d.getByLabel('Area names at the new level', { exact: true }).selectOption('WD22NM');
    })).toMatch(/^Imported 116 of 116/);
    const levels = page.getByRole('radiogroup', { name: 'Geography level' });
    await levels.getByText('ward', { exact: true }).waitFor({ timeout: 60_000 });
    await levels.getByText('ward', { exact: true }).click();
    await expect.poll(statusText, { timeout: 120_000 }).toMatch(new RegExp(`^${WARDS_COUNT} ward areas`));
    const layer = (await app.call('getAreaLayer', { level: 'ward' })) as { features: { properties: { code: string; name: string } }[] };
    expect(layer.features.map((f) => f.properties.code).sort()).toEqual(Array.from({ length: WARDS_COUNT }, (_, i) => `W${i}`).sort());
    expect(layer.features.find((f) => f.properties.code === 'W0')!.properties.name).toBe('Test ward 0');
    await levels.getByText('LSOA', { exact: true }).click();
    await expect.poll(statusText, { timeout: 120_000 }).toMatch(new RegExp(`^${LSOAS} LSOA areas`));
    await expectSound('ward lookup');
  }, 300_000);

  it('saves a view, exports a PNG and the gap layer as a GeoJSON of 23 LSOA features', async () => {
    await page.getByRole('button', { name: /^Save view/ }).click();
    // The name offered says what the map shows, at the level shown; Enter accepts it.
    await expect.poll(() => page.getByRole('dialog', { name: 'Save view' }).getByLabel('View name').inputValue()).toMatch(/ — LSOA$/);
    await page.keyboard.press('Enter');
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
    // The gap layer at the map's level: the LSOAs, each with its need.
    await d.getByRole('combobox', { name: /Layer/ }).selectOption('gaps');
    const fc = JSON.parse((await download(120_000)).bytes.toString('utf8'));
    expect(fc.features).toHaveLength(LSOAS);
    expect(fc.features.every((f: { properties: Record<string, unknown> }) => /^E01\d{6}$/.test(String(f.properties.area_code)) && Number(f.properties.need) > 0)).toBe(true);
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
