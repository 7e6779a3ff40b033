// The site and segment list editors in the Analysis panel (issue 15 leftovers):
// the area panel reaches only an area's nearest site and its largest segment,
// so the lists reach the rest. On the demo town plus one clinic imported well
// outside it (nobody's nearest, by walk or drive): its hours are edited from
// the site list; and the profile of a supergroup (never an area's largest
// segment: areas are assigned groups here, which read their supergroup's
// profile) is edited from the segment list. Both edits undo and redo, and the gap
// analysis reads the profile: areas of that supergroup judged "availability"
// (wrong hours for a working-age population) lose it when the supergroup is
// given an employed share of 20%, below the 50% the rule asks. With a
// households base imported too, the population layer follows the base chosen.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INDICATOR, DEMO_SCHEME, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { openProject } from '../../electron/store/project';
import { runCli } from '../cli/capture';
import { closeApp, E2E_DATA_DIR, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test adds a site to its project.
const DATA_DIR = join(E2E_DATA_DIR, 'editors');
const OUTLYING = 'Outlying Clinic';
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

type AreaRow = { code: string; nearestSiteId: number | null; gapTypes: string[]; dominantSegment: string | null };
const analysis = async (mode: 'walk' | 'drive' = 'walk') =>
  (await app.call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode })).rows as AreaRow[];

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const project = join(DATA_DIR, 'demo.gpkg');
  expect((await runCli(['demo', '--project', project])).code).toBe(0);
  // ~12 km south-west of the town's edge (its areas span -0.60…-0.47 E, 53.03…53.10 N).
  writeFileSync(join(DATA_DIR, 'outlying.csv'), `name,lat,lon\n${OUTLYING},52.95,-0.75\n`);
  const added = await runCli(['import', 'sites', '--project', project, '--file', join(DATA_DIR, 'outlying.csv'), '--service', DEMO_SERVICE]);
  expect(added.code, added.stderr).toBe(0);
  // The demo assigns areas their supergroup; assigned the first group of it instead, every area's largest
  // segment is a group, which reads its supergroup's profile (the demo's flags), so the gaps are the same.
  const opened = openProject(project);
  const assigned = opened.db.prepare('SELECT area_code, segment_code FROM cgm_assignments').all() as { area_code: string; segment_code: string }[];
  const persons = opened.db.prepare("SELECT area_code, count FROM cgm_population WHERE base_kind = 'persons'").all() as { area_code: string; count: number }[];
  opened.close();
  // A households base beside the persons one (illustrative: 40% of each area's residents), for the population layer.
  writeFileSync(join(DATA_DIR, 'households.csv'), ['area,households', ...persons.map((p) => `${p.area_code},${Math.round(p.count * 0.4)}`)].join('\n') + '\n');
  const households = await runCli(['import', 'population', '--project', project, '--file', join(DATA_DIR, 'households.csv'), '--area-field', 'area', '--count-field', 'households', '--base', 'households']);
  expect(households.code, households.stderr).toBe(0);
  writeFileSync(join(DATA_DIR, 'groups.csv'), ['area,segment', ...assigned.map((a) => `${a.area_code},${a.segment_code}a`)].join('\n') + '\n');
  const groups = await runCli(['import', 'assignments', '--project', project, '--file', join(DATA_DIR, 'groups.csv'), '--scheme', DEMO_SCHEME, '--area-field', 'area', '--segment-field', 'segment']);
  expect(groups.code, groups.stderr).toBe(0);
  ({ app, browser, watched } = await openApp({ env: { CGM_DATA_DIR: DATA_DIR }, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

describe('list editors in the Analysis panel', () => {
  it('edits the opening hours of a site that is nobody’s nearest; Undo and Redo', async () => {
    const { page } = watched;
    const site = (await app.call('getSites', { service: DEMO_SERVICE })).find((s: { name: string }) => s.name === OUTLYING);
    expect(site.openingHours).toBeNull();
    for (const mode of ['walk', 'drive'] as const) expect((await analysis(mode)).some((r) => r.nearestSiteId === site.id), mode).toBe(false);
    const before = await analysis();

    const editor = page.getByTestId('site-list-editor');
    await editor.locator('summary').focus();
    await page.keyboard.press('Enter');
    const row = editor.locator(`tr[data-site-id="${site.id}"]`);
    await expect.poll(() => row.innerText()).toContain('not recorded');
    expect(await editor.locator('tbody tr[data-site-id]').count()).toBe(7);
    await editor.getByRole('button', { name: `Edit opening hours of ${OUTLYING}` }).click();
    const form = editor.getByTestId('site-hours-form');
    await form.getByLabel(`Opening hours of ${OUTLYING} (OpenStreetMap syntax)`).fill('Mo-Fr 08:00-20:00');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.innerText()).toContain('Mo-Fr 08:00-20:00');
    const stored = async () => (await app.call('getSites', { service: DEMO_SERVICE })).find((s: { id: number }) => s.id === site.id).openingHours;
    expect(await stored()).toBe('Mo-Fr 08:00-20:00');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editors-site-list.png') });
    // Nobody's nearest: the gaps are those of before the edit.
    expect((await analysis()).map((r) => r.gapTypes)).toEqual(before.map((r) => r.gapTypes));

    await button(page, 'Undo').click();
    await expect.poll(() => row.innerText()).toContain('not recorded');
    expect(await stored()).toBeNull();
    await button(page, 'Redo').click();
    await expect.poll(() => row.innerText()).toContain('Mo-Fr 08:00-20:00');
    expect(await stored()).toBe('Mo-Fr 08:00-20:00');
    await editor.locator('summary').click();
  });

  it('edits the profile of a segment that is no area’s largest: the gap analysis reads it; Undo and Redo', async () => {
    const { page } = watched;
    const segments = (await app.call('getSegments', { scheme: DEMO_SCHEME })) as { code: string; name: string; parentCode: string | null }[];
    const parentOf = new Map(segments.map((s) => [s.code, s.parentCode]));
    const rows = await analysis();
    const largest = new Set(rows.map((r) => r.dominantSegment));
    const judged = rows.find((r) => r.gapTypes.includes('availability'))!;
    const supergroup = segments.find((s) => s.code === parentOf.get(judged.dominantSegment!))!;
    expect(largest.has(supergroup.code)).toBe(false);
    const inSupergroup = (r: AreaRow) => parentOf.get(r.dominantSegment ?? '') === supergroup.code;
    const availability = (all: AreaRow[]) => all.filter((r) => inSupergroup(r) && r.gapTypes.includes('availability')).map((r) => r.code);
    expect(availability(rows)).toContain(judged.code);

    const editor = page.getByTestId('segment-list-editor');
    await editor.locator('summary').click();
    await editor.getByRole('button', { name: `Edit profile of ${supergroup.name} (${supergroup.code})` }).click();
    const form = editor.getByTestId('segment-profile-form');
    await form.getByLabel('Employed %').fill('20');
    await form.getByRole('button', { name: 'Save profile' }).click();
    const row = editor.locator(`tr[data-segment-code="${supergroup.code}"]`);
    await expect.poll(() => row.innerText()).toContain('employed 20%');
    // Every group of the supergroup reads it: none of its areas is judged wrong hours any more.
    await expect.poll(async () => availability(await analysis()), { timeout: 60_000 }).toEqual([]);
    expect((await analysis()).find((r) => r.code === judged.code)!.gapTypes).not.toContain('availability');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editors-segment-list.png') });

    await button(page, 'Undo').click();
    await expect.poll(async () => availability(await analysis()), { timeout: 60_000 }).toEqual(availability(rows));
    await expect.poll(() => row.innerText()).not.toContain('employed 20%');
    await button(page, 'Redo').click();
    await expect.poll(async () => availability(await analysis()), { timeout: 60_000 }).toEqual([]);
    await expect.poll(() => row.innerText()).toContain('employed 20%');
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe('the population layer follows the chosen base', () => {
  it('maps households per km² when Households is chosen, people per km² again with Persons', async () => {
    const { page } = watched;
    await page.locator('.layer-row[data-layer-id="density"]').getByRole('checkbox').check();
    const legend = page.locator('.legend__block[data-layer-id="density"]');
    await expect.poll(() => legend.innerText()).toContain('People per km²');
    await page.getByLabel('Population base').selectOption('households');
    await expect.poll(() => legend.innerText()).toContain('Households per km²');
    expect(await page.locator('.layer-row[data-layer-id="density"]').getByRole('checkbox').isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editors-households-density.png') });
    await page.getByLabel('Population base').selectOption('persons');
    await expect.poll(() => legend.innerText()).toContain('People per km²');
    expect(watched.consoleErrors).toEqual([]);
  });
});
