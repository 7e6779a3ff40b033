// The Electron binary cannot run here, but its main process and preload can
// still be bundled: this catches a module the packaged app could not load.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

describe('Electron bundles', () => {
  execFileSync(process.execPath, [resolve(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'pipe' });
  const preload = readFileSync(resolve(root, 'dist', 'electron', 'preload.cjs'), 'utf8');

  it('gives the sandboxed preload nothing but electron to require', () => {
    const required = new Set([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
  });

  it('exposes exactly the contract methods through contextBridge', () => {
    expect(preload).toContain('exposeInMainWorld("cgm"');
    expect(preload).toContain('cgm:call');
    // Cancelling a call (a long export) is the one other channel, answered in the main bundle.
    expect(preload).toContain('cgm:cancel');
    expect(readFileSync(resolve(root, 'dist', 'electron', 'main.mjs'), 'utf8')).toContain('cgm:cancel');
  });

  it('leaves only Node built-ins, the native better-sqlite3 and lazily loaded playwright-core outside the main bundle', () => {
    const meta = JSON.parse(readFileSync(resolve(root, 'dist', 'electron', 'main.meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
    };
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const imports = Object.values(meta.outputs).flatMap((o) => o.imports).filter((i) => i.external && !builtins.has(i.path));
    expect([...new Set(imports.map((i) => i.path))].sort()).toEqual(['better-sqlite3', 'playwright-core']);
    // Loaded only when Chromium is the printer, never at start-up.
    expect(imports.filter((i) => i.path === 'playwright-core').every((i) => i.kind === 'dynamic-import')).toBe(true);
  });
});
