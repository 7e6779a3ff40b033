// The headless Chromium (playwright-core, Debian's /usr/bin/chromium) that
// draws PNG maps and prints PDF reports in browser mode and the CLI. One
// launch, with the analyst's Cancel closing it at once and the browser closed
// whatever happens.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { cancellable, throwIfCancelled } from './cancellable';

export const CHROMIUM_PATH = process.env.CGM_CHROMIUM ?? '/usr/bin/chromium';

// ENVIRONMENT.md's flags: WebGL2 through SwiftShader where there is no GPU, and nothing that phones home.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
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
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return cancellable(signal, () => browser.close(), () => work(browser)).finally(() => browser.close());
}
