// The Analysis dock in a real browser: the profile table shows exactly what
// `cgm profile --suppress none` prints, headers sort (mouse and keyboard), a
// gap-table row highlights its area on the map and a map click marks the row,
// the funnel plot has one point per area, and a workbook edit survives a
// reload and is undone with Ctrl+Z.
import { join } from 'node:path';
import { area as turfArea, pointOnFeature } from '@turf/turf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME, DEMO_SERVICE, DEMO_INDICATOR } from '../../data/demo/build-demo-project';
import { runCli } from '../cli/capture';
import { closeApp, E2E_DATA_DIR, externalRequests, MAP_CANVAS, mapPixels, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage, whenQuiet } from './harness';
import { changedShare, colourShares, decodePng, hexToRgb } from './pixels';

// Its own data folder: other e2e files' global setup may clear the shared one while this runs.
const DATA_DIR = join(E2E_DATA_DIR, 'tables');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

const number = (text: string) => (text.trim() === '–' ? null : Number(text.replace(/,/g, '')));
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, name) });

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('the analysis dock', () => {
  it('shows the profile table exactly as `cgm profile --suppress none` prints it', async () => {
    const { page } = watched;
    await openTab(page, 'Service profile');
    const rows = page.locator('.profile-table tbody tr');
    await rows.first().waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.counts-badge').textContent()).toBe('Exact counts — not for sharing');

    const cli = await runCli(['profile', '--project', join(DATA_DIR, 'demo.gpkg'), '--service', DEMO_SERVICE, '--scheme', DEMO_SCHEME, '--suppress', 'none', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout).rows as Record<string, string | number>[];
    const cells = async (row: ReturnType<Page['locator']>) => (await row.locator('td, th').allTextContents()).slice(0, 7);
    const shown = await Promise.all((await rows.all()).map(cells));
    const total = await cells(page.locator('.profile-table tfoot tr'));
    const asNumbers = (c: string[]) => c.slice(1).map(number);
    const want = (r: Record<string, string | number>) => [r.users, r.users_pct, r.base, r.base_pct, r.penetration, r.index];
    const segmentRows = expected.filter((r) => r.segment_code !== 'TOTAL');
    expect(shown.map((c) => c[0])).toEqual(segmentRows.map((r) => `${r.segment_code}${r.segment_name}`));
    expect(shown.map(asNumbers)).toEqual(segmentRows.map(want));
    expect(asNumbers(total)).toEqual(want(expected.find((r) => r.segment_code === 'TOTAL')!));
    // Index bars: over-represented and under-represented segments are drawn in two colours.
    const fills = new Set(await page.locator('.profile-table tbody .index-bar rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill'))));
    expect(fills.size).toBe(2);
    await shot(page, 'tables-profile-1366.png');
  });

  it('sorts by clicking a header, and by keyboard, with aria-sort', async () => {
    const { page } = watched;
    const header = page.locator('.profile-table th', { hasText: 'Index' });
    const indexes = () => page.locator('.profile-table tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.children[6].textContent)));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const desc = await indexes();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await indexes()).toEqual([...desc].reverse());
    const segment = page.locator('.profile-table th', { hasText: 'Segment' });
    await segment.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await segment.getAttribute('aria-sort')).toBe('ascending');
    expect(await header.getAttribute('aria-sort')).toBe('none');
  });


  it('says the base beside the profile, and the Analysis panel base selector (which the dock follows) refuses one the project lacks', async () => {
    const { page } = watched;
    await openTab(page, 'Service profile');
    // The demo town has a persons base only, and its scheme assigns one segment per area.
    await expect.poll(() => page.locator('.users-note__base').textContent()).toMatch(/^Base: persons; users' segments from their area's segment \d+\.$/);
    const base = page.getByLabel('Population base');
    const errorsBefore = watched.consoleErrors.length;
    await base.selectOption('households');
    await expect
      .poll(() => page.locator('.table-status--error').textContent())
      .toContain('the project has no households base (it has persons): import one with "cgm import population --base households"');
    // The map's figures are refused the same way, in the panel, rather than drawn on another base.
    await expect.poll(() => page.locator('.analysis-panel .field__error').textContent()).toContain('the project has no households base');
    await base.selectOption('persons');
    await page.locator('.profile-table tbody tr').first().waitFor();
    await base.selectOption('');
    await whenQuiet(watched);
    // The refusal is the answer asked for: the browser logs its 422 response, and nothing else may be logged.
    const added = watched.consoleErrors.splice(errorsBefore);
    expect(added.every((e) => e.includes('status of 422')), added.join('\n')).toBe(true);
  });
  it('a gap-table row highlights its area on the map, and a map click marks the row', async () => {
    const { page } = watched;
    await openTab(page, 'Gap table');
    const rows = page.locator('.gap-table tbody tr');
    await rows.first().waitFor({ timeout: 120_000 });
    const analysis = await app.call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR });
    expect(await rows.count()).toBe(analysis.rows.length);
    // Sorted by unmet need rank: the first row is rank 1.
    const top = analysis.rows.find((r: any) => r.unmetRank === 1);
    expect(await rows.first().getAttribute('data-key')).toBe(top.code);

    const before = await mapPixels(page);
    await rows.first().click();
    expect(await rows.first().getAttribute('aria-selected')).toBe('true');
    const after = await mapPixels(page);
    expect(changedShare(before, after)).toBeGreaterThan(0.0005);
    await expect.poll(() => page.locator('#area-panel-heading').textContent()).toBe(top.name ?? top.code);
    await shot(page, 'tables-gaps-selected-1366.png');
    await page.getByRole('button', { name: 'Close area details' }).click();

    // Click a large area (small ones are a few pixels across) whose point lies clear of the legend and the panels.
    const areas = await app.call('getAreaLayer', { level: analysis.level });
    const canvas = (await page.locator(MAP_CANVAS).boundingBox())!;
    const legend = (await page.locator('.map-legend').boundingBox())!;
    const bySize = [...areas.features].sort((a: any, b: any) => turfArea(b) - turfArea(a));
    let target: { code: string; x: number; y: number } | null = null;
    for (const f of bySize) {
      if (f.properties.code === top.code) continue;
      const [lon, lat] = pointOnFeature(f).geometry.coordinates;
      const p = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [lon, lat] as [number, number]);
      const clear = p.x > legend.x + legend.width - canvas.x + 20 && p.x < canvas.width - 360 && p.y > 30 && p.y < canvas.height - 30;
      if (clear) {
        target = { code: f.properties.code, x: p.x, y: p.y };
        break;
      }
    }
    expect(target).not.toBeNull();
    // Hover first, as a pointer does: deck.gl picks on the hover that precedes the click.
    await page.mouse.move(canvas.x + target!.x, canvas.y + target!.y);
    await page.waitForTimeout(250);
    await page.mouse.click(canvas.x + target!.x, canvas.y + target!.y);
    await expect.poll(() => page.locator('#area-panel-heading').count()).toBe(1);
    const row = page.locator(`.gap-table tbody tr[data-key="${target!.code}"]`);
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    expect(await rows.first().getAttribute('aria-selected')).toBe('false');
    // The row is scrolled into view in the dock.
    expect(await row.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Close area details' }).click();
  });

  it('draws the funnel plot with one point per area', async () => {
    const { page } = watched;
    await openTab(page, 'Funnel plot');
    await page.locator('.funnel__point').first().waitFor({ timeout: 120_000 });
    const analysis = await app.call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR });
    const plotted = analysis.rows.filter((r: any) => typeof r.ratio === 'number' && r.expectedUsers > 0).map((r: any) => r.code).sort();
    const codes = await page.locator('.funnel__point').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!));
    expect(codes.sort()).toEqual(plotted);
    expect(await page.locator('.funnel__limit').count()).toBe(4);
    await page.locator('.funnel__point').nth(3).hover();
    await expect.poll(() => page.locator('.funnel__tooltip').isVisible()).toBe(true);
    await shot(page, 'tables-funnel-1366.png');
  });

  it('shows the travel-band table ranked by need, walk and drive', async () => {
    const { page } = watched;
    await openTab(page, 'Travel-time bands');
    await page.locator('.band-table tbody tr').first().waitFor({ timeout: 120_000 });
    const heads = await page.locator('.band-table thead th').allTextContents();
    // Cumulative shares, headed as such (issue 17): "Within 5 min", never a band such as "5–10".
    expect(heads.join('|')).toContain('Within 5 min');
    expect(heads.join('|')).not.toMatch(/\d–\d/);
    // With a need indicator the need column is there (issue 16 leaves it out only where there is none).
    expect(heads.some((h) => h.trim().startsWith('Need'))).toBe(true);
    expect(await page.locator('.band-table tfoot th').textContent()).toBe('All population');
    await shot(page, 'tables-bands-walk-1366.png');
    // The dock follows the travel mode chosen in the map's analysis panel.
    const walkUnder5 = await page.locator('.band-table tfoot td.band-col').first().textContent();
    await page.locator('.sidebar .segmented__option').getByText('Drive', { exact: true }).click();
    await expect.poll(() => page.locator('.dock-choice').textContent()).toContain('driving');
    await expect.poll(() => page.locator('.band-table tfoot td.band-col').first().textContent(), { timeout: 60_000 }).not.toBe(walkUnder5);
    await shot(page, 'tables-bands-drive-1366.png');
    await page.locator('.sidebar .segmented__option').getByText('Walk', { exact: true }).click();
  });

  it('records a stratum decision, and Undo takes it back', async () => {
    const { page } = watched;
    await openTab(page, 'Strata');
    const rows = page.locator('.strata-table tbody tr');
    await rows.first().waitFor({ timeout: 120_000 });
    const first = rows.first();
    const code = (await first.getAttribute('data-key'))!;
    const proposed = (await first.locator('td').nth(1).textContent())!;
    await first.getByRole('combobox').selectOption(proposed);
    const decided = page.locator(`.strata-table tbody tr[data-key="${code}"]`).getByRole('combobox');
    await expect.poll(() => decided.inputValue()).toBe(proposed);
    await shot(page, 'tables-strata-1366.png');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => decided.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => decided.inputValue()).toBe(proposed);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => decided.inputValue()).toBe('');
  });

  it('switches to presentation figures, saying so', async () => {
    const { page } = watched;
    await openTab(page, 'Service profile');
    await page.getByText('Presentation figures', { exact: true }).click();
    await expect.poll(() => page.locator('.counts-badge').textContent()).toContain('disclosure rule applied');
    await page.locator('.profile-table tbody tr').first().waitFor();
    await page.getByText('Presentation figures', { exact: true }).click();
    await expect.poll(() => page.locator('.counts-badge').textContent()).toBe('Exact counts — not for sharing');
  });
});

