// Issue 16 in the app: a real Rutland project with boundaries, OAC 2021, TS001
// residents, postcodes, the four active GP practices and the OSM roads, but no
// users and no need indicator (gapScenario({ accessOnly }) in
// test/support/rutland-project.ts). Choosing the service and the mode is enough: the coverage layer,
// the isochrones and the band table show, with no console error, and the
// isochrones download from the Export dialog as GeoJSON, one ring set per band.
// The figures themselves are checked against cgm traveltime and the TS001/OAC
// files in test/analysis-runs/access-only.test.ts; here the app must show them.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgm } from '../analysis-runs/fixture';
import { buildRutland, gapScenario, GP as SERVICE } from '../support/rutland-project';
import { closeApp, E2E_DATA_DIR, mapPixels, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';
import { changedShare } from './pixels';

const DATA_DIR = join(E2E_DATA_DIR, 'access-only');
const LIMITS = [5, 10, 15, 20, 25];
let project: string;
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

const layerRow = (page: Page, id: string) => page.locator(`.layer-row[data-layer-id="${id}"]`);
const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const pct1 = (v: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`;

type Coverage = { rows: { code: string; minutes: number | null; nearestSite: string | null }[] };

/** Page coordinates of an area's outer-ring mean, if that point is bare map canvas. */
async function visiblePoint(page: Page, code: string): Promise<{ x: number; y: number } | null> {
  const layer = await app.call('getAreaLayer', { level: 'OA' });
  const f = layer.features.find((x: any) => x.properties.code === code);
  const ring: number[][] = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
  const lon = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
  const lat = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
  const p = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [lon, lat]);
  const box = (await page.locator('.map-canvas').boundingBox())!;
  const at = { x: box.x + p.x, y: box.y + p.y };
  const onMap = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas') ?? false, [at.x, at.y]);
  return onMap ? at : null;
}

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const built = await buildRutland({ ...gapScenario({ accessOnly: true }), dir: DATA_DIR });
  built.project.close();
  project = built.path;
  ({ app, browser, watched } = await openApp({ env: { CGM_DATA_DIR: DATA_DIR, CGM_PROJECT: project }, waitFor: '.layer-row[data-layer-id="coverage"]' }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('access-only analysis in the app (issue 16)', () => {
  it('the service and mode are enough: the coverage layer is on, its legend counts each band and says where minutes are measured from', async () => {
    const { page } = watched;
    await expect.poll(() => page.getByTestId('access-only').isVisible()).toBe(true);
    expect(await page.getByLabel('Need indicator').count()).toBe(0);
    expect(await layerRow(page, 'coverage').getByRole('checkbox').isChecked()).toBe(true);
    // No need or use layers where there is nothing to draw them from.
    for (const id of ['need', 'user-rate', 'uptake', 'gap-type', 'user-hexbins']) expect(await layerRow(page, id).count(), id).toBe(0);

    const legend = page.locator('.legend__block[data-layer-id="coverage"]');
    await expect.poll(() => legend.innerText()).toContain('mean of its postcodes');
    // Each band's count, binned here from the services' minutes (a time on a limit is within it).
    const coverage = (await app.call('getAccessCoverage', { service: SERVICE, mode: 'walk' })) as Coverage;
    const expected = new Map<string, number>();
    for (const r of coverage.rows) {
      const i = r.minutes === null ? -2 : LIMITS.findIndex((l) => r.minutes! <= l);
      const key = i === -2 ? 'unreachable' : i === -1 ? 'over-25' : `${i === 0 ? 0 : LIMITS[i - 1]}-${LIMITS[i]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(expected.get('0-5')).toBeGreaterThan(0);
    expect(expected.get('over-25')).toBeGreaterThan(0);
    for (const [value, n] of expected) {
      expect(await legend.locator(`.legend__entry[data-value="${value}"] .legend__count`).innerText(), value).toBe(String(n));
    }
    await mapPixels(page, 'access-only-coverage.png');
  });

  it('hovering and clicking an area give its minutes to the nearest practice', async () => {
    const { page } = watched;
    const coverage = (await app.call('getAccessCoverage', { service: SERVICE, mode: 'walk' })) as Coverage;
    let target: { row: Coverage['rows'][number]; at: { x: number; y: number } } | null = null;
    for (const row of coverage.rows.filter((r) => r.minutes !== null)) {
      const at = await visiblePoint(page, row.code);
      if (at) {
        target = { row, at };
        break;
      }
    }
    expect(target).not.toBeNull();
    const { row, at } = target!;
    const text = `${one.format(row.minutes!)} min walking to ${row.nearestSite}`;
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.locator('.hover-card__detail[data-field="layer"]').innerText()).toBe(text);
    await page.mouse.click(at.x, at.y);
    const panel = page.locator(`.area-panel[data-area-code="${row.code}"]`);
    await expect.poll(() => panel.getByTestId('coverage-minutes').innerText()).toBe(text);
    await page.getByRole('button', { name: 'Close area details' }).click();
  });

  it('shows the isochrones, five bands in the legend', async () => {
    const { page } = watched;
    const before = await mapPixels(page);
    await layerRow(page, 'isochrones').getByRole('checkbox').check();
    const after = await mapPixels(page, 'access-only-isochrones.png');
    expect(changedShare(before, after)).toBeGreaterThan(0.01);
    const entries = await page.locator('.legend__block[data-layer-id="isochrones"] .legend__label').allInnerTexts();
    expect(entries.map((e) => e.trim())).toEqual(['Within 5 min', '5–10 min', '10–15 min', '15–20 min', '20–25 min']);
  });

  it('the band table by segment is cgm bands’ table, without a need column', async () => {
    const { page } = watched;
    await page.getByRole('tab', { name: 'Travel-time bands' }).click();
    await page.locator('.band-table tbody tr').first().waitFor({ timeout: 120_000 });
    const heads = (await page.locator('.band-table thead th').allTextContents()).map((h) => h.trim());
    expect(heads.some((h) => h.startsWith('Need'))).toBe(false);
    await expect.poll(() => page.locator('.dock-description').innerText()).toContain('largest segments first');
    // The dock lists segments at the map's segment level: OAC's four supergroups here.
    const r = await cgm('bands', '--project', project, '--service', SERVICE, '--mode', 'walk', '--segment-level', 'supergroup', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const cli = JSON.parse(r.stdout) as { rows: { segmentCode: string | null; cumulativePct: number[] }[] };
    expect(cli.rows).toHaveLength(5);
    expect(await page.locator('.band-table tbody tr').count()).toBe(4);
    const all = cli.rows.find((x) => x.segmentCode === null)!;
    const shown = (await page.locator('.band-table tfoot td.band-col').allTextContents()).map((c) => c.trim());
    expect(shown).toEqual(all.cumulativePct.map(pct1));
    // The first segment row (largest population without rates) shows the CLI's first row.
    const first = cli.rows[0];
    const firstRow = page.locator('.band-table tbody tr').first();
    expect((await firstRow.locator('td.band-col').allTextContents()).map((c) => c.trim())).toEqual(first.cumulativePct.map(pct1));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'access-only-bands.png') });
  });

  it('exports the isochrones as GeoJSON from the Export dialog: one ring set per band', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('tab', { name: 'Layer' }).click();
    const select = dialog.getByLabel('Layer (GeoJSON, WGS 84)');
    await expect.poll(() => select.inputValue()).toBe('isochrones');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const geo = JSON.parse(readFileSync(await download.path(), 'utf8')) as { type: string; features: { properties: { minutes: number }; geometry: { type: string; coordinates: number[][][][] } }[] };
    expect(download.suggestedFilename()).toMatch(/isochrones.*\.geojson$/);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.map((f) => f.properties.minutes)).toEqual(LIMITS);
    for (const f of geo.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
      // Closed rings of lon/lat in Rutland.
      for (const ring of f.geometry.coordinates.flat()) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        expect(ring[0][0]).toBeGreaterThan(-1.1);
        expect(ring[0][0]).toBeLessThan(-0.3);
      }
    }
    await page.keyboard.press('Escape');
    expect(watched.consoleErrors).toEqual([]);
  });
});
