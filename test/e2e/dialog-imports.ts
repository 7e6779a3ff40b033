// Steps shared by the e2e files that build a real Rutland project through the
// import dialog (empty-project, own-project-journey): the users file a test
// writes, and one import from a button that opens the file picker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const importDialog = (p: Page) => p.getByRole('dialog', { name: /^Import / });

/** One users row per OA with population, at the first postcode of that OA: 111 users. */
export function rutlandUsersCsv(rutland: string): string {
  const rows = (name: string) => readFileSync(join(rutland, name), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  const [pcHead, ...postcodes] = rows('postcodes_codepoint_open.csv');
  const [popHead, ...population] = rows('population_census2021_ts001_by_oa.csv');
  const first = new Map<string, string>();
  for (const r of postcodes) if (!first.has(r[pcHead.indexOf('oa11cd')])) first.set(r[pcHead.indexOf('oa11cd')], r[pcHead.indexOf('postcode')]);
  return ['postcode', ...population.map((r) => first.get(r[popHead.indexOf('oa_code')]))].join('\n') + '\n';
}

/**
 * Clicks `open` (a button that opens the file picker), chooses `path`, checks the dialog
 * has `kind` chosen, fills the rest and imports; returns the result's heading.
 */
export async function importThroughDialog(page: Page, open: () => Promise<void>, path: string, kind: string, fill: (d: Locator) => Promise<void> = async () => {}): Promise<string> {
  const chooser = page.waitForEvent('filechooser');
  await open();
  await (await chooser).setFiles(path);
  const d = importDialog(page);
  const kindBox = d.getByLabel('What does the file hold?');
  await kindBox.waitFor({ timeout: 60_000 });
  expect(await kindBox.inputValue()).toBe(kind);
  await fill(d);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const result = d.locator('.import-result');
  await result.waitFor({ timeout: 170_000 });
  const heading = await result.locator('h3').innerText();
  expect(heading, await result.innerText()).toMatch(/^Imported /);
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => importDialog(page).count()).toBe(0);
  return heading;
}

/** Opens "Project checklist" and clicks the step's import button there. */
export const fromChecklist = (page: Page, label: string) => async () => {
  await page.getByRole('button', { name: 'Project checklist' }).click();
  await page.getByRole('dialog', { name: 'Project checklist' }).getByRole('button', { name: label }).click();
};

/** The OAC 2021 file's mapping: its three level columns, offered all at once, under one scheme name. */
export async function fillOac2021(d: Locator): Promise<void> {
  await expect.poll(() => d.getByLabel(/import them all at once/).isChecked()).toBe(true);
  expect(await d.getByLabel('Level 1 code').inputValue()).toBe('supergroup');
  await d.getByLabel('Scheme name').fill('OAC 2021');
}
