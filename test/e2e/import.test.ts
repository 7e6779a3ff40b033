// Importing from the app in a real browser: files come in through the
// "Import…" button or a drop on the window, the dialog suggests the kind and
// the columns, the import shows progress and can be cancelled, and the map
// shows what was imported.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireTool, sharedData } from '../support/requirements';
import { closeApp, E2E_DATA_DIR, externalRequests, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test changes its project, which the other e2e files must not see.
const DATA_DIR = join(E2E_DATA_DIR, 'import');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

const dialog = (page: Page) => page.getByRole('dialog');
const projectHash = async () => createHash('sha256').update(readFileSync((await app.call('getProjectInfo', {})).path)).digest('hex');

/** Drops files on the window as the operating system would, with a real DataTransfer. */
async function dropFiles(page: Page, files: { name: string; text?: string; base64?: string }[], screenshot?: string): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const body = f.base64 !== undefined ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : f.text!;
      dt.items.add(new File([body], f.name));
    }
    (window as any).__drop = dt;
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.getByText('Drop files to import').waitFor();
  if (screenshot) await page.screenshot({ path: join(SCREENSHOT_DIR, screenshot) });
  await page.evaluate(() => window.dispatchEvent(new DragEvent('drop', { dataTransfer: (window as any).__drop, bubbles: true, cancelable: true })));
  await dialog(page).waitFor();
}

