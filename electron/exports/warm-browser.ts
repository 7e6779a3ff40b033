// One headless browser kept warm between exports. Launching Chromium costs a
// second or more of CPU on a laptop, and its GPU process keeps the WebGL
// programs it compiled (SwiftShader compiles each one in software) for the
// next map. The browser is launched on first use, shared by the exports that
// run at the same time, and closed once nobody has used it for `idleMs`, or
// when its owner (the CLI command, the browser-mode server) shuts down. Each
// export still gets a fresh context of its own: nothing of one export's page
// (storage, cache) is seen by the next.
import type { Browser } from 'playwright-core';
import { throwIfCancelled, untilCancelled } from './cancellable';

export interface BrowserLease {
  browser: Browser;
  /** Done with it: the browser stays warm for the next export until it has been idle for idleMs. */
  release(): void;
}

export class WarmBrowser {
  private browser: Promise<Browser> | null = null;
  private users = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly launch: () => Promise<Browser>,
    private readonly idleMs: number,
  ) {}

  /** Whether a browser is launched (or launching) now. */
  get running(): boolean {
    return this.browser !== null;
  }

  /**
   * The browser, launched if need be. A cancel during the launch ends the wait with
   * ExportCancelled; the launch goes on, and the browser it brings is closed after
   * idleMs unless another export takes it meanwhile.
   */
  async acquire(signal?: AbortSignal): Promise<BrowserLease> {
    throwIfCancelled(signal);
    this.stopIdleTimer();
    this.users++;
    try {
      const browser = await untilCancelled(this.current(), signal);
      let released = false;
      return {
        browser,
        release: () => {
          if (released) return;
          released = true;
          this.users--;
          if (this.users === 0) this.startIdleTimer();
        },
      };
    } catch (error) {
      this.users--;
      if (this.users === 0) this.startIdleTimer();
      throw error;
    }
  }

  /** Closes the browser now (shutdown); an export still running on it fails as its page closes. */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const launching = this.browser;
    this.browser = null;
    if (!launching) return;
    const browser = await launching.catch(() => null);
    await browser?.close().catch(() => {});
  }

  private current(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launch().then((browser) => {
        // A browser that crashed or was killed is launched afresh by the next export.
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return browser;
      });
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
      this.browser = launching;
    }
    return this.browser;
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    if (!this.browser) return;
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    // Waiting to close an idle browser is no reason to keep the process alive.
    this.idleTimer.unref?.();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
