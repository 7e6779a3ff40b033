// The headless Chromium (playwright-core, Debian's /usr/bin/chromium) that
// draws PNG maps and prints PDF reports in browser mode and the CLI. One
// launch, with the analyst's Cancel closing it at once and the browser closed
// whatever happens.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { cancellable, throwIfCancelled } from './cancellable';

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

/** Runs `work` in a fresh headless Chromium, closed when it ends or is cancelled. */
export async function withHeadlessChromium<T>(use: ChromiumUse, signal: AbortSignal | undefined, work: (browser: Browser) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${use.what} needs Chromium at ${CHROMIUM_PATH} (${use.otherwise})`);
  // Loaded only when a browser is needed, never at start-up.
  const { chromium } = await import('playwright-core');
  throwIfCancelled(signal);
  // Playwright gives each launch a fresh profile folder of its own and deletes it on close: nothing is kept between exports.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return cancellable(signal, () => browser.close(), () => work(browser)).finally(() => browser.close());
}
