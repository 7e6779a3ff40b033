// The Electron shell: one window, one IPC channel, no network. Everything
// else lives in the services shared with browser mode and the CLI.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { appDataDir } from '../app/paths';
import { ProjectLibrary } from '../app/project-library';
import { startupProject } from '../app/startup-project';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { dispatch } from '../services/dispatch';
import { createHandlers } from '../services/handlers';
import { ProgressHub } from '../services/progress';
import { ProjectSession } from '../services/project-session';
import { basemapTilesFor } from '../services/basemap-handlers';
import { isTilePath } from '../tiles/basemap-tiles';
import type { ElectronModule } from './electron-types';
import { electronExportPrinters } from './export-printers';
import { projectDialogs } from './project-dialogs';
import { APP_ORIGIN as ORIGIN, APP_SCHEME as SCHEME, appRequestAllowed, fromOurApp, guardContents, guardSession } from './guards';

const electron = createRequire(import.meta.url)('electron') as ElectronModule;
const { app, BrowserWindow, dialog, ipcMain, protocol, session: electronSession } = electron;

const RENDERER_DIR = resolve(import.meta.dirname, '..', 'renderer');
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Every web contents, whoever creates it, is held to our pages: no navigation away, no windows, no <webview>.
app.on('web-contents-created', (_event, contents) => guardContents(contents));

async function start(): Promise<void> {
  await app.whenReady();
  process.env.CGM_DATA_DIR ??= app.getPath('userData');
  // DevTools only while developing: an installed app has no console to drive it from.
  const devTools = !app.isPackaged;

  // The app makes no network requests, ever: anything not our own scheme is cancelled,
  // no permission is granted, and no spell-check dictionary is fetched.
  guardSession(electronSession.defaultSession, (url) => appRequestAllowed(url, devTools));

  const library = new ProjectLibrary(appDataDir());
  const projectSession = new ProjectSession((await startupProject(process.env.CGM_PROJECT, library)).path);

  protocol.handle(SCHEME, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    // Base-map tiles: the same reader as browser mode's /tiles/ route; only our own pages can ask.
    if (isTilePath(path)) {
      const tile = await basemapTilesFor(projectSession).tileResponse(path);
      return new Response(tile.status === 204 ? null : (tile.body as BodyInit), { status: tile.status, headers: tile.headers });
    }
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIR + sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  // Reports and map images print in Electron's own engine, not a separate Chromium.
  const handlers = createHandlers(projectSession, electronExportPrinters(electron, devTools), library);
  const progress = new ProgressHub();

  // Calls the renderer may cancel, by the id it chose, kept per window so one
  // window can neither cancel nor shadow another's; an id is only ever a key here.
  const running = new Map<string, AbortController>();
  const runningKey = (event: { sender: { id: number } }, callId: unknown) => (typeof callId === 'string' && callId.length <= 64 ? `${event.sender.id}:${callId}` : null);
  ipcMain.handle('cgm:call', async (event, method, input, callId) => {
    if (!fromOurApp(event.senderFrame?.url)) return { ok: false, error: 'request from an unknown frame' };
    const controller = new AbortController();
    const id = runningKey(event, callId);
    if (id) running.set(id, controller);
    try {
      const value = await dispatch(handlers, method, input, progress.context(controller.signal));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      if (id) running.delete(id);
    }
  });
  ipcMain.handle('cgm:cancel', async (event, callId) => {
    const id = runningKey(event, callId);
    if (!fromOurApp(event.senderFrame?.url) || !id) return false;
    running.get(id)?.abort();
    return running.has(id);
  });

  // A local path for the base-map tile file; the renderer then checks and stores it with setBasemapTiles.
  ipcMain.handle('cgm:choose-tile-file', async (event) => {
    if (!fromOurApp(event.senderFrame?.url)) return null;
    const result = await dialog.showOpenDialog({
      title: 'Choose an offline base map',
      properties: ['openFile'],
      filters: [{ name: 'Offline tiles (PMTiles, MBTiles)', extensions: ['pmtiles', 'mbtiles'] }],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  // Project files through the system's dialogs; the renderer then opens or saves the chosen path over the contract.
  const projectFiles = projectDialogs(dialog, library);
  ipcMain.handle('cgm:choose-project-open', async (event) => (fromOurApp(event.senderFrame?.url) ? projectFiles.chooseProjectToOpen() : null));
  ipcMain.handle('cgm:choose-project-save', async (event, suggestedName) =>
    fromOurApp(event.senderFrame?.url) ? projectFiles.chooseProjectToSave(typeof suggestedName === 'string' ? suggestedName : '') : null,
  );

  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    show: false,
    title: 'Catchment Gap Mapper',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools,
      // A middle click would open a link in a new window: denied anyway, not even attempted.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  progress.subscribe((e) => window.webContents.send('cgm:progress', e));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${ORIGIN}/index.html`);
  app.on('window-all-closed', () => {
    projectSession.close();
    app.quit();
  });
}

start().catch((error) => {
  console.error(error);
  app.quit();
});
