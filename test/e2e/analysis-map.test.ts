// The analysis map in a real browser: each analysis layer paints what the
// services computed (the gap layer in the accessibility colour where `cgm gaps`
// says accessibility), the area panel shows the gap table's numbers, the legend
// follows a classification change, a what-if site moves the isochrones, and a
// stratum cannot be lowered without a reason.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/capture';
import { closeApp, E2E_DATA_DIR, externalRequests, mapIdle, mapPixels, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';
import { changedShare, colourShares, decodePng, hexToRgb } from './pixels';

const SERVICE = 'Stop smoking service';
const INDICATOR = 'Smoking prevalence (illustrative)';
const ACCESSIBILITY = '#D55E00';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
type GapRow = Record<string, string | number | null>;
let gaps: GapRow[];
let clickedCode = '';
/** Failed API calls with their messages, to explain a failure. */
const refused: string[] = [];

const layerRow = (page: Page, id: string) => page.locator(`.layer-row[data-layer-id="${id}"]`);

/** Screen point (page coordinates) of an area: the mean of its outer ring. */
async function areaPoint(page: Page, code: string): Promise<{ x: number; y: number }> {
  const layer = await app.call('getAreaLayer', { level: 'OA' });
  const f = layer.features.find((x: any) => x.properties.code === code);
  const ring: number[][] = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
  const lon = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
  const lat = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
  const p = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [lon, lat]);
  const box = (await page.locator('.map-canvas').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/** The first of `codes` whose point is map canvas, not covered by the legend or a panel. */
async function visibleArea(page: Page, codes: string[]): Promise<{ code: string; x: number; y: number }> {
  // The map resizes a frame after its container (deferred-resize.ts): a point worked out while a closed panel's
  // space is still unclaimed would be clicked after the canvas has grown and moved the area under it.
  await expect.poll(() => page.evaluate(() => {
    const canvas = document.querySelector('.maplibregl-canvas');
    const map = canvas?.closest('.maplibregl-map');
    return Boolean(canvas && map) && Math.abs(canvas!.getBoundingClientRect().width - map!.getBoundingClientRect().width) < 1;
  })).toBe(true);
  for (const code of codes) {
    const p = await areaPoint(page, code);
    const onMap = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas') ?? false, [p.x, p.y]);
    if (onMap) return { code, ...p };
  }
  throw new Error(`none of ${codes.join(', ')} is visible on the map`);
}

const accessibilityCodes = () => gaps.filter((r) => r.gap_type === 'accessibility').map((r) => String(r.area_code));

beforeAll(async () => {
  ({ app, browser, watched } = await openApp());
  watched.page.on('response', async (r) => {
    if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname} ${await r.text().catch(() => '')}`);
  });
  // The analysis arrives after the first map; its layers join the panel then.
  await watched.page.waitForSelector('.layer-row[data-layer-id="gap-type"]', { timeout: 120_000 });
  const cli = await runCli(['gaps', '--project', join(E2E_DATA_DIR, 'demo.gpkg'), '--service', SERVICE, '--indicator', INDICATOR, '--mode', 'walk', '--suppress', 'none', '--format', 'json']);
  expect(cli.code).toBe(0);
  gaps = JSON.parse(cli.stdout).rows;
});

afterAll(async () => {
  if (process.env.CGM_E2E_LOG) (await import('node:fs')).writeFileSync(process.env.CGM_E2E_LOG, `${app?.output() ?? ''}\n${refused.join('\n')}`);
  await closeApp({ app, browser });
});

describe('analysis layers', () => {
  it('switches each analysis layer on, changing the pixels and adding its legend', async () => {
    const { page } = watched;
    let before = await mapPixels(page);
    for (const id of ['need', 'user-rate', 'uptake', 'need-uptake', 'gap-type', 'user-hexbins', 'isochrones']) {
      await layerRow(page, id).getByRole('checkbox').check();
      const after = await mapPixels(page, `analysis-layer-${id}.png`);
      expect(changedShare(before, after), id).toBeGreaterThan(0.01);
      expect(await page.locator(`.legend__block[data-layer-id="${id}"]`).count(), id).toBe(1);
      before = after;
    }
    // Area fills are exclusive: only the last one switched on is still drawn.
    expect(await layerRow(page, 'need').getByRole('checkbox').isChecked()).toBe(false);
    for (const id of ['user-hexbins', 'isochrones']) await layerRow(page, id).getByRole('checkbox').uncheck();
  });

  it('paints the accessibility colour where cgm gaps finds an accessibility gap', async () => {
    const { page } = watched;
    await layerRow(page, 'gap-type').getByRole('checkbox').check();
    await mapIdle(page);
    const p = await visibleArea(page, accessibilityCodes());
    const clip = { x: p.x - 5, y: p.y - 5, width: 10, height: 10 };
    const shot = decodePng(await page.screenshot({ clip, path: join(SCREENSHOT_DIR, 'analysis-gap-accessibility-clip.png') }));
    const [share] = colourShares(shot, [hexToRgb(ACCESSIBILITY)]);
    expect(share).toBeGreaterThan(0.3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'analysis-gap-type.png') });
    const legend = await page.locator('.legend__block[data-layer-id="gap-type"] .legend__entry[data-value="accessibility"] .legend__count').innerText();
    expect(Number(legend)).toBe(gaps.filter((r) => r.gap_type === 'accessibility').length);
  });

  it('shows the gap table’s numbers for a clicked area', async () => {
    const { page } = watched;
    const p = await visibleArea(page, accessibilityCodes());
    const target = gaps.find((r) => r.area_code === p.code)!;
    clickedCode = p.code;
    await page.mouse.click(p.x, p.y);
    const panel = page.locator(`.area-panel[data-area-code="${target.area_code}"]`);
    await expect.poll(() => panel.count()).toBe(1);
    const text = await panel.innerText();
    const two = (v: unknown) => Number(v).toFixed(2);
    expect(text).toContain('Exact counts — not for sharing');
    expect(text).toMatch(new RegExp(`Users\\s+${Number(target.users).toLocaleString('en-GB')}\\b`));
    expect((await panel.getByTestId('uptake').innerText()).replace(/\s+/g, ' ')).toContain(`${two(target.uptake_ratio)} (95% CI ${two(target.ci95_lower)}–${two(target.ci95_upper)})`);
    expect(text).toContain('Accessibility (too far)');
    expect(text).toContain(String(target.rule));
    expect(text).toContain(String(target.nearest_site));
    const walk = String(target.access).match(/^([\d.]+) min/)![1];
    expect(await panel.locator('.access[data-mode="walk"]').innerText()).toBe(`${Number(walk).toFixed(1).replace(/\.0$/, '')} min`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'analysis-area-panel.png') });
  });

  it('records a stratum only with a reason when lowering it', async () => {
    const { page } = watched;
    const panel = page.locator('.area-panel');
    const strata = (await app.call('getStrata', { service: SERVICE, indicator: INDICATOR, mode: 'walk' })).rows;
    const code = clickedCode;
    const row = strata.find((r: any) => r.areaCode === code);
    expect(['Priority', 'Moderate', 'Basic']).toContain(row.effective);
    await panel.getByLabel('Stratum').selectOption('Self-care');
    await panel.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => panel.getByRole('alert').innerText()).toMatch(/needs a written reason/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'analysis-stratum-error.png') });
    await panel.locator('.stratum__form').getByLabel(/Reason/).fill('Outreach van visits weekly');
    await panel.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => panel.locator('.stratum-chip').innerText()).toBe('Self-care');
    expect(await panel.innerText()).toContain('Outreach van visits weekly');
    expect(await panel.getByRole('alert').count()).toBe(0);
    const after = (await app.call('getStrata', { service: SERVICE, indicator: INDICATOR, mode: 'walk' })).rows.find((r: any) => r.areaCode === code);
    expect(after.decision.reason).toBe('Outreach van visits weekly');
    await page.getByRole('button', { name: 'Close area details' }).click();
  });

  it('edits the nearest site’s opening hours from the area panel: the gap is re-judged, and Undo restores it', async () => {
    const { page } = watched;
    const p = await visibleArea(page, gaps.filter((r) => r.gap_type === 'availability').map((r) => String(r.area_code)));
    await page.mouse.click(p.x, p.y);
    const panel = page.locator(`.area-panel[data-area-code="${p.code}"]`);
    await expect.poll(() => panel.count()).toBe(1);
    expect(await panel.locator('.gap__type').innerText()).toContain('Availability (wrong hours)');
    const form = panel.getByTestId('site-hours-form');
    const input = form.getByLabel(/Opening hours of/);
    await expect.poll(() => input.inputValue()).not.toBe('');
    const before = await input.inputValue();
    // Weekdays 07:00–21:00 (2 + 4 h a day outside 9–5) and weekends 09:00–17:00 (8 h a day): 30 + 16 = 46 h ≥ 4.
    await input.fill('Mo-Fr 07:00-21:00; Sa-Su 09:00-17:00');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.locator('.gap__type').innerText(), { timeout: 60_000 }).toContain('Awareness');
    expect(await panel.innerText()).toContain('46 h/week outside Mon–Fri 9–5');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'analysis-site-hours-edit.png') });
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => panel.locator('.gap__type').innerText(), { timeout: 60_000 }).toContain('Availability');
    await expect.poll(() => input.inputValue()).toBe(before);
    await page.getByRole('button', { name: 'Close area details' }).click();
  });

  it('changes a gap threshold in the analysis panel: the gap legend follows, and Undo restores it', async () => {
    const { page } = watched;
    const count = (value: string) => page.locator(`.legend__block[data-layer-id="gap-type"] .legend__entry[data-value="${value}"] .legend__count`);
    const accessible = gaps.filter((r) => r.gap_type === 'accessibility').length;
    await expect.poll(async () => Number(await count('accessibility').innerText())).toBe(accessible);
    const form = page.getByTestId('gap-settings');
    await form.locator('summary').click();
    // Every significantly-low area with a walk over 1 minute becomes an accessibility gap: more of them, as `cgm gaps --walk-minutes 1` says.
    const cli = await runCli(['gaps', '--project', join(E2E_DATA_DIR, 'demo.gpkg'), '--service', SERVICE, '--indicator', INDICATOR, '--mode', 'walk', '--walk-minutes', '1', '--suppress', 'none', '--format', 'json']);
    const expected = (JSON.parse(cli.stdout).rows as GapRow[]).filter((r) => r.gap_type === 'accessibility').length;
    expect(expected).toBeGreaterThan(accessible);
    await form.getByLabel('Too far: walk over (min)').fill('1');
    await form.getByRole('button', { name: 'Apply thresholds' }).click();
    await expect.poll(async () => Number(await count('accessibility').innerText()), { timeout: 60_000 }).toBe(expected);
    expect(await page.locator('.legend__block[data-layer-id="gap-type"]').innerText()).toContain('too far over 1 min');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => Number(await count('accessibility').innerText()), { timeout: 60_000 }).toBe(accessible);
    await expect.poll(() => form.getByLabel('Too far: walk over (min)').inputValue()).toBe('15');
    await form.locator('summary').click();
  });

  it('follows a classification change in the legend', async () => {
    const { page } = watched;
    await layerRow(page, 'need').getByRole('checkbox').check();
    const quantiles = await mapPixels(page);
    expect(await page.locator('.legend__block[data-layer-id="need"] .legend__entry').count()).toBe(5);
    await layerRow(page, 'need').getByRole('button', { name: 'Style…' }).click();
    await layerRow(page, 'need').getByLabel('Method').selectOption('equal');
    await layerRow(page, 'need').getByLabel('Classes').selectOption('7');
    const equal = await mapPixels(page, 'analysis-need-equal7.png');
    expect(await page.locator('.legend__block[data-layer-id="need"] .legend__entry').count()).toBe(7);
    expect(changedShare(quantiles, equal)).toBeGreaterThan(0.01);
    await layerRow(page, 'need').getByRole('button', { name: 'Hide style' }).click();
  });
});

describe('what-if sites', () => {
  it('adds, drags and removes a proposed site; the isochrones follow', async () => {
    const { page } = watched;
    if (await page.locator('.area-panel').count()) await page.getByRole('button', { name: 'Close area details' }).click();
    await layerRow(page, 'gap-type').getByRole('checkbox').check();
    await layerRow(page, 'isochrones').getByRole('checkbox').check();
    const before = await mapPixels(page, 'analysis-isochrones-before.png');
    const far = [...gaps].filter((r) => String(r.access).endsWith('walk')).sort((a, b) => parseFloat(String(b.access)) - parseFloat(String(a.access)));
    const p = await visibleArea(page, far.map((r) => String(r.area_code)));
    await page.getByRole('button', { name: 'Add proposed site' }).click();
    await page.mouse.click(p.x, p.y);
    await expect.poll(async () => (await app.call('getSites', { service: SERVICE })).filter((s: any) => s.proposed).length).toBe(1);
    await expect.poll(() => page.locator('.layer-row[data-layer-id="isochrones"] .layer-row__subtitle').innerText()).toMatch(/with proposed sites/);
    await expect.poll(async () => changedShare(before, await mapPixels(page)), { timeout: 30_000 }).toBeGreaterThan(0.005);
    await mapPixels(page, 'analysis-isochrones-proposed.png');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'analysis-whatif.png') });

    const [site] = (await app.call('getSites', { service: SERVICE })).filter((s: any) => s.proposed);
    const from = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [site.lon, site.lat]);
    const box = (await page.locator('.map-canvas').boundingBox())!;
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.mouse.down();
    // While dragging, the bands follow on a canvas of their own over the map (drag-split.ts).
    const followed = page.waitForResponse((r) => r.url().includes('/api/getDragBands') && r.ok(), { timeout: 60_000 });
    for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + from.x - 12 * i, box.y + from.y - 6 * i);
    await followed;
    await expect.poll(() => dragCanvasVisibility(page)).toBe('visible');
    await page.mouse.up();
    await expect.poll(async () => (await app.call('getSites', { service: SERVICE })).find((s: any) => s.id === site.id).lon).toBeLessThan(site.lon);
    // After the drop the map is whole again and draws what a fresh load of the new position gets from the server.
    await expect.poll(() => dragCanvasVisibility(page), { timeout: 60_000 }).toBe('hidden');
    const fresh = await app.call('getIsochrones', { service: SERVICE, mode: 'walk', includeProposed: true });
    const byMinutes = (features: any[]) => Object.fromEntries(features.map((f) => [f.properties.minutes, f.geometry.coordinates]));
    const drawn = await drawnBands(page);
    expect(drawn.visible).toBe(true);
    expect(Object.keys(byMinutes(fresh.bands.features))).toHaveLength(5);
    expect(byMinutes(drawn.features)).toEqual(byMinutes(fresh.bands.features));
    // The map itself did not pan while the site was dragged.
    const moved = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [site.lon, site.lat]);
    expect(Math.abs(moved.x - from.x)).toBeLessThan(1);

    await page.getByRole('button', { name: /^Remove Proposed site/ }).click();
    await expect.poll(async () => (await app.call('getSites', { service: SERVICE })).filter((s: any) => s.proposed).length).toBe(0);
    await expect.poll(() => page.locator('.layer-row[data-layer-id="isochrones"] .layer-row__subtitle').innerText()).not.toMatch(/with proposed sites/);
    await layerRow(page, 'isochrones').getByRole('checkbox').uncheck();
  });

  it('logged no console errors and asked nothing of any host but 127.0.0.1', async () => {
    await layerRow(watched.page, 'segments').getByRole('checkbox').check();
    // The one refused request is the stratum lowered without a reason (a 422 shown inline).
    expect(watched.consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    expect(watched.consoleErrors.filter((e) => /status of 422/.test(e))).toHaveLength(1);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});

/** The drag canvas's CSS visibility ('none' before the first drag makes it). */
function dragCanvasVisibility(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector('.map-drag-layers');
    return el ? getComputedStyle(el).visibility : 'none';
  });
}

/** The bands the map's own (interleaved) deck.gl layer draws now: its data, read from the live overlay. */
function drawnBands(page: Page): Promise<{ visible: boolean; features: any[] }> {
  return page.evaluate(() => {
    const controls = (window.__cgmMap as unknown as { _controls: { _deck?: { props: { layers: { id: string; props: any }[] } } }[] })._controls;
    const layer = controls.find((c) => c._deck)!._deck!.props.layers.find((l) => l.id === 'isochrones')!;
    return { visible: layer.props.visible, features: layer.props.data.features };
  });
}
