// Projects in the real app, from a fresh data folder: the Project menu by
// keyboard, Save As, Rename, the demo again from the recent list, New, and a
// restart that reopens the last project. Confinement is checked over the
// loopback API as a page would call it: a path outside the folders is a 422.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, E2E_DATA_DIR, launchBrowser, MAP_CANVAS, openApp, openWatchedPage, startApp, type RunningApp, type WatchedPage } from './harness';
import { apiClient, appServer } from '../support/api-client';

const dataDir = join(E2E_DATA_DIR, 'projects-fresh');
const projectsDir = join(dataDir, 'projects');
let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

const menuButton = (page: Page) => page.getByRole('button', { name: 'Project ▾' });
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Runs `act`, which switches project, and waits until the new project's map has drawn. */
async function switching(page: Page, act: () => Promise<void>): Promise<void> {
  await page.evaluate(() => (document.body.dataset.mapReady = ''));
  await act();
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
}

async function openPath(): Promise<string> {
  return (await app.call('getProjectInfo', {})).path;
}

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('projects', () => {
  it('names the demo in the title and drives the Project menu by keyboard', async () => {
    const { page } = watched;
    const demo = await app.call('getProjectInfo', {});
    expect(demo.path).toBe(join(dataDir, 'demo.gpkg'));
    await expect.poll(() => page.title()).toBe(`${demo.name} — Catchment Gap Mapper`);

    await menuButton(page).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page)).toContain('New project…');
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedText(page)).toContain('Save as…');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Wraps round to the last item: the demo.
    await expect.poll(() => focusedText(page)).toBe('Open the demo project');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await focusedText(page)).toBe('Project ▾');
  });

  it('saves the demo as a new name with Ctrl+Shift+S and opens the copy, with nothing selected', async () => {
    const { page } = watched;
    // An area selected in the demo: the copy has the same area, but a switch starts with no selection.
    const canvas = await page.locator(MAP_CANVAS).boundingBox();
    await page.mouse.click(canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 2);
    await expect.poll(() => page.locator('.area-panel').count()).toBe(1);
    await page.keyboard.press('Control+Shift+S');
    const dialog = page.getByRole('dialog', { name: 'Save project as' });
    const name = dialog.getByLabel('Project name');
    await expect.poll(() => name.inputValue()).toBe('Kestrelford (demo) copy');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(await name.getAttribute('id'));
    await name.fill('Kestrelford Q3');
    await switching(page, () => page.keyboard.press('Enter'));
    const copy = join(projectsDir, 'Kestrelford Q3.gpkg');
    expect(existsSync(copy)).toBe(true);
    expect(await openPath()).toBe(copy);
    await expect.poll(() => page.locator('.app-header__name').textContent()).toBe('Kestrelford Q3');
    await expect.poll(() => page.title()).toBe('Kestrelford Q3 — Catchment Gap Mapper');
    expect(await page.locator('.area-panel').count()).toBe(0);
    // Focus comes back to the (new) menu button.
    await expect.poll(() => focusedText(page)).toBe('Project ▾');
  });

  it('renames the open project, file and all, from the menu', async () => {
    const { page } = watched;
    await menuButton(page).focus();
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedText(page)).toBe('Rename…');
    await page.keyboard.press('Enter');
    const name = page.getByRole('dialog', { name: 'Rename project' }).getByLabel('Project name');
    await expect.poll(() => name.inputValue()).toBe('Kestrelford Q3');
    await name.fill('Kestrelford Q3 final');
    await switching(page, () => page.keyboard.press('Enter'));
    const renamed = join(projectsDir, 'Kestrelford Q3 final.gpkg');
    expect(existsSync(renamed)).toBe(true);
    expect(existsSync(join(projectsDir, 'Kestrelford Q3.gpkg'))).toBe(false);
    expect(await openPath()).toBe(renamed);
    await expect.poll(() => page.title()).toBe('Kestrelford Q3 final — Catchment Gap Mapper');
  });

  it('opens the demo again from the recent list, recent projects first', async () => {
    const { page } = watched;
    await page.keyboard.press('Control+O');
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    const recent = dialog.getByRole('list', { name: 'Recent' }).getByRole('button');
    await expect.poll(() => recent.allTextContents()).toEqual([
      expect.stringContaining('Kestrelford Q3 final (open now)'),
      expect.stringContaining('Kestrelford (demo)'),
    ]);
    // Down moves between the projects as in a list box.
    await recent.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedText(page)).toContain('Kestrelford (demo)');
    await switching(page, () => page.keyboard.press('Enter'));
    expect(await openPath()).toBe(join(dataDir, 'demo.gpkg'));
    await expect.poll(() => page.title()).toBe('Kestrelford (demo) — Catchment Gap Mapper');
  });

  it('refuses a path outside the project folders with a 422 naming it', async () => {
    const outside = `${projectsDir}/../../../secret.gpkg`;
    const res = await apiClient(() => appServer(app.url)).post('openProject', { path: outside });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toContain(outside);
    expect(await openPath()).toBe(join(dataDir, 'demo.gpkg'));
  });

  it('makes a new empty project with Ctrl+N and opens it', async () => {
    const { page } = watched;
    await page.keyboard.press('Control+N');
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Project name').fill('Empty town');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const path = join(projectsDir, 'Empty town.gpkg');
    await expect.poll(() => openPath()).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect((await app.call('getProjectInfo', {})).layers).toEqual([]);
    await expect.poll(() => page.title()).toBe('Empty town — Catchment Gap Mapper');
    // Whatever the workspace shows for an empty project, Ctrl+O still opens another.
    await page.keyboard.press('Control+O');
    const recent = page.getByRole('dialog', { name: 'Open project' }).getByRole('list', { name: 'Recent' }).getByRole('button');
    await expect.poll(() => recent.allTextContents()).toEqual([
      expect.stringContaining('Empty town (open now)'),
      expect.stringContaining('Kestrelford (demo)'),
      expect.stringContaining('Kestrelford Q3 final'),
    ]);
    await switching(page, () => recent.nth(2).click());
    expect(await openPath()).toBe(join(projectsDir, 'Kestrelford Q3 final.gpkg'));
  });

  it('reopens the last project after a restart, and logged no console errors', async () => {
    expect(watched.consoleErrors).toEqual([]);
    await browser.close();
    await app.stop();
    app = await startApp({ CGM_DATA_DIR: dataDir });
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, app.url);
    expect(await openPath()).toBe(join(projectsDir, 'Kestrelford Q3 final.gpkg'));
    await expect.poll(() => watched.page.title()).toBe('Kestrelford Q3 final — Catchment Gap Mapper');
    await expect.poll(() => watched.page.locator('.app-header__name').textContent()).toBe('Kestrelford Q3 final');
    expect(watched.consoleErrors).toEqual([]);
  });

  it('opens the demo and says so when the last project has gone', async () => {
    const gone = join(projectsDir, 'Kestrelford Q3 final.gpkg');
    await browser.close();
    await app.stop();
    rmSync(gone);
    app = await startApp({ CGM_DATA_DIR: dataDir });
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, app.url);
    expect(await openPath()).toBe(join(dataDir, 'demo.gpkg'));
    const notice = watched.page.getByRole('status').filter({ hasText: 'The last project' });
    await expect.poll(() => notice.textContent()).toContain(`The last project, ${gone}, is no longer there; the demo project is open instead.`);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(watched.consoleErrors).toEqual([]);
  });
});
