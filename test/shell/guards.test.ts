// The Electron shell's guards, run against stand-ins for the few Electron calls
// they make (no Electron binary on these machines).
import { describe, expect, it } from 'vitest';
import { appRequestAllowed, guardContents, guardSession, PrintServers, printRequestAllowed, type GuardedContents, type GuardedSession, type NavigationEvent } from '../../electron/shell/guards';

describe('the app session', () => {
  it('lets through only its own scheme and its own blob: URLs', () => {
    expect(appRequestAllowed('cgm-app://app/index.html', false)).toBe(true);
    expect(appRequestAllowed('cgm-app://app/tiles/14/8105/5375.png', false)).toBe(true);
    expect(appRequestAllowed('blob:cgm-app://app/5f1c0a2e', false)).toBe(true);
    for (const url of ['https://tiles.example.com/1/2/3.png', 'http://127.0.0.1:8123/api', 'blob:https://evil.example/1', 'file:///etc/passwd', 'ws://127.0.0.1:9222/', 'cgm-appx://app/']) {
      expect(appRequestAllowed(url, true), url).toBe(false);
    }
  });

  it('lets DevTools pages load only in a development build', () => {
    expect(appRequestAllowed('devtools://devtools/bundled/inspector.html', true)).toBe(true);
    expect(appRequestAllowed('devtools://devtools/bundled/inspector.html', false)).toBe(false);
  });
});

describe('the print session', () => {
  it('allows the report page and the print servers in use, and no other loopback port', () => {
    const servers = new PrintServers();
    const url = 'http://127.0.0.1:40123/print.html?token=abc';
    expect(printRequestAllowed('data:text/html;charset=utf-8,%3Ch1%3E', servers.origins())).toBe(true);
    expect(printRequestAllowed(url, servers.origins())).toBe(false);
    const release = servers.admit(url);
    expect(printRequestAllowed('http://127.0.0.1:40123/assets/print.js', servers.origins())).toBe(true);
    expect(printRequestAllowed('blob:http://127.0.0.1:40123/8c1e', servers.origins())).toBe(true);
    // Another program's local server (a database's web console, a dev server) is not ours.
    for (const other of ['http://127.0.0.1:5432/', 'http://127.0.0.1:4012/', 'http://127.0.0.1:401234/', 'http://localhost:40123/', 'https://127.0.0.1:40123/', 'http://127.0.0.1.evil.example:40123/', 'devtools://devtools/']) {
      expect(printRequestAllowed(other, servers.origins()), other).toBe(false);
    }
    release();
    expect(printRequestAllowed('http://127.0.0.1:40123/assets/print.js', servers.origins())).toBe(false);
  });

  it('keeps a server allowed while another window still prints from it', () => {
    const servers = new PrintServers();
    const first = servers.admit('http://127.0.0.1:40123/print.html');
    const second = servers.admit('http://127.0.0.1:40123/print.html?view=2');
    first();
    first();
    expect(servers.origins().has('http://127.0.0.1:40123')).toBe(true);
    second();
    expect(servers.origins().size).toBe(0);
  });
});

describe('guardSession', () => {
  function fakeSession() {
    const state = {
      beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
      request: null as null | ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void),
      check: null as null | ((contents: unknown, permission: string) => boolean),
      spellcheck: true,
      dictionaries: 'https://redirector.gvt1.com/edgedl/chrome/dict/',
    };
    const session: GuardedSession = {
      webRequest: { onBeforeRequest: (l) => (state.beforeRequest = l) },
      setPermissionRequestHandler: (h) => (state.request = h),
      setPermissionCheckHandler: (h) => (state.check = h),
      setSpellCheckerEnabled: (on) => (state.spellcheck = on),
      setSpellCheckerDictionaryDownloadURL: (url) => (state.dictionaries = url),
    };
    return { session, state };
  }

  it('cancels what the rule refuses, denies every permission, and fetches no dictionary', () => {
    const { session, state } = fakeSession();
    guardSession(session, (url) => url.startsWith('cgm-app:'));
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      state.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('cgm-app://app/index.html')).toBe(false);
    expect(verdict('https://example.com/')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal']) {
      let granted: boolean | undefined;
      state.request!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(state.check!({}, permission), permission).toBe(false);
    }
    expect(state.spellcheck).toBe(false);
    expect(new URL(state.dictionaries).host).toBe('127.0.0.1:0');
  });
});

describe('guardContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: NavigationEvent, url?: string) => void>();
    let openHandler: (() => { action: string }) | null = null;
    const contents: GuardedContents = {
      on: (name: string, listener: (event: NavigationEvent, url?: string) => void) => void listeners.set(name, listener),
      setWindowOpenHandler: (h) => (openHandler = h),
    };
    const fire = (name: string, url?: string, eventUrl?: string) => {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true), url: eventUrl }, url);
      return prevented;
    };
    return { contents, fire, opened: () => openHandler!() };
  }

  it('keeps every frame on our pages, opens no window and attaches no webview', () => {
    const { contents, fire, opened } = fakeContents();
    guardContents(contents);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'cgm-app://app/index.html')).toBe(false);
    // Electron 25+ passes the address on the event, for any frame (an iframe a page adds).
    expect(fire('will-frame-navigate', undefined, 'https://evil.example/frame')).toBe(true);
    expect(fire('will-frame-navigate', undefined, 'file:///C:/Users/analyst/')).toBe(true);
    expect(fire('will-frame-navigate', undefined, 'cgm-app://app/print.html')).toBe(false);
    expect(fire('will-redirect', undefined, 'http://169.254.169.254/latest/meta-data')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(opened()).toEqual({ action: 'deny' });
  });
});
