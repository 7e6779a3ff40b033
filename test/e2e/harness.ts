// Starts the real app in browser mode (as `npm start` does) and a headless
// Chromium that records console errors and every request it makes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import type { PNG } from 'pngjs';
import { decodePng } from './pixels';
import { apiClient, appServer } from '../support/api-client';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Shared by every e2e file of one run, so the demo project is built once (see global-setup). */
export const E2E_DATA_DIR = process.env.CGM_E2E_DATA_DIR ?? resolve(ROOT, 'test-output', 'e2e-data');
export const SCREENSHOT_DIR = resolve(ROOT, 'test-output', 'screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface RunningApp {
  url: string;
  origin: string;
  output: () => string;
  /** Calls a contract method over the app's own loopback API, as the renderer does. */
  call(method: string, input: unknown): Promise<any>;
  /** Command names of every process the app has started (e.g. the Chromium drawing a PNG export). */
  descendants(): string[];
  stop(): Promise<void>;
}

function descendantsOf(root: number): string[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, ...comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm.join(' ') })); // the command line: a Chromium page's process says --type=renderer
  const found: string[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const r of rows) if (r.ppid === parent) (found.push(r.comm), queue.push(r.pid));
  }
  return found;
}


/** Starts the app in browser mode; `nodeArgs` go to its Node process (a bench's `--cpu-prof`, which NODE_OPTIONS refuses). */
export async function startApp(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningApp> {
  mkdirSync(E2E_DATA_DIR, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, CGM_OPEN: '0', CGM_BROWSER_MODE: '1', CGM_DATA_DIR: E2E_DATA_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Catchment Gap Mapper: (http:\/\/\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with code ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    output: () => output,
    call: apiClient(() => appServer(url)).call,
    descendants: () => descendantsOf(child.pid!),
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  /** Requests sent and not yet answered (or failed). */
  inFlight: Set<Request>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function openWatchedPage(
  browser: Browser,
  url: string,
  viewport = { width: 1366, height: 768 },
): Promise<WatchedPage> {
  return watchPage(await browser.newPage({ viewport }), url);
}

/** Records `page`'s console errors and every request it makes, then opens the app at `url` and waits for the map. */
export async function watchPage(page: Page, url: string): Promise<WatchedPage> {
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const inFlight = new Set<Request>();
  page.on('console', (m) => {
    // A failed load's text does not say which request failed; its location does.
    if (m.type() === 'error') consoleErrors.push(m.location().url ? `${m.text()} (${m.location().url})` : m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => {
    requests.push(r.url());
    // The event stream stays open for the page's life: it is never "in flight" in this sense.
    if (r.resourceType() !== 'eventsource') inFlight.add(r);
  });
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
  return { page, consoleErrors, requests, inFlight };
}

/**
 * Waits until `watched` has had no request in flight for `quietMs`: a test
 * that reads the console errors a step caused must wait for that step's last
 * answer, or a late one lands in a later test's count.
 */
export async function whenQuiet(watched: WatchedPage, quietMs = 300, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < end) {
    if (watched.inFlight.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`requests still in flight after ${timeoutMs} ms: ${[...watched.inFlight].map((r) => r.url()).join(', ')}`);
}

export interface OpenedApp {
  app: RunningApp;
  browser: Browser;
  watched: WatchedPage;
}

export interface OpenAppOptions {
  /** The app's own data folder, emptied first (a test that edits its project keeps the others' copy as it was); absent: the shared one. */
  dataDir?: string;
  /** More of the app's environment (CGM_PROJECT...). */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** A selector to wait for once the map is ready (e.g. the analysis's layer rows). */
  waitFor?: string;
}

/** `dir`, made anew and empty. */
export function emptyDir(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The start of most end-to-end files: the app, a browser and a watched page with the map ready. */
export async function openApp(options: OpenAppOptions = {}): Promise<OpenedApp> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const app = await startApp({ ...(options.dataDir ? { CGM_DATA_DIR: emptyDir(options.dataDir) } : {}), ...options.env });
  const browser = await launchBrowser();
  const watched = await openWatchedPage(browser, app.url, options.viewport);
  if (options.waitFor) await watched.page.waitForSelector(options.waitFor, { timeout: 120_000 });
  return { app, browser, watched };
}

/** Closes what openApp opened (either may be missing when the start failed). */
export async function closeApp(opened: { app?: RunningApp; browser?: Browser }): Promise<void> {
  await opened.browser?.close();
  await opened.app?.stop();
}

/** Requests that left the machine: anything not loopback (data: and blob: are in-page). */
export function externalRequests(requests: string[]): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const host = new URL(u).hostname;
    return host !== '127.0.0.1' && host !== 'localhost';
  });
}

/** The workspace map's canvas (not a workbook mini-map's). */
export const MAP_CANVAS = '.map-canvas canvas.maplibregl-canvas';

/** The map canvas once the map has settled, as decoded pixels; saved under test-output/screenshots when named. */
export async function mapPixels(page: Page, name?: string): Promise<PNG> {
  await mapIdle(page);
  return decodePng(await page.locator(MAP_CANVAS).screenshot(name ? { path: join(SCREENSHOT_DIR, name) } : {}));
}

/** Resolves once the map has drawn everything asked of it (software WebGL can take seconds). */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__cgmMap!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}
