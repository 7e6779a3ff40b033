// The Electron binary cannot run here, but its main process and preload can
// still be bundled: this catches a module the packaged app could not load.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
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

  it('ships the threads the worker threads start beside it: the postcode writer and the national travel tree', () => {
    for (const thread of ['postcode-writer.mjs', 'dijkstra-thread.mjs']) expect(existsSync(resolve(root, 'dist', 'electron', thread)), thread).toBe(true);
  });

  // worker-jobs.ts loads each <name>-worker.mjs from beside main.mjs: every worker entry must be built and serve jobs.
  it.each(readdirSync(resolve(root, 'electron', 'services')).filter((f) => f.endsWith('-worker.ts')).map((f) => f.slice(0, -3)))('ships %s.mjs, which answers a job', async (entry) => {
    const worker = new Worker(resolve(root, 'dist', 'electron', `${entry}.mjs`), { workerData: { jobEntry: entry } });
    try {
      const missing = resolve(root, 'dist', 'no-such-project.gpkg');
      // One job shape for all: each worker reads the fields it knows.
      const job = { path: missing, method: 'getProfile', input: {}, scratch: resolve(root, 'dist'), request: {} };
      const answer = new Promise<{ type: string; failure?: { message: string } }>((ok, fail) => {
        worker.once('message', ok);
        worker.once('error', fail);
      });
      worker.postMessage({ type: 'job', id: 1, job });
      // Each opens the project first: a missing file fails the job, answered rather than thrown.
      const reply = await answer;
      expect(reply.type).toBe('failed');
      expect(reply.failure?.message).toContain('no-such-project.gpkg');
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
