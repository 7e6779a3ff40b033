// Several schemes in one project (issue 16): a second scheme imported through
// the dialog with every level at once, then the Analysis panel's scheme and
// level picker drives the map legend and the profile table's rows; the pick
// survives a reload; and nothing is logged as an error on the way.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME } from '../../data/demo/build-demo-project';
import { oacName } from '../../shared/segments/oac-names';
import { closeApp, E2E_DATA_DIR, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

const DATA_DIR = join(E2E_DATA_DIR, 'schemes');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

/** The second scheme's file: each demo area gets one of four real OAC 2021 subgroups, in turn. */
const SUBGROUPS = ['1a1', '2b1', '6a2', '7a1'];
let assigned: { area: string; subgroup: string }[] = [];

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

const legendLabels = (page: Page) => page.locator('.legend__block[data-layer-id="segments"] .legend__label').allTextContents();
const profileCodes = async (page: Page) => (await page.locator('.profile-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''))).sort();
const schemeSelect = (page: Page) => page.getByLabel('Segments', { exact: true });
const levelSelect = (page: Page) => page.getByLabel('Segment level', { exact: true });

describe('several schemes and levels', () => {
  it('imports a scheme with every level at once through the dialog', async () => {
    const { page } = watched;
    // The areas the map draws segments for: the demo scheme's own.
    const info = await app.call('getProjectInfo', {});
    let areas: string[] = [];
    for (const { level } of info.levels) {
      const fc = await app.call('getAreaLayer', { level, scheme: DEMO_SCHEME });
      const coded = fc.features.filter((f: { properties: { segment?: string } }) => f.properties.segment);
      if (coded.length > areas.length) areas = coded.map((f: { properties: { code: string } }) => f.properties.code);
    }
    expect(areas.length).toBeGreaterThan(8);
    assigned = areas.map((area, i) => ({ area, subgroup: SUBGROUPS[i % SUBGROUPS.length] }));
    const csv = ['oa_code,supergroup,group,subgroup', ...assigned.map(({ area, subgroup: s }) => `${area},${s[0]},${s.slice(0, 2)},${s}`)].join('\n') + '\n';

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles({ name: 'oac2021.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Columns', { exact: true }).waitFor();
    await dialog.getByLabel('What does the file hold?').selectOption('assignments');
    // The mapping step recognises the level columns and offers them all at once.
    await expect.poll(() => dialog.getByLabel(/import them all at once/).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Level 1 code').inputValue()).toBe('supergroup');
    expect(await dialog.getByLabel('Level 3 code').inputValue()).toBe('subgroup');
    await dialog.getByLabel('Scheme name').fill('OAC 2021');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'schemes-import-levels.png') });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText(`Imported ${assigned.length} of ${assigned.length} rows`).waitFor({ timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const segments = await app.call('getSegments', { scheme: 'OAC 2021' });
    expect(segments.find((s: { code: string }) => s.code === '1a1')).toMatchObject({ name: 'Pre-Retirement Spacious Living', parentCode: '1a', level: 'subgroup' });
  });

  it('picking the scheme and the level changes the map legend and the profile rows', async () => {
    const { page } = watched;
    await expect.poll(() => schemeSelect(page).locator('option').allTextContents()).toEqual(expect.arrayContaining([DEMO_SCHEME, 'OAC 2021']));
    // The dock opens on the profile (clicking its tab again would close it).
    const tab = page.getByRole('tab', { name: 'Profile' });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await page.locator('.profile-table tbody tr').first().waitFor({ timeout: 120_000 });
    const before = await legendLabels(page);

    // Keyboard: focus the select and choose with the arrow keys' value, as a select allows.
    await schemeSelect(page).focus();
    await schemeSelect(page).selectOption('OAC 2021');
    const supergroups = [...new Set(assigned.map((a) => a.subgroup[0]))].sort();
    await expect.poll(() => legendLabels(page)).toEqual(expect.arrayContaining(supergroups.map((c) => oacName('OAC 2021', c)!)));
    expect(await legendLabels(page)).not.toEqual(before);
    expect(await levelSelect(page).inputValue()).toBe('supergroup');
    await expect.poll(() => profileCodes(page)).toEqual(supergroups);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'schemes-oac2021-supergroups.png') });

    await levelSelect(page).selectOption('subgroup');
    const subgroups = [...new Set(assigned.map((a) => a.subgroup))].sort();
    await expect.poll(() => legendLabels(page)).toEqual(expect.arrayContaining(subgroups.map((c) => oacName('OAC 2021', c)!)));
    await expect.poll(() => profileCodes(page)).toEqual(subgroups);
    expect(await page.locator('.legend__block[data-layer-id="segments"] .legend__subtitle').innerText()).toContain('OAC 2021 subgroups');
  });

  it('remembers the pick when the app is opened again, and logs no errors', async () => {
    const { page } = watched;
    await page.reload();
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await expect.poll(() => schemeSelect(page).inputValue(), { timeout: 60_000 }).toBe('OAC 2021');
    expect(await levelSelect(page).inputValue()).toBe('subgroup');
    await schemeSelect(page).selectOption(DEMO_SCHEME);
    await expect.poll(() => legendLabels(page)).toContain('Rural Residents');
    expect(watched.consoleErrors).toEqual([]);
  });
});