/** Records every state the progress bar shows, however briefly. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = ((window as any).__progressLog = []);
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const text = bar?.getAttribute('aria-valuetext');
      if (text && log[log.length - 1] !== text) log.push(text);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuetext'] });
  });
}

const progressLog = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__progressLog as string[]);

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  ({ app, browser, watched } = await openApp({ env: { CGM_DATA_DIR: DATA_DIR } }));
});

// A failed step must not leave its dialog open over the next test.
afterEach(async () => {
  const page = watched?.page;
  for (let i = 0; page && i < 3 && (await dialog(page).count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('import from the app', () => {
  it('imports a sites file chosen with "Import…": suggested kind, column mapping, progress, result, and the map shows the sites', async () => {
    const { page } = watched;
    const existing: { lon: number; lat: number }[] = await app.call('getSites', {});
    // Half-way between pairs of existing sites: inside the town, clear of their symbols.
    const mid = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) => [((a.lat + b.lat) / 2).toFixed(6), ((a.lon + b.lon) / 2).toFixed(6)];
    const [p1, p2, p3] = [mid(existing[0], existing[1]), mid(existing[2], existing[3]), mid(existing[4], existing[5])];
    const csv = [
      'Site Name,Kind,Latitude,Longitude,Opening Hours',
      `Riverside Library,library,${p1[0]},${p1[1]},Mo-Fr 09:00-17:00`,
      `Market Street Library,library,${p2[0]},${p2[1]},Mo-Sa 09:00-13:00`,
      `Mobile library stop,library,${p3[0]},${p3[1]},`,
      'Library at a location nobody wrote down,library,,,',
    ].join('\r\n');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles({ name: 'libraries.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog(page).getByText('Columns', { exact: true }).waitFor();

    const kind = dialog(page).getByLabel('What does the file hold?');
    expect(await kind.inputValue()).toBe('sites');
    expect(await dialog(page).getByLabel('Site name').inputValue()).toBe('Site Name');
    expect(await dialog(page).getByLabel('Latitude').inputValue()).toBe('Latitude');
    expect(await dialog(page).getByLabel('Longitude').inputValue()).toBe('Longitude');
    expect(await dialog(page).getByLabel('Opening hours').inputValue()).toBe('Opening Hours');
    // "Kind" is not a name the suggestions know: the analyst maps it.
    expect(await dialog(page).getByLabel('Site type', { exact: true }).inputValue()).toBe('');
    await dialog(page).getByLabel('Site type', { exact: true }).selectOption('Kind');
    expect(await dialog(page).locator('.import-preview tbody tr').count()).toBe(4);

    // Required boxes are named before anything is sent.
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog(page).getByRole('alert').innerText()).toContain('Still needed: Service');
    await dialog(page).getByLabel('Service').fill('Libraries');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-mapping-sites.png') });

    await watchProgress(page);
    const oldMap = await page.evaluateHandle(() => window.__cgmMap);
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await dialog(page).getByText('Imported 3 of 4 rows').waitFor();
    expect(await progressLog(page)).toContainEqual(expect.stringMatching(/Importing libraries\.csv/));
    const result = await dialog(page).locator('.import-result').innerText();
    expect(result).toContain('Service sites: Libraries');
    expect(result).toMatch(/1 rejected, by reason\s+no location\s+1/);
    expect(result).toMatch(/row 5 \(Library at a location nobody wrote down\)/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-result-sites.png') });

    // Closing hands the focus back to the button that opened the dialog.
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
    expect(await dialog(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import…');

    const info = await app.call('getProjectInfo', {});
    expect(info.services).toEqual(expect.arrayContaining(['Libraries']));

    // The app has read the project again: a new map, with the new sites drawn and in the legend.
    await page.waitForFunction((old) => window.__cgmMap && window.__cgmMap !== old, oldMap, { timeout: 60_000 });
    await page.evaluate(() => new Promise<void>((r) => (window.__cgmMap!.loaded() ? r() : window.__cgmMap!.once('idle', () => r()))));
    await page.locator('.legend__entry[data-value="library"]').waitFor();
    const point = await page.evaluate(([lat, lon]) => window.__cgmMap!.project([Number(lon), Number(lat)]), p1);
    const box = (await page.locator('.map-canvas').boundingBox())!;
    await page.mouse.move(box.x + point.x, box.y + point.y);
    await expect.poll(() => page.locator('.hover-card').innerText(), { timeout: 20_000 }).toContain('Riverside Library');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-map-new-sites.png') });
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
  });

  it('adds sites to a service that has some, and replaces them only once that is confirmed', async () => {
    const { page } = watched;
    // The 3 libraries imported above; one more, then the same one replacing them.
    const [a] = (await app.call('getSites', { service: 'Libraries' })) as { lon: number; lat: number }[];
    const csv = `Site Name,Latitude,Longitude\r\nStation library,${(a.lat + 0.001).toFixed(6)},${(a.lon + 0.001).toFixed(6)}\r\n`;
    const importIt = async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import…' }).click();
      await (await chooser).setFiles({ name: 'station.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await dialog(page).getByText('Columns', { exact: true }).waitFor();
      await dialog(page).getByLabel('Service').fill('Libraries');
    };
    await importIt();
    const add = dialog(page).getByLabel('Add to the 3 sites', { exact: false });
    await add.waitFor();
    expect(await add.isChecked()).toBe(true);
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog(page).locator('.import-result__change').innerText()).toBe('Libraries: 1 site added, 0 updated, 3 kept, 0 removed; 4 sites now');
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
    expect(await app.call('getSites', { service: 'Libraries' })).toHaveLength(4);

    await importIt();
    await dialog(page).getByLabel('Replace them').check();
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog(page).getByRole('alert').innerText()).toContain('Confirm replacing the existing sites');
    expect(await app.call('getSites', { service: 'Libraries' })).toHaveLength(4);
    await dialog(page).getByLabel(/Yes, remove those of the 4 sites/).check();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-sites-replace.png') });
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    // The station library was there already (same name, same place): updated; the other 3 removed.
    await expect.poll(() => dialog(page).locator('.import-result__change').innerText()).toBe('Libraries: 0 sites added, 1 updated, 0 kept, 3 removed; 1 site now');
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
    expect(((await app.call('getSites', { service: 'Libraries' })) as { name: string }[]).map((s) => s.name)).toEqual(['Station library']);
  });

  it('drops a large file on the window, shows the progress bar, and Cancel leaves the project unchanged', async () => {
    const { page } = watched;
    const before = await projectHash();
    const rows = Array.from({ length: 600_000 }, (_, i) => `E0${9000000 + i},${(i * 7) % 500}`);
    await dropFiles(page, [{ name: 'census-population.csv', text: `OA21CD,Usual residents count\n${rows.join('\n')}\n` }], 'import-drop-overlay.png');
    await dialog(page).getByText('Columns', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await dialog(page).getByLabel('What does the file hold?').inputValue()).toBe('population');
    expect(await dialog(page).getByLabel('Area code').inputValue()).toBe('OA21CD');
    expect(await dialog(page).getByLabel('Count (required)', { exact: true }).inputValue()).toBe('Usual residents count');

    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    const bar = dialog(page).getByRole('progressbar');
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? 0), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-progress.png') });
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+%: Reading census-population\.csv: row [\d,]+$/);
    // Escape while an import runs cancels it rather than hiding it.
    await page.keyboard.press('Escape');
    await dialog(page).getByText('Import cancelled').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-cancelled.png') });
    expect(await projectHash()).toBe(before);
    await page.keyboard.press('Escape');
    expect(await dialog(page).count()).toBe(0);
  });

  it('sends a file larger than one chunk with a progress bar, then maps its columns', async () => {
    const { page } = watched;
    // Over 8 MiB, the app's chunk: it crosses in two. Each chunk is held back a moment so the bar can be seen.
    const rows = Array.from({ length: 700_000 }, (_, i) => `E0${9000000 + i},${(i * 7) % 500}`);
    const text = `OA21CD,Usual residents count\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const chunks: { part: string; offset: number; length: number }[] = [];
    await page.route('**/api/putImportChunk', async (route) => {
      const body = route.request().postDataJSON();
      chunks.push({ part: body.part, offset: body.offset, length: Buffer.from(body.dataBase64, 'base64').length });
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    try {
      await watchProgress(page);
      await dropFiles(page, [{ name: 'national-population.csv', text }]);
      const bar = dialog(page).getByRole('progressbar', { name: 'Sending progress' });
      await expect.poll(async () => (await bar.getAttribute('aria-valuetext').catch(() => null)) ?? '', { timeout: 60_000, interval: 50 }).toMatch(/^87%: Sending national-population\.csv \(8\.0 of 9\.2 MB\)$/);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-sending.png') });
      await dialog(page).getByText('Columns', { exact: true }).waitFor({ timeout: 60_000 });
      // Then, every byte across, the main process reads the file: a bar without a measure says so.
      expect(await progressLog(page)).toEqual(['0%: Sending national-population.csv (0.0 of 9.2 MB)', '87%: Sending national-population.csv (8.0 of 9.2 MB)', 'Reading national-population.csv…']);
      expect(chunks).toEqual([
        { part: 'main', offset: 0, length: 8 * 1024 * 1024 },
        { part: 'main', offset: 8 * 1024 * 1024, length: text.length - 8 * 1024 * 1024 },
      ]);
      expect(await dialog(page).getByLabel('What does the file hold?').inputValue()).toBe('population');
      expect(await dialog(page).locator('.import-mapping__file').innerText()).toContain('9.2 MB');
      await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
      expect(await dialog(page).count()).toBe(0);
    } finally {
      await page.unroute('**/api/putImportChunk');
    }
  });

  it('cancels a file while it is being sent: the dialog closes and the main process lets the upload go', async () => {
    const { page } = watched;
    let uploadId = '';
    // Held back long enough for the Cancel to land while the first chunk is in flight.
    await page.route('**/api/putImportChunk', async (route) => {
      uploadId = route.request().postDataJSON().uploadId;
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue().catch(() => {});
    });
    try {
      const rows = Array.from({ length: 700_000 }, (_, i) => `E0${9000000 + i},${i % 500}`);
      const abandoned = page.waitForRequest('**/api/abandonImportUpload');
      await dropFiles(page, [{ name: 'too-slow.csv', text: `OA21CD,Population\n${rows.join('\n')}\n` }]);
      await dialog(page).getByRole('progressbar', { name: 'Sending progress' }).waitFor();
      expect(await dialog(page).locator('.import-progress__message').innerText()).toMatch(/^Sending too-slow\.csv \(0\.0 of 9\.\d MB\)$/);
      await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
      expect((await abandoned).postDataJSON()).toEqual({ uploadId });
      await expect.poll(() => dialog(page).count()).toBe(0);
      await expect(app.call('finishImportUpload', { uploadId })).rejects.toThrow(/answered 422: the file is no longer being received/);
    } finally {
      await page.unroute('**/api/putImportChunk');
    }
  });

  it('stops sending the rest while an earlier file is mapped, and names the files not sent', async () => {
    const { page } = watched;
    // The big file's chunks are held back, so "Stop sending" lands while it crosses.
    await page.route('**/api/putImportChunk', async (route) => {
      if (route.request().postDataJSON().offset === 0 && route.request().postData()!.length > 1_000_000) await new Promise((r) => setTimeout(r, 3000));
      await route.continue().catch(() => {});
    });
    try {
      const rows = Array.from({ length: 700_000 }, (_, i) => `E0${9000000 + i},${i % 500}`);
      await dropFiles(page, [
        { name: 'first.csv', text: 'OA21CD,Population\nE00000001,10\n' },
        { name: 'big.csv', text: `OA21CD,Population\n${rows.join('\n')}\n` },
        { name: 'third.csv', text: 'OA21CD,Population\nE00000002,20\n' },
      ]);
      await dialog(page).getByText('Columns', { exact: true }).waitFor();
      await dialog(page).getByRole('button', { name: 'Stop sending' }).click();
      await expect.poll(() => dialog(page).locator('.import-skipped').textContent()).toBe('Not sent, as sending was stopped: big.csv, third.csv. Drop them again to import them.');
      // The file that arrived is still there to map.
      expect(await dialog(page).locator('h2').innerText()).toBe('Import first.csv');
      await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect.poll(() => dialog(page).count()).toBe(0);
    } finally {
      await page.unroute('**/api/putImportChunk');
    }
  });

  it('previews only the postcode and date of a service-users file, and keeps focus inside the dialog', async () => {
    const { page } = watched;
    const users = ['Client Ref;Full Name;Date of Birth;Postcode;Referral Date', 'C-1;Araminta Quillfeather;14/03/1951;ZZ99 3VZ;03/02/2024', 'C-2;Bartholomew Zennor;02/11/1948;ZZ99 3VZ;17/02/2024'].join('\r\n');
    await dropFiles(page, [{ name: 'referrals.csv', text: '\uFEFF' + users }]);
    await dialog(page).getByText('Columns', { exact: true }).waitFor();
    expect(await dialog(page).getByLabel('What does the file hold?').inputValue()).toBe('users');
    await dialog(page).getByText('Only aggregated counts are stored; names and other columns are never saved').waitFor();
    const preview = await dialog(page).locator('.import-preview').innerText();
    expect(preview).toContain('ZZ99 3VZ');
    expect(preview).toContain('03/02/2024');
    expect(preview).not.toContain('Quillfeather');
    expect(preview).not.toContain('14/03/1951');
    expect(await dialog(page).locator('.import-mapping__file').innerText()).toContain('semicolon-separated text, UTF-8 with byte-order mark');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-mapping-users.png') });

    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await dialog(page).count()).toBe(0);
  });

  it('takes a shapefile dropped as its parts together, and asks for the CRS when there is no .prj', async () => {
    const { page } = watched;
    const dir = join(DATA_DIR, 'shp');
    mkdirSync(dir, { recursive: true });
    const ogr2ogr = requireTool('ogr2ogr', 'apt-get install gdal-bin');
    expect(ogr2ogr, 'ogr2ogr (gdal-bin) writes the shapefile this test drops').not.toBeNull();
    execFileSync(ogr2ogr!, ['-t_srs', 'EPSG:27700', '-f', 'ESRI Shapefile', join(dir, 'Rutland_OA.shp'), sharedData('uk', 'rutland', 'oa11_boundaries.geojson')]);
    const part = (ext: string) => ({ name: `Rutland_OA.${ext}`, base64: readFileSync(join(dir, `Rutland_OA.${ext}`)).toString('base64') });
    await dropFiles(page, [part('dbf'), part('shp'), part('shx')]);
    await dialog(page).getByText('Columns', { exact: true }).waitFor();
    expect(await dialog(page).getByRole('heading', { level: 2 }).innerText()).toBe('Import Rutland_OA.shp');
    expect(await dialog(page).locator('.import-mapping__file').innerText()).toMatch(/^Rutland_OA\.shp with \.dbf, \.shx · \d+ KB · Shapefile: 114 Polygon, 2 MultiPolygon$/);
    expect(await dialog(page).getByLabel('What does the file hold?').inputValue()).toBe('boundaries');
    expect(await dialog(page).getByLabel('Area code (required)', { exact: true }).inputValue()).toBe('OA11CD');
    expect(await dialog(page).getByLabel('Parent area code').inputValue()).toBe('LSOA11CD');
    expect(await dialog(page).getByLabel('Geography level name').inputValue()).toBe('OA');
    expect(await dialog(page).getByLabel('Level of the parent codes').inputValue()).toBe('LSOA');
    await dialog(page).getByLabel('Coordinate system').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-mapping-shapefile.png') });
    await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await dialog(page).count()).toBe(0);
  });

  it("shows the importer's own error text: file, row, field and value", async () => {
    const { page } = watched;
    await page.setInputFiles('input[data-testid="import-file-input"]', { name: 'lsoa-population.csv', mimeType: 'text/csv', buffer: Buffer.from('LSOA11CD,Population\nE01000001,1200\nE01000002,about 900\n') });
    await dialog(page).getByText('Columns', { exact: true }).waitFor();
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await dialog(page).getByText('The file was not imported').waitFor();
    expect(await dialog(page).locator('.import-result__error').innerText()).toBe(
      'lsoa-population.csv row 3, field "Population": "about 900" is not a persons count (expected a number >= 0)',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-error.png') });
    await dialog(page).getByRole('button', { name: 'Back to the columns' }).click();
    await dialog(page).getByText('Columns', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('made no request beyond 127.0.0.1 and logged no errors', () => {
    expect(externalRequests(watched.requests)).toEqual([]);
    // The failed import above answers 422 (the analyst's file, not the app); the browser logs that response, nothing else.
    expect(watched.consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
