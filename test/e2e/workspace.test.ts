// The analyst's workspace in a real browser: the legend matches what is drawn,
// layer controls change the pixels, classification recolours, everything is
// reachable by keyboard, and nothing is requested from beyond 127.0.0.1.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, externalRequests, mapIdle, mapPixels, openApp, openWatchedPage, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';
import { changedShare, colourShares, hexToRgb } from './pixels';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

function layerRow(page: Page, id: string) {
  return page.locator(`.layer-row[data-layer-id="${id}"]`);
}

async function legendValues(page: Page, layerId: string): Promise<string[]> {
  return page.locator(`.legend__block[data-layer-id="${layerId}"] .legend__entry`).evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''));
}

beforeAll(async () => {
  ({ app, browser, watched } = await openApp());
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('the workspace', () => {
  it('lists exactly the segments drawn, in the scheme colours, and paints them', async () => {
    const { page } = watched;
    const info = await app.call('getProjectInfo', {});
    const scheme = info.schemes[0].name;
    const segments: { code: string; name: string; colour: string | null; parentCode: string | null; level: string }[] = await app.call('getSegments', { scheme });
    const top = segments.find((s) => s.parentCode === null)!.level;
    const levels = new Set(segments.map((s) => s.level));
    const oa = await app.call('getAreaLayer', { level: info.levels.find((l: any) => l.level === 'OA') ? 'OA' : info.levels[0].level, scheme, ...(levels.size > 1 ? { segmentLevel: top } : {}) });
    const drawn = new Set<string>(oa.features.map((f: any) => f.properties.segment).filter((s: unknown) => s != null));

    const listed = await legendValues(page, 'segments');
    expect(new Set(listed)).toEqual(drawn);

    const png = await mapPixels(page, 'workspace-initial.png');
    const colours = [...drawn].map((code) => hexToRgb(segments.find((s) => s.code === code)!.colour!));
    const shares = colourShares(png, colours);
    const painted = shares.filter((s) => s > 0.001).length;
    expect(painted, `shares ${shares.map((s) => s.toFixed(4)).join(', ')}`).toBe(colours.length);
  });

  it('switching a layer off changes the pixels and drops it from the legend', async () => {
    const { page } = watched;
    const before = await mapPixels(page);
    await layerRow(page, 'segments').getByRole('checkbox').uncheck();
    const after = await mapPixels(page, 'workspace-segments-off.png');
    expect(changedShare(before, after)).toBeGreaterThan(0.1);
    expect(await page.locator('.legend__block[data-layer-id="segments"]').count()).toBe(0);
    await layerRow(page, 'segments').getByRole('checkbox').check();
    const back = await mapPixels(page);
    expect(changedShare(before, back)).toBeLessThan(0.01);
  });

  it('moves a layer in the drawing order of the map itself', async () => {
    const { page } = watched;
    const order = () => page.evaluate(() => window.__cgmMap!.getLayersOrder());
    const firstRoad = (ids: string[]) => ids.findIndex((id) => id.startsWith('roads:'));
    const deckGroup = (ids: string[]) => ids.findIndex((id) => id.startsWith('deck-maplibre-layer-group-before:roads'));
    const initial = await order();
    // Segment fills sit under the roads: their deck group is placed before the first road layer.
    expect(deckGroup(initial)).toBe(firstRoad(initial) - 1);
    // Two steps down puts Roads under both fill layers (density, then segments).
    await page.getByRole('button', { name: 'Move Roads down' }).click();
    await page.getByRole('button', { name: 'Move Roads down' }).click();
    await mapPixels(page);
    const moved = await order();
    const fillsGroup = moved.findIndex((id) => id.startsWith('deck-maplibre-layer-group-before:boundaries-'));
    expect(fillsGroup).toBeGreaterThan(-1);
    expect(firstRoad(moved)).toBeLessThan(fillsGroup);
    const titles = await page.locator('.layer-row__title').allInnerTexts();
    expect(titles.indexOf('Roads')).toBeGreaterThan(titles.indexOf('Geodemographic segment'));
    await page.getByRole('button', { name: 'Move Roads up' }).click();
    await page.getByRole('button', { name: 'Move Roads up' }).click();
    await expect.poll(order).toEqual(initial);
  });

  it('classifies population density by natural breaks and the legend follows', async () => {
    const { page } = watched;
    await layerRow(page, 'segments').getByRole('checkbox').uncheck();
    await layerRow(page, 'density').getByRole('checkbox').check();
    const quantiles = await mapPixels(page);
    expect(await legendValues(page, 'density')).toHaveLength(5);
    await layerRow(page, 'density').getByRole('button', { name: 'Style…' }).click();
    await layerRow(page, 'density').getByLabel('Method').selectOption('ckmeans');
    await layerRow(page, 'density').getByLabel('Classes').selectOption('7');
    const ckmeans = await mapPixels(page, 'workspace-density-ckmeans.png');
    expect(changedShare(quantiles, ckmeans)).toBeGreaterThan(0.02);
    expect(await legendValues(page, 'density')).toHaveLength(7);
    const counts = await page.locator('.legend__block[data-layer-id="density"] .legend__count').allInnerTexts();
    const info = await app.call('getProjectInfo', {});
    const oaCount = info.layers.find((l: any) => l.table === 'area_oa')?.featureCount;
    expect(counts.reduce((s, c) => s + Number(c.replace(/,/g, '')), 0)).toBe(oaCount);

    await layerRow(page, 'density').getByLabel('Method').selectOption('manual');
    await layerRow(page, 'density').getByLabel(/Breaks/).fill('1000, 5000');
    await layerRow(page, 'density').getByRole('button', { name: 'Apply' }).click();
    const labels = await page.locator('.legend__block[data-layer-id="density"] .legend__label').allInnerTexts();
    expect(labels.length).toBe(3);
    expect(labels[1]).toMatch(/^1,000 to under 5,000$/);
    await layerRow(page, 'density').getByRole('checkbox').uncheck();
    await layerRow(page, 'segments').getByRole('checkbox').check();
  });

  it('shows opening hours on hover and area details on click', async () => {
    const { page } = watched;
    const sites: { name: string; lon: number; lat: number; openingHours: string | null }[] = await app.call('getSites', {});
    const site = sites.find((s) => s.openingHours)!;
    // The previous step switched layers; a click on a map still redrawing them picks nothing.
    await mapIdle(page);
    const point = await page.evaluate(([lon, lat]) => window.__cgmMap!.project([lon, lat]), [site.lon, site.lat]);
    const box = (await page.locator('.map-canvas').boundingBox())!;
    await page.mouse.move(box.x + point.x, box.y + point.y);
    await expect.poll(() => page.locator('.hover-card').innerText()).toContain(site.name);
    await expect.poll(() => page.locator('.hover-card').innerText()).toMatch(/opening hours[\s\S]*\d\d:\d\d/i);

    // Clicked once the analysis has arrived (its layers rebuild the map), with a
    // press held for 600 ms: a slow, deliberate click (or a slow GPU's picking on
    // pointerdown) used to be dropped by deck.gl's 250 ms tap limit.
    await page.waitForSelector('.layer-row[data-layer-id="gap-type"]', { timeout: 120_000 });
    await mapIdle(page);
    const at = { x: box.x + point.x + 30, y: box.y + point.y + 30 };
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas'), [at.x, at.y])).toBe(true);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.waitForTimeout(600);
    await page.mouse.up();
    await expect.poll(() => page.locator('.area-panel').count()).toBe(1);
    const panel = await page.locator('.area-panel').innerText();
    expect(panel).toMatch(/Code/);
    expect(panel).toMatch(/Population/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workspace-area-details.png') });
    await page.getByRole('button', { name: 'Close area details' }).click();
    expect(await page.locator('.area-panel').count()).toBe(0);
  });

  it('reaches every control with Tab and shows where the focus is', async () => {
    const { page } = watched;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const reached = new Set<string>();
    let ringSeen = 0;
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const label = el.getAttribute('aria-label') ?? el.id ?? '';
        return { key: `${el.tagName}:${label}:${el.textContent?.slice(0, 20)}`, ring: style.boxShadow !== 'none' || style.outlineStyle !== 'none' };
      });
      if (!focus) continue;
      reached.add(focus.key);
      if (focus.ring) ringSeen++;
    }
    const keys = [...reached].join('\n');
    expect(keys).toMatch(/Move Roads up/);
    expect(keys).toMatch(/INPUT/);
    expect(keys).toMatch(/Present/);
    expect(ringSeen).toBeGreaterThan(10);
  });

  it('works at 1920×1080 and in presentation mode', async () => {
    const big = await openWatchedPage(browser, app.url, { width: 1920, height: 1080 });
    await big.page.screenshot({ path: join(SCREENSHOT_DIR, 'workspace-1920.png') });
    // Two saved views: segments, then density; presentation steps between them with the keyboard.
    // Save view asks for a name, offering what the map shows and the level: Enter accepts it.
    const saveView = async () => {
      await big.page.getByRole('button', { name: /^Save view/ }).click();
      await big.page.getByRole('dialog', { name: 'Save view' }).waitFor();
      await big.page.keyboard.press('Enter');
      await expect.poll(() => big.page.getByRole('dialog').count()).toBe(0);
    };
    await saveView();
    await layerRow(big.page, 'segments').getByRole('checkbox').uncheck();
    await layerRow(big.page, 'density').getByRole('checkbox').check();
    await saveView();
    await big.page.getByRole('button', { name: 'Present' }).click();
    await expect.poll(() => big.page.locator('.presentation__title h1').count()).toBe(1);
    await expect.poll(() => big.page.locator('.presentation__title p').innerText()).toMatch(/^Geodemographic segment — OA/);
    await expect.poll(() => big.page.locator('.legend__block[data-layer-id="segments"]').count()).toBe(1);
    await big.page.keyboard.press('ArrowRight');
    await expect.poll(() => big.page.locator('.presentation__title p').innerText()).toMatch(/^Population density — OA/);
    await expect.poll(() => big.page.locator('.legend__block[data-layer-id="density"]').count()).toBe(1);
    expect(await big.page.locator('.legend__block[data-layer-id="segments"]').count()).toBe(0);
    expect(await big.page.locator('.sidebar').isVisible()).toBe(false);
    await mapPixels(big.page);
    await big.page.screenshot({ path: join(SCREENSHOT_DIR, 'workspace-presentation.png') });
    await big.page.keyboard.press('Escape');
    await expect.poll(() => big.page.locator('.sidebar').isVisible()).toBe(true);
    // The views are bookmarks in the project: a fresh window has them too.
    const again = await openWatchedPage(browser, app.url, { width: 1920, height: 1080 });
    await expect.poll(() => again.page.getByRole('button', { name: /^Save view/ }).innerText()).toMatch(/\(2\)/);
    await again.page.close();
    expect(big.consoleErrors).toEqual([]);
    expect(externalRequests(big.requests)).toEqual([]);
    await big.page.close();
  });

  it('logged no console errors and asked nothing of any host but 127.0.0.1', async () => {
    await watched.page.screenshot({ path: join(SCREENSHOT_DIR, 'workspace-1366.png') });
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
