// The headless Chromium (playwright-core, Debian's /usr/bin/chromium) that
// draws PNG maps and prints PDF reports in browser mode and the CLI. One
// browser is kept warm between exports (warm-browser.ts) and closed when idle
// or when the CLI command or server ends; each export works in a fresh
// context of its own, which the analyst's Cancel closes at once and which is
// closed whatever happens.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { cancellable, throwIfCancelled } from './cancellable';
import { WarmBrowser } from './warm-browser';

export const CHROMIUM_PATH = process.env.CGM_CHROMIUM ?? '/usr/bin/chromium';

// ENVIRONMENT.md's flags: WebGL2 through SwiftShader where there is no GPU. The rest keep the
// browser's own services quiet (it looked up accounts.google.com and probed a public resolver
// before these): no name resolves but the app's loopback address, and nothing phones home.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-pings', '--disable-domain-reliability',
  '--disable-client-side-phishing-detection', '--disable-default-apps', '--disable-extensions', '--dns-prefetch-disable',
  // Chromium keeps one --disable-features and one --enable-features, so these repeat playwright's own
  // lists (quiet start-up, no accounts.google.com) besides adding the media router, translate and autofill.
  `--disable-features=${[
    'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
    'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'AimEnabled', 'PreconnectToSearch',
    'OptimizationHints', 'OptimizationHintsFetching', 'NetworkTimeServiceQuerying', 'MediaRouter', 'DialMediaRouteProvider', 'Translate',
    'AutofillServerCommunication', 'CertificateTransparencyComponentUpdater', 'InterestFeedContentSuggestions',
  ].join(',')}`,
  '--enable-features=CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies',
  '--no-first-run', '--no-default-browser-check', '--disable-quic', '--metrics-recording-only', '--disable-breakpad', '--password-store=basic', '--use-mock-keychain',
];

/** What needs the browser, and what the analyst can do without it, for the message when there is none. */
export interface ChromiumUse {
  what: string;
  otherwise: string;
}

/** An analyst exporting several maps in a row keeps the browser; one who stops frees its memory a minute later. */
export const CHROMIUM_IDLE_MS = 60_000;

const warm = new WarmBrowser(async () => {
  // Loaded only when a browser is needed, never at start-up.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, CHROMIUM_IDLE_MS);

/** Closes the warm browser: the CLI when its command ends, the browser-mode server when it stops. */
export function closeHeadlessChromium(): Promise<void> {
  return warm.close();
}

/** Whether a warm browser is running (tests). */
export function headlessChromiumRunning(): boolean {
  return warm.running;
}

/** How long a context may take to be made, and then to close (closeContext). */
const CONTEXT_CLOSE_MS = 10_000;

const LATE = Symbol('late');

/** `promise`'s value, or LATE when it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes an export's context once it is made (a cancel can land while it is being made). A context that is made
 * but will not close in time (a page stuck mid-navigation) has its whole browser closed instead, so no page is left
 * running; one still being made in time is closed whenever it is made, and the browser, which other exports may be
 * using, is left alone.
 */
export async function closeContext(context: Promise<BrowserContext>, browser: Browser, ms = CONTEXT_CLOSE_MS): Promise<void> {
  const made = await within(context.catch(() => null), ms);
  if (made === LATE) {
    context.then((c) => c.close()).catch(() => {});
    return;
  }
  if (made === null) return;
  if ((await within(made.close().catch(() => {}), ms)) === LATE) await browser.close().catch(() => {});
}

/** Runs `work` on a page of a fresh context in the warm headless Chromium; the context is closed when it ends or is cancelled. */
export async function withHeadlessChromium<T>(use: ChromiumUse, signal: AbortSignal | undefined, options: BrowserContextOptions, work: (page: Page) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${use.what} needs Chromium at ${CHROMIUM_PATH} (${use.otherwise})`);
  throwIfCancelled(signal);
  // A cancel while the browser launches ends the export then; the launch goes on for the next export.
  const lease = await warm.acquire(signal);
  let context: Promise<BrowserContext> | undefined;
  let closing: Promise<void> | undefined;
  const close = () => context && (closing ??= closeContext(context, lease.browser));
  try {
    // Cancel closes this export's context (its page stops at once); the browser stays for the next export.
    return await cancellable(signal, close, async () => {
      context = lease.browser.newContext(options);
      return work(await (await context).newPage());
    });
  } finally {
    await close();
    lease.release();
  }
}
