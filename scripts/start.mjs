// `npm start`: Electron where its binary is present, otherwise browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Built when missing or older than its sources, by the same locked build `cgm export png` uses on first use. */
async function ensureRendererBuilt() {
  const { register } = await import('tsx/esm/api');
  register();
  const { ensureRendererBuilt: ensure } = await import('../electron/app/renderer-build.ts');
  const sourcesChangedAt = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  try {
    await ensure({ dir: join(root, 'dist', 'renderer'), sourcesChangedAt, log: (m) => console.log(m) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

await ensureRendererBuilt();
const binary = process.env.CGM_BROWSER_MODE === '1' ? null : electronBinary();
if (binary) {
  console.log('Starting Catchment Gap Mapper in Electron.');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const child = spawn(binary, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary not found: starting browser mode (the same app, served on 127.0.0.1 only).');
  const { runBrowserMode } = await import('../electron/browser-main.ts');
  await runBrowserMode();
}
