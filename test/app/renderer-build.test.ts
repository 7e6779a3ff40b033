// The renderer is built on first use, once, under a lock: two commands at once
// build it once between them, and a build left half-done by a dead process
// neither blocks the next one nor is served.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILDING_MESSAGE, ensureRendererBuilt, type RendererBuildStep } from '../../electron/app/renderer-build';

const root = mkdtempSync(join(tmpdir(), 'cgm-renderer-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in for vite: slow enough that a second command arrives mid-build; counts its runs. */
function fakeBuild(runs: string[], millis = 300, page = 'built'): RendererBuildStep {
  return async (outDir) => {
    runs.push(outDir);
    mkdirSync(outDir, { recursive: true });
    await new Promise((r) => setTimeout(r, millis));
    writeFileSync(join(outDir, 'index.html'), page);
    writeFileSync(join(outDir, 'print.html'), page);
  };
}

describe('ensureRendererBuilt', () => {
  it('builds a missing renderer once for two commands at once, saying so, and leaves no build folders behind', async () => {
    const dir = join(root, 'twice', 'renderer');
    const runs: string[] = [];
    const logs: string[][] = [[], []];
    const [a, b] = await Promise.all([0, 1].map((i) => ensureRendererBuilt({ dir, build: fakeBuild(runs), log: (m) => logs[i].push(m) })));
    expect([a, b]).toEqual([dir, dir]);
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(dir, 'print.html'), 'utf8')).toBe('built');
    // One builds and says so; the other says it waits for that build.
    expect(logs.flat().filter((m) => m === BUILDING_MESSAGE)).toHaveLength(1);
    expect(logs.flat().filter((m) => m.startsWith(BUILDING_MESSAGE) && m.includes('waiting'))).toHaveLength(1);
    expect(readdirSync(join(root, 'twice'))).toEqual(['renderer']);
  });

  it('uses a built renderer as it is', async () => {
    const dir = join(root, 'built');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'print.html'), 'old');
    const runs: string[] = [];
    expect(await ensureRendererBuilt({ dir, build: fakeBuild(runs) })).toBe(dir);
    expect(runs).toHaveLength(0);
  });

  it('rebuilds one older than its sources when asked (npm start after an edit), swapping the whole folder', async () => {
    const dir = join(root, 'stale');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'print.html'), 'old');
    writeFileSync(join(dir, 'leftover.js'), 'from the old build');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'print.html'), past, past);
    const runs: string[] = [];
    const logs: string[] = [];
    await ensureRendererBuilt({ dir, build: fakeBuild(runs, 10, 'new'), sourcesChangedAt: Date.now() - 1000, log: (m) => logs.push(m) });
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(dir, 'print.html'), 'utf8')).toBe('new');
    expect(existsSync(join(dir, 'leftover.js'))).toBe(false);
    expect(logs[0]).toMatch(/^Rebuilding the map renderer/);
  });

  it('takes over the lock of a build whose process has died, and never serves its half-written folder', async () => {
    const dir = join(root, 'dead', 'renderer');
    mkdirSync(`${dir}.lock`, { recursive: true });
    // A process id that has certainly ended: a child that has exited.
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(`${dir}.lock`, 'pid'), String(pid));
    // What a killed build leaves: a renderer folder without its print page.
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), 'half');
    const runs: string[] = [];
    expect(await ensureRendererBuilt({ dir, build: fakeBuild(runs, 10) })).toBe(dir);
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('built');
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('lets the next command build after a failed build, and says why it failed', async () => {
    const dir = join(root, 'failed');
    await expect(ensureRendererBuilt({ dir, build: async () => { throw new Error('out of disk'); } })).rejects.toThrow('out of disk');
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const runs: string[] = [];
    await ensureRendererBuilt({ dir, build: fakeBuild(runs, 10) });
    expect(runs).toHaveLength(1);
  });
});
