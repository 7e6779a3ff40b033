// Issue 16 through the UI, on a real Rutland project (gapScenario() in test/support/rutland-project.ts)
// whose users file carries two quarters: 2024-Q1 is the fixture's first
// extract, 2024-Q2 the second (outreach reached six of the twelve zero-use
// OAs; test/analysis-runs/rutland-review.test.ts works its figures by hand:
// subgroup 2c2 110 → 130 users, +18.2%). In the workbook's Review section the
// analyst saves a Q1 baseline, sets targets, compares Q2 with it; in the
// what-if panel suggests sites (the ones `cgm suggest` gives), keeps one and
// drops the other; then downloads the review, targets, suggestion and
// proposed-site files from the Export dialog. No console error throughout.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cgm } from '../analysis-runs/fixture';
import { buildRutland, gapScenario, GP as SERVICE, INDICATOR, rutlandUsersCsv, zeroUseAreas } from '../support/rutland-project';
import { closeApp, E2E_DATA_DIR, externalRequests, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

const DATA_DIR = join(E2E_DATA_DIR, 'review-suggest');
let project: string;
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;
/** `cgm suggest` on the same project, before the app opened it. */
let cliSuggestion: { sites: { name: string | null; candidate: string; lon: number; lat: number; coveredPct: number }[] };
let cliSuggestionCsv: Buffer;

const SUGGEST = ['--service', SERVICE, '--indicator', INDICATOR, '--mode', 'walk', '--minutes', '10', '--k', '2'];
const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export' });

/** Both extracts in one file, by the date of contact: Q1 the first, Q2 the second. */
function datedUsers(): string {
  const rows = (csv: string, date: string) => csv.trim().split('\n').slice(1).map((l) => `${l},${date}`);
  const q1 = rows(rutlandUsersCsv(), '2024-02-01');
  const q2 = rows(rutlandUsersCsv(new Set(zeroUseAreas().slice(6))), '2024-05-01').map((l, i) => l.replace(/^\d+,/, `${q1.length + i + 1},`));
  return ['id,postcode,date', ...q1, ...q2].join('\n') + '\n';
}

async function downloadFrom(page: Page, kind: RegExp): Promise<Buffer> {
  const d = exportDialog(page);
  await d.getByRole('radio', { name: kind }).check();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), d.getByRole('button', { name: 'Export', exact: true }).click()]);
  return readFileSync(await download.path());
}

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const built = await buildRutland({ ...gapScenario(), dir: DATA_DIR });
  built.project.close();
  project = built.path;
  writeFileSync(join(DATA_DIR, 'users-dated.csv'), datedUsers());
  const imported = await cgm('import', 'users', '--project', project, '--file', join(DATA_DIR, 'users-dated.csv'), '--service', SERVICE, '--postcode-field', 'postcode', '--date-field', 'date', '--period', 'quarter');
  expect(imported.code, imported.stderr).toBe(0);
  const out = join(DATA_DIR, 'cli-suggested.csv');
  const suggested = await cgm('suggest', '--project', project, ...SUGGEST, '--out', out);
  expect(suggested.code, suggested.stderr).toBe(0);
  cliSuggestion = JSON.parse(suggested.stdout);
  cliSuggestionCsv = readFileSync(out);
  ({ app, browser, watched } = await openApp({ env: { CGM_DATA_DIR: DATA_DIR, CGM_PROJECT: project } }));
}, 300_000);

