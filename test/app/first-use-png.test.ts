// After `npm install` nothing has built the renderer, and `cgm export png`
// used to fail until `npm run build:renderer` was run by hand. Now its first
// use builds it, saying so. The build goes to a folder of this test's own
// (CGM_RENDERER_DIR), never the checkout's dist/ that other tests serve.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUILDING_MESSAGE } from '../../electron/app/renderer-build';
import { CHROMIUM_PATH } from '../../electron/exports/headless-chromium';
import { cgm } from '../exports/demo-exports';
import { required } from '../support/requirements';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cgm-first-use-'));
const project = join(dir, 'demo.gpkg');
const hasChromium = required(`Chromium at ${CHROMIUM_PATH}`, existsSync(CHROMIUM_PATH), 'apt-get install chromium (or set CGM_CHROMIUM)');

function cgmProcess(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'cgm.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  expect((await cgm('demo', '--project', project, '--force')).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.runIf(hasChromium)('cgm export png builds the missing renderer on first use, says so, and draws the map', async () => {
  const renderer = join(dir, 'renderer');
  const out = join(dir, 'segments.png');
  const r = await cgmProcess(['export', 'png', '--project', project, '--layer', 'segments', '--size', 'screen', '--out', out], { CGM_RENDERER_DIR: renderer });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(BUILDING_MESSAGE);
  expect(existsSync(join(renderer, 'print.html'))).toBe(true);
  expect(existsSync(`${renderer}.lock`)).toBe(false);
  const png = PNG.sync.read(readFileSync(out));
  expect([png.width, png.height]).toEqual([JSON.parse(r.stdout).width, JSON.parse(r.stdout).height]);

  // The second use finds it built: no message, no build.
  const again = await cgmProcess(['export', 'png', '--project', project, '--layer', 'segments', '--size', 'screen', '--out', out], { CGM_RENDERER_DIR: renderer });
  expect(again.code, again.stderr).toBe(0);
  expect(again.stderr).toBe('');
}, 900_000);
