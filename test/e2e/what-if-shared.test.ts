// What is shared must be what was shown, in the app: a proposed site is still
// proposed after a reload (6 service sites, no "Proposed" site type in the
// legend, its own legend entry drawn); its hover card says "proposed" once; an
// area's hover card gives its segment while the gap-type layer is on; the
// export dialog counts the proposed site by default, so the gaps CSV holds the
// dock's figures (and real sites only when unticked); "Keep as real" makes it
// the 7th site and Ctrl+Z proposes it again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INDICATOR, DEMO_SCHEME, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { projectTravelProfile } from '../../electron/analysis/travel-access';
import { serviceAccess } from '../../electron/routing/service-access';
import { openProjectReadOnly } from '../../electron/store/project';
import { closeApp, E2E_DATA_DIR, externalRequests, mapIdle, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test changes its project's what-if sites.
const DATA_DIR = join(E2E_DATA_DIR, 'what-if-shared');
const PROJECT = join(DATA_DIR, 'demo.gpkg');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
let target: { code: string; lon: number; lat: number };
const SITE = 'Pop-up clinic';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Export' });
const sitesCount = (page: Page) => page.locator('.status-bar__sites').innerText();
const proposedCount = async () => (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: any) => s.proposed).length;

async function screenPoint(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [lon, lat]);
  const box = (await page.locator('.map-canvas').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

async function downloadGapsCsv(page: Page): Promise<{ filename: string; rows: Record<string, string>[] }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog(page).getByRole('button', { name: 'Export', exact: true }).click()]);
  const rows = parse(readFileSync(await download.path()), { bom: true, columns: true }) as Record<string, string>[];
  return { filename: download.suggestedFilename(), rows };
}

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
  // A populated area far from every site, near a road: a site there changes its figures.
  const read = openProjectReadOnly(PROJECT);
  try {
    const access = serviceAccess(read, { service: DEMO_SERVICE, profile: projectTravelProfile(read, 'walk'), existingOnly: true });
    target = access.areas.filter((a) => a.seconds !== null && a.seconds > 15 * 60 && a.snapMeters! < 60).sort((a, b) => b.seconds! - a.seconds!)[0];
  } finally {
    read.close();
  }
  await app.call('applyMoment', { moment: { proposedSites: { service: DEMO_SERVICE, sites: [{ name: SITE, lon: target.lon, lat: target.lat }] } } });
  // The reload the analyst does (or the next day's opening): the site was saved as proposed.
  await watched.page.reload();
  await watched.page.waitForSelector('.layer-row[data-layer-id="gap-type"]', { timeout: 120_000 });
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('a proposed site after a reload', () => {
  it('is not counted as a site, nor listed as a site type; its own legend entry draws its ring', async () => {
    const { page } = watched;
    await expect.poll(() => sitesCount(page), { timeout: 60_000 }).toBe('6 service sites');
    await page.locator('.legend__block[data-layer-id="sites"]').waitFor();
    expect(await page.locator('.legend__block[data-layer-id="sites"] .legend__entry[data-value="proposed"]').count()).toBe(0);
    const entry = page.locator('.legend__block[data-layer-id="proposed-sites"] .legend__entry');
    await expect.poll(() => entry.count(), { timeout: 60_000 }).toBe(1);
    expect(await entry.locator('svg.swatch circle').count()).toBe(1);
  });

  it('hover cards: the site says "proposed" once; an area under the gap-type layer gives its segment', async () => {
    const { page } = watched;
    await page.evaluate(([lon, lat]) => window.__cgmMap!.jumpTo({ center: [lon, lat], zoom: 15 }), [target.lon, target.lat]);
    await mapIdle(page);
    const site = await screenPoint(page, target.lon, target.lat);
    await page.mouse.move(site.x, site.y);
    await expect.poll(() => page.locator('.hover-card__meta').first().innerText(), { timeout: 30_000 }).toBe(`Proposed site (what-if) · ${DEMO_SERVICE}`);

    await page.locator('.layer-row[data-layer-id="gap-type"]').getByRole('checkbox').check();
    // Out to where many areas are in view.
    await page.evaluate(([lon, lat]) => window.__cgmMap!.jumpTo({ center: [lon, lat], zoom: 13.5 }), [target.lon, target.lat]);
    await mapIdle(page);
    // An area of the map away from the site: the hover card names the segment the project assigns it.
    const layer = await app.call('getAreaLayer', { level: 'OA', scheme: DEMO_SCHEME });
    const names = new Map((await app.call('getSegments', { scheme: DEMO_SCHEME })).map((s: any) => [s.code, s.name]));
    const centres = (layer.features as any[])
      .filter((f) => f.properties.segment && f.properties.code !== target.code)
      .map((f) => {
        const ring: number[][] = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]).slice(0, -1);
        return { f, lon: ring.reduce((s, p) => s + p[0], 0) / ring.length, lat: ring.reduce((s, p) => s + p[1], 0) / ring.length };
      });
    // Page points of the centres that are bare map (not under a panel or the legend), in one trip.
    const box = (await page.locator('.map-canvas').boundingBox())!;
    const onMap = await page.evaluate(
      ({ points, left, top }) =>
        points.flatMap(([lon, lat], i) => {
          const p = window.__cgmMap!.project([lon, lat]);
          const [x, y] = [left + p.x, top + p.y];
          return document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas') ? [{ i, x, y }] : [];
        }),
      { points: centres.map((c) => [c.lon, c.lat]), left: box.x, top: box.y },
    );
    expect(onMap.length).toBeGreaterThanOrEqual(2);
    for (const { i, x, y } of onMap.slice(0, 2)) {
      const { f } = centres[i];
      await page.mouse.move(x, y);
      const card = page.locator('.hover-card');
      await expect.poll(() => card.locator('.hover-card__title').innerText(), { timeout: 20_000 }).toBe(String(f.properties.name ?? f.properties.code));
      expect(await card.locator('[data-field="segment"]').innerText()).toBe(names.get(f.properties.segment));
    }
    await page.mouse.move(5, 5);
  });
});

