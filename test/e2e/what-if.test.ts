// What-if sites change the band table too: a proposed site placed in a poorly
// served area raises the All-population "Under 5" / "5–10" percentages of the
// Analysis dock's band table to exactly what `cgm bands` prints for a copy of
// the project with that site made real; the gap table and funnel plot say they
// count it (the area's nearest site becomes the proposed one); removing it
// restores the tables.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INDICATOR, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { projectTravelProfile } from '../../electron/analysis/travel-access';
import { segmentBases } from '../../electron/routing/project-population';
import { serviceAccess } from '../../electron/routing/service-access';
import { confirmProposedSite } from '../../electron/services/proposed-sites';
import { openProject, openProjectReadOnly } from '../../electron/store/project';
import { runCli } from '../cli/capture';
import { closeApp, E2E_DATA_DIR, externalRequests, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test changes its project's what-if sites.
const DATA_DIR = join(E2E_DATA_DIR, 'what-if');
const PROJECT = join(DATA_DIR, 'demo.gpkg');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

/** The All-population row's "Within 5 min" and "Within 10 min" cells as shown, e.g. ["12.3%", "40.1%"]. */
async function allUnder5And10(page: Page): Promise<string[]> {
  // The cumulative band columns of the tfoot (rank, base and need come before them).
  const cells = await page.locator('.band-table tfoot td.band-col').allTextContents();
  return cells.slice(0, 2).map((c) => c.trim());
}

const pct1 = (v: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`;

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('what-if sites and the band table', () => {
  it('a proposed site in a poorly served area raises "Under 5" and "5–10" to the hand-checked figures; removing it restores them', async () => {
    const { page } = watched;
    await page.getByRole('tab', { name: 'Travel-time bands' }).click();
    await page.locator('.band-table tfoot td').nth(3).waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.dock-choice').textContent()).toContain(DEMO_SERVICE);
    const before = await allUnder5And10(page);
    expect(await page.locator('.band-table__whatif').count()).toBe(0);

    // The poorly served place: a populated area over 15 minutes' walk from every site, whose point is
    // within 60 m of a road, so a site there brings the area itself under 5 minutes.
    const read = openProjectReadOnly(PROJECT);
    let target: { lon: number; lat: number; code: string };
    try {
      const people = new Set(segmentBases(read.db, 'OAC 2011').population.filter((p) => p.base > 0).map((p) => p.areaCode));
      const access = serviceAccess(read, { service: DEMO_SERVICE, profile: projectTravelProfile(read, 'walk'), existingOnly: true });
      const far = access.areas
        .filter((a) => people.has(a.code) && a.seconds !== null && a.seconds > 15 * 60 && a.snapMeters! < 60)
        .sort((a, b) => b.seconds! - a.seconds!);
      expect(far.length).toBeGreaterThan(0);
      target = far[0];
    } finally {
      read.close();
    }

    // Place it the keyboard's way: centre the map on the place, then "place it at the map centre".
    await page.evaluate(([lon, lat]) => window.__cgmMap!.jumpTo({ center: [lon, lat] }), [target.lon, target.lat]);
    await page.getByRole('button', { name: 'Add proposed site' }).click();
    await page.getByRole('button', { name: 'place it at the map centre' }).click();
    await expect.poll(async () => (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: any) => s.proposed).length).toBe(1);
    await expect.poll(() => page.locator('.band-table__whatif').textContent(), { timeout: 60_000 }).toBe('What-if: counting 1 proposed site as open.');
    await expect.poll(() => allUnder5And10(page), { timeout: 60_000 }).not.toEqual(before);
    const after = await allUnder5And10(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'what-if-band-table.png') });

    // Hand check: a copy of the project with the proposed site made real, through `cgm bands` in-process.
    const copyPath = join(DATA_DIR, 'what-if-real.gpkg');
    const live = openProjectReadOnly(PROJECT);
    await live.db.backup(copyPath);
    live.close();
    const copy = openProject(copyPath);
    const [proposed] = (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: any) => s.proposed);
    confirmProposedSite(copy, DEMO_SERVICE, proposed.id);
    copy.close();
    const cli = await runCli(['bands', '--project', copyPath, '--service', DEMO_SERVICE, '--indicator', DEMO_INDICATOR, '--mode', 'walk', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const real = JSON.parse(cli.stdout);
    expect(real.proposedSites).toBe(0);
    const all = real.rows[real.rows.length - 1].cumulativePct as number[];
    expect(after).toEqual([pct1(all[0]), pct1(all[1])]);
    // Both rise: the site's own area is now under 5 minutes, its neighbours under 10.
    const num = (s: string) => Number(s.replace('%', ''));
    expect(num(after[0])).toBeGreaterThan(num(before[0]));
    expect(num(after[1])).toBeGreaterThan(num(before[1]));

    // The gap table and the funnel plot follow the same sites: the poorly served area's nearest site is now the proposed one.
    await page.getByRole('tab', { name: 'Gap table' }).click();
    const targetRow = page.locator(`.gap-table tbody tr[data-key="${target.code}"]`);
    await expect.poll(() => page.locator('.gap-table__whatif').textContent(), { timeout: 120_000 }).toBe('What-if: counting 1 proposed site as open.');
    await expect.poll(() => targetRow.textContent(), { timeout: 60_000 }).toContain('(proposed)');
    await page.getByRole('tab', { name: 'Funnel plot' }).click();
    await expect.poll(() => page.locator('.funnel__whatif').textContent(), { timeout: 120_000 }).toBe('What-if: counting 1 proposed site as open.');
    // Strata come from need and uptake only: the tab says the proposed site leaves them as they are, and they are.
    await page.getByRole('tab', { name: 'Strata' }).click();
    await expect.poll(() => page.locator('.strata__whatif').textContent(), { timeout: 60_000 }).toContain('the proposed site leaves them as they are');
    const strata = await app.call('getStrata', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk' });
    // The dock's working view is exact, as `cgm strata --suppress none` is (by default the CLI shares under the project rule).
    const cliStrata = await runCli(['strata', '--project', copyPath, '--service', DEMO_SERVICE, '--indicator', DEMO_INDICATOR, '--format', 'json', '--suppress', 'none']);
    expect(cliStrata.code, cliStrata.stderr).toBe(0);
    expect(strata.rows.map((r: any) => [r.areaCode, r.proposed])).toEqual(JSON.parse(cliStrata.stdout).map((r: any) => [r.area_code, r.proposed]));
    await page.getByRole('tab', { name: 'Gap table' }).click();
    await targetRow.waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: /^Remove Proposed site/ }).click();
    await expect.poll(async () => (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: any) => s.proposed).length).toBe(0);
    // Removing it restores the gap table: no note, and the area's nearest site is a real one again.
    await expect.poll(() => page.locator('.gap-table__whatif').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => targetRow.textContent(), { timeout: 60_000 }).not.toContain('(proposed)');
    await page.getByRole('tab', { name: 'Travel-time bands' }).click();
    await expect.poll(() => allUnder5And10(page), { timeout: 60_000 }).toEqual(before);
    expect(await page.locator('.band-table__whatif').count()).toBe(0);
  });

  it('logged no console errors and asked nothing of any host but 127.0.0.1', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
