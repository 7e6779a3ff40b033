// Public transport in the app: the demo town's buses give the band table a
// public-transport column group beside the walking columns, with the same
// numbers `cgm bands --mode transit` prints for the day and window chosen,
// and a day without buses is refused with a message saying why.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { decodePng } from './pixels';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { runCli } from '../cli/capture';
import { E2E_DATA_DIR, launchBrowser, openWatchedPage, startApp, type RunningApp, type WatchedPage } from './harness';

const DATA_DIR = join(E2E_DATA_DIR, 'transit');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  app = await startApp({ CGM_DATA_DIR: DATA_DIR });
  browser = await launchBrowser();
  watched = await openWatchedPage(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('travel-time bands by public transport', () => {
  it('match the CLI for the day and window chosen, and say when no bus runs', async () => {
    const { page, consoleErrors } = watched;
    const tab = page.getByRole('tab', { name: 'Travel-time bands' });
    await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Public transport (band columns and map layer)').check();
    const date = page.getByLabel('Day', { exact: true });
    // A Monday the demo timetable runs on.
    await date.fill('2026-12-07');
    await page.getByLabel('Leaving between').fill('08:00-09:00');
    // One band table: the walking columns and, beside them, the public-transport group under its own heading.
    const table = page.locator('.band-table');
    await expect.poll(() => table.locator('tr.column-groups th').allTextContents(), { timeout: 120_000 }).toEqual(['Walking', 'By public transport (2026-12-07, 08:00-09:00)']);
    const footer = table.locator('tfoot td.band-col--transit');

    const cli = await runCli(['bands', '--project', join(DATA_DIR, 'demo.gpkg'), '--service', DEMO_SERVICE, '--mode', 'transit', '--date', '2026-12-07', '--depart', '08:00-09:00', '--indicator', 'Smoking prevalence (illustrative)', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const all = JSON.parse(cli.stdout).rows.find((r: { segmentCode: string | null }) => r.segmentCode === null);
    const want = (all.cumulativePct as number[]).map((p) => p.toFixed(1));
    await expect.poll(async () => (await footer.allTextContents()).map((t) => Number(t.replace('%', '')).toFixed(1)), { timeout: 60_000 }).toEqual(want);
    await expect.poll(() => page.locator('.table-note').filter({ hasText: 'By public transport' }).textContent()).toContain('median door-to-site time');

    // Leaving during the sites' opening hours: the same figures as the CLI's --depart opening-hours.
    await page.getByLabel('Leaving during opening hours').check();
    await expect.poll(() => table.locator('tr.column-groups th').allTextContents(), { timeout: 120_000 }).toEqual(['Walking', 'By public transport (2026-12-07, during opening hours)']);
    const byHours = await runCli(['bands', '--project', join(DATA_DIR, 'demo.gpkg'), '--service', DEMO_SERVICE, '--mode', 'transit', '--date', '2026-12-07', '--depart', 'opening-hours', '--indicator', 'Smoking prevalence (illustrative)', '--format', 'json']);
    expect(byHours.code, byHours.stderr).toBe(0);
    const hoursAll = JSON.parse(byHours.stdout).rows.find((r: { segmentCode: string | null }) => r.segmentCode === null);
    await expect.poll(async () => (await footer.allTextContents()).map((t) => Number(t.replace('%', '')).toFixed(1)), { timeout: 120_000 }).toEqual((hoursAll.cumulativePct as number[]).map((p) => p.toFixed(1)));
    await page.getByLabel('Leaving during opening hours').uncheck();
    await expect.poll(() => page.getByLabel('Leaving between').inputValue()).toBe('08:00-09:00');

    // The map has the transit isochrones as their own layer, in the layer list and keyed in the legend.
    const row = page.getByRole('checkbox', { name: /Public-transport time to a site/ });
    await expect.poll(() => row.count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => row.isChecked()).toBe(true);
    const labels = page.locator('.legend__block[data-layer-id="transit-isochrones"] .legend__label');
    await expect.poll(() => labels.allInnerTexts(), { timeout: 60_000 }).toEqual(['Within 5 min', '5–10 min', '10–15 min', '15–20 min', '20–25 min']);

    // Sunday 13 December 2026: no buses in the demo timetable.
    await date.fill('2026-12-13');
    // The band table keeps its road columns and says why there are no bus columns.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No public-transport columns' }).first().textContent(), { timeout: 60_000 }).toContain('the timetable has no service on 2026-12-13');
    await expect.poll(() => page.locator('.band-col--transit').count()).toBe(0);
    await expect.poll(() => page.locator('.band-col').count()).toBeGreaterThan(0);
    // Exported like the road isochrones: a PNG of the layer for the same day and window is drawn in its blues.
    const png = (layer: string, ...extra: string[]) => runCli(['export', 'png', '--project', join(DATA_DIR, 'demo.gpkg'), '--layer', layer, '--service', DEMO_SERVICE, '--size', '1600x1000', '--out', join(DATA_DIR, `${layer}.png`), ...extra]);
    const refused = await png('transit-isochrones');
    expect(refused.stderr).toContain('needs a day and a departure window');
    const drawn = await png('transit-isochrones', '--date', '2026-12-07', '--depart', '08:00-09:00');
    expect(drawn.code, drawn.stderr).toBe(0);
    const road = await png('isochrones');
    expect(road.code, road.stderr).toBe(0);
    const blue = (file: string) => {
      const image = decodePng(readFileSync(join(DATA_DIR, file)));
      let n = 0;
      for (let i = 0; i < image.data.length; i += 4) if (image.data[i + 2] > image.data[i] + 100 && image.data[i + 2] > image.data[i + 1] + 40) n++;
      return n;
    };
    // The nearer bands' deep blues (#08519c, #3182bd) over half a percent of the image; the road isochrones'
    // warm ramp over the same segments has a twentieth of that at most (measured: 17,690 and 173 pixels).
    expect(blue('transit-isochrones.png')).toBeGreaterThan(8000);
    expect(blue('isochrones.png')).toBeLessThan(blue('transit-isochrones.png') / 20);
    // A view saved with the layer on keeps the day and window: it prints without being told them again.
    await date.fill('2026-12-07');
    await page.getByRole('button', { name: /^Save view/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.waitFor();
    const viewName = await dialog.getByRole('textbox').inputValue();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const viewPng = await runCli(['export', 'png', '--project', join(DATA_DIR, 'demo.gpkg'), '--view', viewName, '--size', '1600x1000', '--out', join(DATA_DIR, 'view.png')]);
    expect(viewPng.code, viewPng.stderr).toBe(0);
    // The saved camera is closer in than the whole project, so fewer pixels (measured 4,403), but ten times the
    // road isochrones' stray deep blue: the bands were drawn for the saved day, not refused for want of one.
    expect(blue('view.png')).toBeGreaterThan(Math.max(2000, 10 * blue('isochrones.png')));
    // The accessibility rule judged by driving although the map's mode is walking, as `cgm gaps --access drive` says;
    // realistic access is refused by name in this project, which has no car availability (TS045).
    await page.getByRole('checkbox', { name: /^Gap type/ }).check();
    const form = page.getByTestId('gap-settings');
    await form.locator('summary').click();
    await form.getByLabel('Judge accessibility by').selectOption('realistic');
    await form.getByRole('button', { name: 'Apply thresholds' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('realistic access needs car availability per area');
    const cliGaps = await runCli(['gaps', '--project', join(DATA_DIR, 'demo.gpkg'), '--service', DEMO_SERVICE, '--indicator', 'Smoking prevalence (illustrative)', '--mode', 'walk', '--access', 'drive', '--suppress', 'none', '--format', 'json']);
    expect(cliGaps.code, cliGaps.stderr).toBe(0);
    const accessible = (run: { stdout: string }) => (JSON.parse(run.stdout).rows as { gap_type: string | null }[]).filter((r) => r.gap_type === 'accessibility').length;
    const byCar = accessible(cliGaps);
    const byFoot = accessible(await runCli(['gaps', '--project', join(DATA_DIR, 'demo.gpkg'), '--service', DEMO_SERVICE, '--indicator', 'Smoking prevalence (illustrative)', '--mode', 'walk', '--suppress', 'none', '--format', 'json']));
    // The change must show: the two views disagree on this town.
    expect(byCar).not.toBe(byFoot);
    const accessCount = page.locator('.legend__block[data-layer-id="gap-type"] .legend__entry[data-value="accessibility"] .legend__count');
    await expect.poll(async () => ((await accessCount.count()) ? Number(await accessCount.innerText()) : 0), { timeout: 120_000 }).toBe(byFoot);
    await form.getByLabel('Judge accessibility by').selectOption('drive');
    await form.getByRole('button', { name: 'Apply thresholds' }).click();
    await expect.poll(async () => ((await accessCount.count()) ? Number(await accessCount.innerText()) : 0), { timeout: 120_000 }).toBe(byCar);
    expect(consoleErrors.filter((e) => !/422|Unprocessable/.test(e))).toEqual([]);
  });
});
