// Area context in the app (issue 19): an area-indicator file imported through
// the Import dialog (kind "Area indicators", level OA), then the Crosstab tab
// across it, with CSV export; the indicator as a map layer with its legend; and no console errors.
//
// The indicator file is HAND-WRITTEN for the synthetic demo town (not real
// figures): the i-th OA in code order has decile (i mod 10) + 1.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INDICATOR, DEMO_SCHEME, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { closeApp, E2E_DATA_DIR, openApp, type RunningApp, type WatchedPage } from './harness';

const DATA_DIR = join(E2E_DATA_DIR, 'area-context');
const DECILE = 'deprivation_decile';
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
const dialog = (page: Page) => page.getByRole('dialog');

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
}, 240_000);

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('area indicators and the crosstab in the app', () => {
  it('imports a decile file through the dialog and crosses the segments with it', async () => {
    const { page } = watched;
    const analysis = (await app.call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR })) as { rows: { code: string }[] };
    const codes = analysis.rows.map((r) => r.code).sort();
    const csv = [`oa_code,${DECILE}`, ...codes.map((c, i) => `${c},${(i % 10) + 1}`)].join('\r\n') + '\r\n';

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles({ name: 'deciles_handwritten.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog(page).getByText('Columns', { exact: true }).waitFor();
    await dialog(page).getByLabel('What does the file hold?').selectOption('indicators');
    await expect.poll(() => dialog(page).getByLabel(/^Area code/).inputValue()).toBe('oa_code');
    await dialog(page).getByLabel('Geography level of the file').fill('OA');
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    const result = dialog(page).locator('.import-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.locator('h3').innerText(), await result.innerText()).toMatch(/^Imported /);
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();

    // The indicator is a map layer like the others: listed, switched on, with a legend of its classes and the method as its note.
    const layerRow = page.locator(`.layer-row[data-layer-id="indicator:${DECILE}"]`);
    await layerRow.waitFor({ timeout: 60_000 });
    await layerRow.locator('.layer-row__check').check();
    const key = page.locator(`.legend__block[data-layer-id="indicator:${DECILE}"]`);
    // Deciles in five classes of two; the counts are the OAs given those deciles in the file above.
    const perClass = [0, 1, 2, 3, 4].map((k) => codes.filter((_, i) => Math.floor((i % 10) / 2) === k).length);
    await expect.poll(() => key.locator('.legend__label').allInnerTexts(), { timeout: 30_000 }).toEqual(['1 to under 3', '3 to under 5', '5 to under 7', '7 to under 9', '9 and over']);
    expect(await key.locator('.legend__count').allInnerTexts()).toEqual(perClass.map(String));
    await expect.poll(() => key.locator('.legend__notice').innerText()).toBe(`${DECILE} (decile) at OA: as imported at OA`);
    // The same classification editor as density: three equal intervals recolour it.
    await layerRow.getByRole('button', { name: /^Style…/ }).click();
    await layerRow.getByLabel('Method').selectOption('equal');
    await layerRow.getByLabel('Classes').selectOption('3');
    await expect.poll(() => key.locator('.legend__entry').count()).toBe(3);

    await page.getByRole('tab', { name: 'Crosstab' }).click();
    const across = page.getByLabel('Across');
    await expect.poll(() => across.locator('option').allTextContents(), { timeout: 60_000 }).toContain(DECILE);
    await across.selectOption(DECILE);
    // One row per segment × decile and a total per decile; the total rows carry an uptake ratio.
    const want = (await app.call('getCrosstab', { service: DEMO_SERVICE, scheme: DEMO_SCHEME, by: DECILE })) as { rows: unknown[] };
    await expect.poll(() => page.locator('.crosstab-table tbody tr').count(), { timeout: 60_000 }).toBe(want.rows.length);
    await expect.poll(() => page.locator('.crosstab-table').innerText()).toContain('deciles of deprivation_decile');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`crosstab_${DEMO_SCHEME.replace(/ /g, '_')}_by_${DECILE}.csv`);

    // The profile of the areas in chosen deciles: ticking 1 and 2 gives getProfile's rows for deciles [1, 2].
    await page.getByRole('tab', { name: 'Profile' }).click();
    const deciles = page.getByRole('group', { name: 'Only areas in IMD deciles' });
    await deciles.getByLabel('1', { exact: true }).check();
    await deciles.getByLabel('2', { exact: true }).check();
    await expect.poll(() => page.getByTestId('decile-filter-note').innerText(), { timeout: 60_000 }).toMatch(/^Profile of the areas in IMD deciles 1, 2 only/);

    // The area panel lists the indicator for the area at the map's level, as the services give it.
    await page.getByRole('tab', { name: 'Gap table' }).click();
    const first = page.locator('.gap-table tbody tr').first();
    await first.waitFor({ timeout: 120_000 });
    const code = (await first.getAttribute('data-key'))!;
    await first.click();
    const panel = page.locator(`.area-panel[data-area-code="${code}"]`);
    await panel.waitFor({ timeout: 60_000 });
    const level = (await panel.locator('.area-panel__kind').innerText()).split(' · ')[0];
    const { values } = (await app.call('getAreaIndicatorValues', { level, code })) as { values: { name: string; value: number | null }[] };
    const v = values.find((x) => x.name === DECILE)!;
    const row = panel.getByTestId('area-context').locator('.area-panel__row', { hasText: DECILE });
    await expect.poll(() => row.locator('dd').innerText(), { timeout: 30_000 }).toBe(v.value === null ? '—' : String(v.value));
    expect(watched.consoleErrors).toEqual([]);
  }, 240_000);
});