describe('exports of the what-if on screen', () => {
  it('the gaps CSV counts the proposed site by default, as the dock does, and real sites only when unticked', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog(page).getByRole('tab', { name: 'Table' }).click();
    await dialog(page).getByRole('radio', { name: /Gaps by area/ }).check();
    const count = dialog(page).getByRole('checkbox', { name: /Count the 1 proposed site as open/ });
    expect(await count.isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-what-if.png') });

    const whatIf = await downloadGapsCsv(page);
    expect(whatIf.filename).toBe('gaps_what-if.csv');
    // The dock's gap table, as the app asks for it when sharing (disclosed), what-if counted.
    const dock = await app.call('getScenarioAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk', presentation: true, includeProposed: true });
    const dockType = new Map(dock.rows.map((r: any) => [r.code, r.significance === '*' ? '*' : r.gapTypes.join('+')]));
    expect(whatIf.rows.map((r) => [r.area_code, r.gap_type])).toEqual(whatIf.rows.map((r) => [r.area_code, dockType.get(r.area_code)]));
    expect(whatIf.rows.find((r) => r.area_code === target.code)!.nearest_site).toBe(`${SITE} (proposed)`);
    expect(new Set(whatIf.rows.map((r) => r.what_if))).toEqual(new Set(['What-if: counting 1 proposed site as open (not real sites until confirmed).']));

    await count.uncheck();
    const real = await downloadGapsCsv(page);
    expect(real.filename).toBe('gaps.csv');
    expect(real.rows.find((r) => r.area_code === target.code)!.nearest_site).not.toContain(SITE);
    expect(real.rows[0]).not.toHaveProperty('what_if');
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  });
});

describe('keeping the proposed site', () => {
  it('"Keep as real" makes it the 7th site; Ctrl+Z proposes it again', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: `Keep ${SITE} as a real site` }).click();
    await expect.poll(() => sitesCount(page), { timeout: 60_000 }).toBe('7 service sites');
    expect(await proposedCount()).toBe(0);
    await page.locator('.status-bar').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => sitesCount(page), { timeout: 60_000 }).toBe('6 service sites');
    await expect.poll(proposedCount).toBe(1);
  });

  it('logged no console errors and asked nothing of any host but 127.0.0.1', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