describe('the workbook', () => {
  it('keeps an edit across a reload, and Ctrl+Z undoes it', async () => {
    const { page } = watched;
    await openTab(page, 'Workbook');
    const box = page.getByLabel('The reasons for undertaking the profiling exercise');
    await box.waitFor();
    const before = await box.inputValue();
    const text = `Quit rates lag in the east of the town (${Date.now()})`;
    await box.fill(text);
    await page.getByLabel('Who will be involved in the analysis?').focus();
    await expect.poll(() => page.locator('.wb-section__saved').textContent()).toMatch(/^Saved/);
    await page.getByLabel('Embed a table or saved map view in this section').selectOption('table:profile');
    await page.locator('.wb-embed .profile-table tbody tr').first().waitFor({ timeout: 60_000 });
    await page.locator('.wb-embed').scrollIntoViewIfNeeded();
    await shot(page, 'workbook-embed-1366.png');

    await page.reload();
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await openTab(page, 'Workbook');
    const again = page.getByLabel('The reasons for undertaking the profiling exercise');
    await expect.poll(() => again.inputValue()).toBe(text);
    expect(await page.locator('.wb-embed[data-embed="table:profile"]').count()).toBe(1);

    // Undo survives the reload: first the embed, then the text.
    await page.locator('.wb-section__head h2').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.wb-embed').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => again.inputValue()).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => again.inputValue()).toBe(text);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => again.inputValue()).toBe(before);

    // Section 8 is a table of actions with rows added and removed.
    await page.getByRole('button', { name: /Actions/ }).click();
    await page.getByRole('button', { name: '+ Add action' }).click();
    await page.getByLabel('Action 1', { exact: true }).fill('Evening clinic at Eastgate Community Hub');
    await page.getByLabel('Timescale of action 1').fill('By March');
    await page.getByLabel('Person responsible for action 1').fill('Public health lead');
    await page.getByLabel('Person responsible for action 1').press('Enter');
    await expect.poll(async () => (await app.call('getWorkbook', {})).sections.find((s: any) => s.section === 'actions')?.content.actions[0]?.responsible).toBe('Public health lead');
    await shot(page, 'workbook-actions-1366.png');
  });

  it('embeds a saved map view as a live mini-map that follows the layer style', async () => {
    const { page } = watched;
    const need = page.locator('.layer-row[data-layer-id="need"]');
    await need.getByRole('checkbox').check();
    await openTab(page, 'Workbook');
    await page.getByRole('button', { name: /Gap analysis/ }).click();
    await page.getByRole('button', { name: 'Save current map view…' }).click();
    await page.getByLabel('Name of the map view').fill('Need across the town');
    await page.getByRole('button', { name: 'Save and embed' }).click();
    const embed = page.locator('.wb-embed[data-embed="view:Need across the town"]');
    const mini = embed.locator('.wb-minimap__map');
    await embed.scrollIntoViewIfNeeded();
    await expect.poll(() => mini.getAttribute('data-drawn'), { timeout: 60_000 }).toBe('1');
    const miniPixels = async () => decodePng(await mini.locator('canvas').screenshot());
    const needLegend = embed.locator('.legend__block[data-layer-id="need"]');
    expect(await needLegend.locator('.legend__entry').count()).toBe(5);
    const colours = await needLegend.locator('svg rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill') ?? ''));
    const before = await miniPixels();
    const shares = colourShares(before, colours.map(hexToRgb));
    expect(shares.filter((x) => x > 0.002).length, `shares ${shares.map((x) => x.toFixed(4)).join(', ')}`).toBeGreaterThanOrEqual(4);
    await shot(page, 'workbook-map-view-1366.png');

    // The layer's classification changes in the layer panel: the mini-map and its legend follow.
    await need.getByRole('button', { name: 'Style…' }).click();
    await need.getByLabel('Method').selectOption('equal');
    await need.getByLabel('Classes').selectOption('7');
    await expect.poll(() => needLegend.locator('.legend__entry').count()).toBe(7);
    await expect.poll(async () => changedShare(before, await miniPixels()), { timeout: 30_000 }).toBeGreaterThan(0.01);
    await embed.screenshot({ path: join(SCREENSHOT_DIR, 'workbook-map-view-restyled.png') });
    await need.getByLabel('Method').selectOption('quantile');
    await need.getByLabel('Classes').selectOption('5');
    await need.getByRole('button', { name: 'Hide style' }).click();

    // The view's own switches hold: need stays on in the view when the workspace hides it.
    await need.getByRole('checkbox').uncheck();
    await expect.poll(() => page.locator('.map-legend .legend__block[data-layer-id="need"]').count()).toBe(0);
    expect(await needLegend.count()).toBe(1);

    // A removed embed takes its map (and WebGL context) with it.
    await embed.getByRole('button', { name: 'Remove Need across the town from this section' }).click();
    await expect.poll(() => page.locator('.wb-minimap canvas').count()).toBe(0);
  });

  it('fits at 1920×1080, made no external requests and logged no errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(app.url);
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
    await openTab(page, 'Gap table');
    await page.locator('.gap-table tbody tr').first().waitFor({ timeout: 120_000 });
    await page.locator('.gap-table tbody tr').nth(1).click();
    await shot(page, 'tables-gaps-1920.png');
    await openTab(page, 'Service profile');
    await page.locator('.profile-table tbody tr').nth(6).click();
    await page.waitForTimeout(300);
    await shot(page, 'tables-profile-segment-1920.png');
    await page.close();
    expect(externalRequests(watched.requests)).toEqual([]);
    expect(watched.consoleErrors, app.output().slice(-3000)).toEqual([]);
  });
});
