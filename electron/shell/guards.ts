// What every Electron session and page of the app is allowed to do, as small
// functions over the few Electron calls they need, so they are unit-tested
// without an Electron binary (test/shell/guards.test.ts). The shell wires them
// to the real objects (main.ts, export-printers.ts).

/** The app's own pages live under this origin, served by its protocol handler. */
export const APP_SCHEME = 'cgm-app';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function fromOurApp(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * The app's session lets through only its own scheme and its pages' in-memory blob:
 * URLs (an export's download); DevTools' own pages only in a development build.
 */
export function appRequestAllowed(url: string, devTools: boolean): boolean {
  return url.startsWith(`${APP_SCHEME}:`) || url.startsWith(`blob:${APP_ORIGIN}/`) || (devTools && url.startsWith('devtools:'));
}

/** `http://127.0.0.1:PORT` for a loopback print-server URL, else null. */
export function loopbackOrigin(url: string): string | null {
  const m = /^(?:blob:)?(http:\/\/127\.0\.0\.1:\d{1,5})\//.exec(url);
  return m ? m[1] : null;
}

/**
 * The print session: the report's data: page, and the print servers now in use
 * (each export starts its own, on a random port) with their pages' blob: URLs.
 * Any other loopback port is another program's, so it is refused too.
 */
export function printRequestAllowed(url: string, printServers: ReadonlySet<string>): boolean {
  if (url.startsWith('data:')) return true;
  const origin = loopbackOrigin(url);
  return origin !== null && printServers.has(origin);
}

/** The print servers whose pages a print window is loading now, counted so one closing leaves the others. */
export class PrintServers {
  private readonly open = new Map<string, number>();

  /** Allows `url`'s print server until the returned function is called (once). */
  admit(url: string): () => void {
    const origin = loopbackOrigin(url);
    if (!origin) return () => {};
    this.open.set(origin, (this.open.get(origin) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.open.get(origin) ?? 1) - 1;
      if (left > 0) this.open.set(origin, left);
      else this.open.delete(origin);
    };
  }

  origins(): ReadonlySet<string> {
    return new Set(this.open.keys());
  }
}

export interface GuardedSession {
  webRequest: { onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void };
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setSpellCheckerEnabled(enabled: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
}

/**
 * No request leaves unless `allowed` says so; no permission (camera, geolocation,
 * notifications, clipboard, HID...) is ever granted or reported granted; and the
 * spell checker, which would download Hunspell dictionaries from Google's CDN,
 * is off and pointed at an address that can never answer.
 */
export function guardSession(session: GuardedSession, allowed: (url: string) => boolean): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowed(details.url) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL('http://127.0.0.1:0/');
}

export interface NavigationEvent {
  preventDefault(): void;
  url?: string;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent, url?: string) => void): void;
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): void;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * Every web contents the app creates (main window, print windows, anything a
 * page might open): no navigation of any frame away from our own pages, no
 * redirects elsewhere, no new windows, no <webview>.
 */
export function guardContents(contents: GuardedContents): void {
  const stayHome = (event: NavigationEvent, url?: string) => {
    if (!fromOurApp(event.url ?? url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
