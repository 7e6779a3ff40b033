// The browser-mode server as the app runs it (real handlers on a real project),
// in its own process so the fuzzer sees a crash as the process dying.
// Prints "READY <port>" once listening.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectLibrary } from '../../electron/app/project-library';
import { startBrowserServer } from '../../electron/server/browser-server';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';

const [base, workDir, token] = process.argv.slice(2);
const project = join(workDir, `http-${process.pid}.gpkg`);
copyFileSync(base, project);
const staticDir = join(workDir, 'static');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>cgm</title>');
const session = new ProjectSession(project);
// Its own data folder, so listProjects (safe with the token) never makes folders in the user's.
const library = new ProjectLibrary(join(workDir, `data-${process.pid}`));
const server = await startBrowserServer({ handlers: createHandlers(session, {}, library), staticDir, token });
console.log(`READY ${server.port} ${project}`);
// The fuzzer holds our stdin: when it goes (finished, killed), so do we.
process.stdin.on('end', () => process.exit(0)).resume();
