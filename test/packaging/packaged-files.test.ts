// What the installer would carry, from a real electron-builder run over this
// repository: electron-builder.yml's `files` and the production dependency tree
// that electron-builder collects itself (npm ls). Electron cannot be downloaded
// here, so a stand-in executable takes its place (electronDist), and the fuses,
// which need the real binary, are left to `npm run dist`; the app's own files
// are the same either way. asar is off so the file list is a plain folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'cgm-pack-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

let appDir = '';
let shipped: string[] = [];

beforeAll(() => {
  // The bundles the package is made of; npm test builds the renderer first.
  if (!existsSync(resolve(root, 'dist', 'electron', 'main.mjs'))) execFileSync(process.execPath, [resolve(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'pipe' });
  if (!existsSync(resolve(root, 'dist', 'renderer', 'index.html'))) execFileSync(process.execPath, [resolve(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'pipe' });

  const fakeElectron = join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', fakeElectron]);
  copyFileSync(process.execPath, join(fakeElectron, 'electron'));
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  delete config.electronFuses;
  Object.assign(config, { electronDist: fakeElectron, npmRebuild: false, asar: false, directories: { output: join(work, 'out'), buildResources: 'build' } });
  writeFileSync(join(work, 'config.json'), JSON.stringify(config));
  execFileSync(process.execPath, [resolve(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--config', join(work, 'config.json'), '--projectDir', root], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' },
  });
  appDir = join(work, 'out', 'linux-unpacked', 'resources', 'app');
  shipped = filesUnder(appDir);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app', () => {
  it('carries the bundles, its package.json and only better-sqlite3 (with bindings) from node_modules', () => {
    expect(shipped).toEqual(expect.arrayContaining(['package.json', 'dist/electron/main.mjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']));
    const modules = new Set(shipped.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.startsWith('node_modules/@') ? 3 : 2).join('/')));
    expect([...modules].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    expect(shipped).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  });

  it('ships no source maps, build metadata, SQLite sources or compiler leftovers', () => {
    expect(shipped.filter((f) => f.endsWith('.map') || f.endsWith('meta.json') || f.endsWith('.a') || /\/(obj|obj\.target|deps|src)\//.test(f))).toEqual([]);
  });

  it('is small: the app itself (without the Electron runtime) stays under 16 MB', () => {
    const bytes = shipped.reduce((sum, f) => sum + statSync(join(appDir, f)).size, 0);
    // README "Packaging" states this figure; the renderer bundle is most of it.
    expect(bytes).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('the dependency tree', () => {
  const all = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const production = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const names = (paths: string[]) => new Set(paths.map((p) => p.split('/node_modules/').pop() as string));

  it('has no @arcgis/core (the deck.gl meta package peer) nor @vaadin usage statistics, in any install', () => {
    const installed = [...names(all)];
    expect(installed.filter((n) => n.startsWith('@arcgis/') || n.startsWith('@vaadin/') || n === 'deck.gl')).toEqual([]);
  });

  it('depends on exactly the scoped deck.gl modules the renderer imports', () => {
    const imported = new Set<string>();
    for (const file of filesUnder(resolve(root, 'renderer')).filter((f) => /\.tsx?$/.test(f))) {
      for (const m of readFileSync(resolve(root, 'renderer', file), 'utf8').matchAll(/from '(@deck\.gl\/[a-z-]+)/g)) imported.add(m[1]);
    }
    const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => n.startsWith('@deck.gl/'));
    expect(declared.sort()).toEqual([...imported].sort());
  });

  it('keeps build and test tools out of the production tree', () => {
    const prod = names(production);
    for (const tool of ['vite', 'vitest', 'esbuild', 'tsx', 'typescript', 'electron-builder', 'playwright-core', 'react', 'maplibre-gl']) expect(prod.has(tool), tool).toBe(false);
  });

  it('runs install scripts only from the packages listed here, none of which phones home once installed', () => {
    const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path.split('node_modules/').pop());
    // better-sqlite3: prebuild-install fetches its prebuilt binary from GitHub at install (else compiles);
    // electron: downloads its runtime at install (optional); esbuild: checks its platform binary;
    // electron-winstaller: picks a bundled 7-Zip; es5-ext (an Electronegativity dependency): prints a notice.
    expect(withScripts.sort()).toEqual(['better-sqlite3', 'electron', 'electron-winstaller', 'es5-ext', 'esbuild']);
  });
});
