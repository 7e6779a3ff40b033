// Browser mode entry: where no Electron binary exists, serve the same app
// and the same services on a loopback address.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { appDataDir } from './app/paths';
import { ProjectLibrary } from './app/project-library';
import { startupProject } from './app/startup-project';
import { startBrowserServer } from './server/browser-server';
import { basemapTilesFor } from './services/basemap-handlers';
import { createHandlers } from './services/handlers';
import { ProjectSession } from './services/project-session';
import { closeHeadlessChromium } from './exports/headless-chromium';

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Could not open a browser; open the address above yourself.'));
    child.unref();
  } catch {
    console.log('Could not open a browser; open the address above yourself.');
  }
}

export async function runBrowserMode(): Promise<void> {
  const library = new ProjectLibrary(appDataDir());
  const startup = await startupProject(process.env.CGM_PROJECT, library, (line) => console.log(line));
  const session = new ProjectSession(startup.path);
  const port = process.env.CGM_PORT ? Number(process.env.CGM_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CGM_PORT must be a port number, not "${process.env.CGM_PORT}"`);
  const server = await startBrowserServer({
    handlers: createHandlers(session, {}, library),
    staticDir: resolve(import.meta.dirname, '..', 'dist', 'renderer'),
    port,
    tiles: basemapTilesFor(session),
  });
  console.log(`Catchment Gap Mapper: ${server.url}`);
  if (process.env.CGM_OPEN !== '0') openInBrowser(server.url);
  const stop = async () => {
    await server.close();
    // The browser kept warm for PNG and PDF exports goes with the server.
    await closeHeadlessChromium();
    session.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
