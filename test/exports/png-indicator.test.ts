// An area indicator's layer as a PNG map (`cgm export png --layer indicator:NAME`):
// the print page builds the same layer the app shows and draws its legend.
// The indicator file is HAND-WRITTEN for the synthetic demo town (not real
// figures): the i-th OA in code order has decile (i mod 10) + 1, so every class
// of the decile layer (1–2, 3–4 … 9–10, PuBu) has areas and a legend swatch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../electron/app/renderer-build';
import { openProject } from '../../electron/store/project';
import { rampColours } from '../../renderer/src/classify/ramps';
import { pixel } from '../e2e/pixels';
import { cgm } from './demo-exports';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RENDER_TIMEOUT = Number(process.env.CGM_PNG_TEST_TIMEOUT ?? 600_000);
const DECILE = 'made_up_decile';
let dir: string;
let project: string;

beforeAll(async () => {
  await ensureRendererBuilt({ dir: resolve(ROOT, 'dist', 'renderer'), log: (m) => console.log(m) });
  dir = mkdtempSync(join(tmpdir(), 'cgm-png-indicator-'));
  project = join(dir, 'demo.gpkg');
  expect((await cgm('demo', '--project', project, '--force')).code).toBe(0);
  const p = openProject(project);
  const codes = p.db.prepare("SELECT code FROM area_oa ORDER BY code").pluck().all() as string[];
  p.close();
  const file = join(dir, 'deciles_handwritten.csv');
  writeFileSync(file, [`oa_code,${DECILE}`, ...codes.map((c, i) => `${c},${(i % 10) + 1}`)].join('\n') + '\n');
  expect((await cgm('import', 'indicators', '--project', project, '--file', file, '--area-field', 'oa_code', '--level', 'OA', '--quiet')).code).toBe(0);
}, 300_000);

afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('cgm export png --layer indicator:NAME', () => {
  it('draws the indicator layer with its legend: one swatch per class, the layer named in the title', async () => {
    const out = join(dir, 'decile.png');
    const r = await cgm('export', 'png', '--project', project, '--layer', `indicator:${DECILE}`, '--size', 'screen', '--timeout', String(Math.round(RENDER_TIMEOUT * 0.8) / 1000), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { layers: string[]; text: { title: string; subtitle: string }; legendBox: { x: number; y: number; width: number; height: number } };
    expect(report.layers).toContain(`indicator:${DECILE}`);
    expect(report.text.title).toBe(DECILE);
    expect(report.text.subtitle).toMatch(/Area indicator by OA$/);
    const png = PNG.sync.read(readFileSync(out));
    const box = report.legendBox;
    // Swatches are the class colour at the layer's opacity (0.8) over the legend's white.
    for (const colour of rampColours('PuBu', 5)) {
      const want = [1, 3, 5].map((i) => 0.8 * parseInt(colour.slice(i, i + 2), 16) + 0.2 * 255);
      let found = false;
      for (let y = box.y; y < box.y + box.height && !found; y += 1) for (let x = box.x; x < box.x + box.width / 3 && !found; x += 1) found = Math.max(...pixel(png, x, y).slice(0, 3).map((v, k) => Math.abs(v - want[k]))) <= 6;
      expect(found, `legend swatch ${colour}`).toBe(true);
    }
  }, RENDER_TIMEOUT);
});
