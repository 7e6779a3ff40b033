// Issue 16: the geography level switch, on a real Rutland project whose LSOAs
// exist only as a lookup dissolved by the app. One click on "LSOA" in the
// header redraws the map with Rutland's 23 LSOAs, the gap table lists LSOA
// codes (E01…), and the Export dialog's gaps CSV and GeoJSON are at LSOA too.
// The choice is kept in the project (a reload opens at LSOA) and the switch is
// a radio group the arrow keys move along.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importRates, importUsers } from '../../electron/importers/index';
import { buildRutland, GP, readRutlandCsv, text, OAC, type RutlandProject } from '../support/rutland-project';
import { closeApp, externalRequests, mapIdle, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// 23 LSOAs and 116 OAs in Rutland (its data README); LSOA codes start E01, OA codes E00.
const LSOAS = 23;
let rutland: RutlandProject;
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  rutland = await buildRutland({ lsoa: 'lookup' });
  await importRates(rutland.project, text('sg.csv', 'segment,rate\n1,0.10\n2,0.20\n6,0.30\n7,0.40\n'), { indicator: 'Smoking', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
  // 4 users at each OA's first postcode.
  const first = new Map<string, string>();
  for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) if (!first.has(p.oa11cd)) first.set(p.oa11cd, p.postcode);
  const users = ['id,postcode', ...[...first.values()].flatMap((pc, i) => [0, 1, 2, 3].map((k) => `${i * 4 + k},${pc}`))].join('\n');
  await importUsers(rutland.project, text('users.csv', users), { service: GP, postcodeField: 'postcode' });
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

const statusText = (page: Page) => page.locator('.status-bar').first().textContent();
const gapCodes = (page: Page) => page.locator('.gap-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export' });

async function download(page: Page): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), exportDialog(page).getByRole('button', { name: 'Export', exact: true }).click()]);
  return readFileSync(await d.path());
}

describe('the geography level switch', () => {
  it('opens at the finest level, with the levels in the header', async () => {
    const { page } = watched;
    const group = page.getByRole('radiogroup', { name: 'Geography level' });
    expect(await group.getByRole('radio').evaluateAll((r) => r.map((x) => (x as HTMLInputElement).value))).toEqual(['OA', 'LSOA']);
    expect(await group.getByRole('radio', { name: 'OA', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => statusText(page)).toMatch(/^116 OA areas/);
  });

  it('one click on LSOA redraws the map with 23 areas and the gap table with LSOA codes', async () => {
    const { page } = watched;
    await page.getByRole('tab', { name: 'Gap table' }).click();
    await page.locator('.gap-table tbody tr').first().waitFor({ timeout: 120_000 });
    expect((await gapCodes(page)).every((c) => c.startsWith('E00'))).toBe(true);

    await page.getByRole('radiogroup', { name: 'Geography level' }).getByText('LSOA', { exact: true }).click();
    await expect.poll(() => statusText(page), { timeout: 120_000 }).toMatch(new RegExp(`^${LSOAS} LSOA areas`));
    expect(await page.getByRole('radio', { name: 'LSOA', exact: true }).isChecked()).toBe(true);
    await expect.poll(async () => (await gapCodes(page)).length, { timeout: 120_000 }).toBe(LSOAS);
    const codes = await gapCodes(page);
    expect(codes.every((c) => /^E01\d{6}$/.test(c))).toBe(true);
    // The map's areas are the services' LSOA layer: the same 23 codes.
    const layer = await app.call('getAreaLayer', { level: 'LSOA' });
    expect([...codes].sort()).toEqual(layer.features.map((f: { properties: { code: string } }) => f.properties.code).sort());
    await mapIdle(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'level-switch-lsoa.png') });
  });

  it('the Export dialog\'s gaps CSV and GeoJSON are at LSOA', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'Export…' }).click();
    const d = exportDialog(page);
    await d.waitFor();
    await d.getByRole('tab', { name: 'Table' }).click();
    await d.getByRole('radio', { name: /Gaps by area/ }).check();
    const csv = (await download(page)).toString('utf8').replace(/^\uFEFF/, '');
    const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows).toHaveLength(LSOAS);
    expect(rows.every((r) => /^E01\d{6}$/.test(r.area_code))).toBe(true);

    await d.getByRole('tab', { name: 'Layer' }).click();
    await d.getByRole('combobox', { name: /Layer/ }).selectOption('gaps');
    const fc = JSON.parse((await download(page)).toString('utf8'));
    expect(fc.features).toHaveLength(LSOAS);
    expect(fc.features.every((f: { properties: { area_code: string } }) => /^E01\d{6}$/.test(f.properties.area_code))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => exportDialog(page).count()).toBe(0);
  });

  it('is kept in the project: the app opens again at LSOA', async () => {
    const { page } = watched;
    expect(await app.call('getMapLevel', {})).toEqual({ level: 'LSOA' });
    await page.reload();
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await expect.poll(() => statusText(page), { timeout: 120_000 }).toMatch(new RegExp(`^${LSOAS} LSOA areas`));
  });

  it('moves with the arrow keys, as a radio group does', async () => {
    const { page } = watched;
    await page.getByRole('radio', { name: 'LSOA', exact: true }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => statusText(page), { timeout: 120_000 }).toMatch(/^116 OA areas/);
    expect(await app.call('getMapLevel', {})).toEqual({ level: 'OA' });
  });
});