afterEach(() => {
  expect(watched.consoleErrors).toEqual([]);
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('review and suggested sites through the UI (Rutland)', () => {
  it('saves a Q1 baseline in the workbook, sets targets, and compares Q2 with it', async () => {
    const { page } = watched;
    await page.getByLabel('Users period').selectOption('2024-Q1');
    await page.getByRole('tab', { name: 'Workbook' }).click();
    await page.getByRole('button', { name: /Review targets and date/ }).click();
    await page.getByLabel('Save the current analysis as a baseline').fill('Q1 before outreach');
    await page.getByRole('button', { name: 'Save baseline' }).click();
    await expect.poll(() => page.locator('.wb-review__choose select').first().inputValue()).toBe('Q1 before outreach');

    // Targets, from the keyboard's point of view just form controls.
    const add = async (kind: string, code: string, measure: string, value: string) => {
      await page.getByLabel('Target applies to').selectOption(kind);
      await page.getByLabel('Segment or area code').fill(code);
      await page.getByLabel('Measure', { exact: true }).selectOption(measure);
      await page.getByLabel('Target value').fill(value);
      await page.getByRole('button', { name: 'Add target' }).click();
    };
    await add('segment', '2c2', 'users_change_pct', '10');
    await expect.poll(() => page.locator('.wb-targets tbody tr').count()).toBe(1);
    await add('area', 'E00069611', 'users', '1');
    await expect.poll(() => page.locator('.wb-targets tbody tr').count()).toBe(2);

    await page.getByLabel('Compare with').selectOption('2024-Q2');
    // Q1 → Q2: 2c2 110 → 130 users (+18.2%, met); E00069611 still 0 (not met). Exact counts in the working view.
    const status = (i: number) => page.locator('.wb-targets tbody tr').nth(i).locator('td').nth(2).textContent();
    await expect.poll(() => status(0)).toBe('met');
    expect(await page.locator('.wb-targets tbody tr').nth(0).locator('td').nth(1).textContent()).toBe('18.2');
    await expect.poll(() => status(1)).toBe('not met');
    const row = page.locator('.wb-review .review-table tbody tr', { hasText: 'Subgroup 2c2' });
    await expect.poll(async () => (await row.locator('td').allTextContents()).slice(3, 6)).toEqual(['110', '130', '20']);
    await page.locator('.wb-review').screenshot({ path: join(SCREENSHOT_DIR, 'review-baseline.png') });
    // The CLI sees the same baseline and targets in the project.
    const listed = JSON.parse((await cgm('baseline', 'list', '--project', project)).stdout);
    expect(listed).toMatchObject([{ name: 'Q1 before outreach', period: '2024-Q1', targets: [{ code: '2c2' }, { code: 'E00069611' }] }]);
  });

  it('suggests the sites `cgm suggest` gives; one kept as a proposed site, one dropped', async () => {
    const { page } = watched;
    const panel = page.locator('.suggest');
    await panel.getByLabel('Within (minutes)').fill('10');
    await panel.getByLabel('Sites', { exact: true }).fill('2');
    await panel.getByRole('button', { name: 'Suggest sites' }).click();
    await panel.locator('.suggest__site').nth(1).waitFor({ timeout: 120_000 });
    const names = await panel.locator('.suggest__name').allTextContents();
    expect(names).toEqual(cliSuggestion.sites.map((s, i) => `Suggested ${i + 1}: ${s.name ?? s.candidate}`));
    expect(await panel.locator('.suggest__summary').textContent()).toContain(`${cliSuggestion.sites[1].coveredPct.toFixed(1)}%`);

    await panel.getByRole('button', { name: `Keep ${names[0]} as a proposed site` }).click();
    await panel.getByRole('button', { name: `Drop ${names[1]}` }).click();
    await expect.poll(() => panel.locator('.suggest__site').count()).toBe(0);
    await expect.poll(() => page.locator('.whatif__site .whatif__name').allTextContents()).toEqual([names[0]]);
    const proposed = (await app.call('getSites', { service: SERVICE })).filter((s: { proposed?: boolean }) => s.proposed);
    expect(proposed).toHaveLength(1);
    expect(proposed[0].lon).toBeCloseTo(cliSuggestion.sites[0].lon, 6);
    expect(proposed[0].lat).toBeCloseTo(cliSuggestion.sites[0].lat, 6);
  });

  it('exports the review, its targets, the suggestion and the proposed sites; the files parse', async () => {
    const { page } = watched;
    // Exports take the panel's period: the later extract is Q2.
    await page.getByLabel('Users period').selectOption('2024-Q2');
    await page.getByRole('button', { name: 'Export…' }).click();
    await exportDialog(page).getByRole('tab', { name: 'Review & sites' }).click();

    const changes = parse(await downloadFrom(page, /Review against a baseline/), { columns: true, bom: true }) as Record<string, string>[];
    // Under the project's NHS rule: 110 and 130 are multiples of 5 and stay; E00069587's 7 users are *.
    expect(changes.find((r) => r.kind === 'segment' && r.code === '2c2')).toMatchObject({ users_before: '110', users_after: '130', users_change: '20' });
    expect(changes.find((r) => r.kind === 'area' && r.code === 'E00069587')).toMatchObject({ users_before: '*', users_after: '*' });

    const targets = parse(await downloadFrom(page, /Review targets/), { columns: true, bom: true }) as Record<string, string>[];
    expect(targets.map((t) => [t.target, t.status])).toEqual([['segment 2c2 users_change_pct >= 10', 'met'], ['area E00069611 users >= 1', 'not met']]);

    const suggestions = await downloadFrom(page, /Suggested sites/);
    expect(suggestions.equals(cliSuggestionCsv)).toBe(true);
    expect((parse(suggestions, { columns: true, bom: true }) as unknown[]).length).toBe(2);

    const geojson = JSON.parse((await downloadFrom(page, /Proposed sites/)).toString('utf8'));
    expect(geojson.features).toHaveLength(1);
    expect(geojson.features[0].geometry.coordinates[0]).toBeCloseTo(cliSuggestion.sites[0].lon, 5);
    expect(geojson.features[0].properties.name).toMatch(/^Suggested 1: /);
    await page.keyboard.press('Escape');
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
