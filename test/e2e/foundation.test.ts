// `npm start` in browser mode opens the demo town: coloured areas on a real
// WebGL canvas, no console errors, and no request leaving 127.0.0.1.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, externalRequests, MAP_CANVAS, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';
import { colourShares, decodePng, hexToRgb } from './pixels';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  ({ app, browser, watched } = await openApp());
});

afterAll(async () => {
  await closeApp({ app, browser });
});

describe('the demo opens in browser mode', () => {
  it('announces browser mode and one url line with the token', () => {
    expect(app.output()).toMatch(/Electron binary not found: starting browser mode/);
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('serves the demo project with zones, roads and sites', async () => {
    const info = await app.call('getProjectInfo', {});
    const tables = Object.fromEntries(info.layers.map((l: any) => [l.table, l.featureCount]));
    expect(tables.area_oa).toBeGreaterThanOrEqual(200);
    expect(tables.area_lsoa).toBeGreaterThanOrEqual(40);
    expect(tables.roads).toBeGreaterThan(100);
    expect(tables.service_sites).toBe(6);
  });

  it('draws the areas in their segment colours on the map canvas', async () => {
    const { page } = watched;
    const info = await app.call('getProjectInfo', {});
    const segments: { code: string; colour: string | null }[] = await app.call('getSegments', { scheme: info.schemes[0].name });
    const colours = segments.filter((s) => s.colour).map((s) => hexToRgb(s.colour!));
    expect(colours.length).toBeGreaterThanOrEqual(4);

    const canvas = await page.$(MAP_CANVAS);
    expect(canvas).not.toBeNull();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shot = await canvas!.screenshot({ path: join(SCREENSHOT_DIR, 'foundation-map.png') });
    const shares = colourShares(decodePng(shot), colours);
    const visible = shares.filter((s) => s > 0.003);
    // Pixels, not elements: several segments must really be painted.
    expect(visible.length, `segment colour shares ${shares.map((s) => s.toFixed(4)).join(', ')}`).toBeGreaterThanOrEqual(3);
    expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.15);
  });

  it('shows a layer list and a legend naming the segments', async () => {
    const { page } = watched;
    const info = await app.call('getProjectInfo', {});
    const segments: { name: string }[] = await app.call('getSegments', { scheme: info.schemes[0].name });
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/Layers/i);
    const named = segments.filter((s) => text.includes(s.name));
    expect(named.length).toBeGreaterThanOrEqual(4);
  });

  it('logs no console errors and makes no request beyond 127.0.0.1', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
    expect(watched.requests.length).toBeGreaterThan(3);
  });
});
