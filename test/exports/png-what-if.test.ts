// A map image of the what-if: the print page draws the proposed site (its
// purple ring, where the map's projection puts it), leaves the site legend
// without a "Proposed" site type (the project's sites are the real ones), and
// says under the map that the proposed site is counted; printed with real
// sites only (a baseline report's maps) it is neither drawn nor mentioned.
// Headless Chromium (SwiftShader): timeouts allow for a loaded 2-core machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { ensureRendererBuilt } from '../../electron/app/renderer-build';
import { printMap } from '../../electron/exports/png-export';
import { setProposedSites } from '../../electron/services/proposed-sites';
import { openProject, type Project } from '../../electron/store/project';
import { projectPoint } from '../../renderer/src/print/mercator';
import { pixel } from '../e2e/pixels';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TIMEOUT = 480_000;
const PURPLE = [0x7b, 0x2c, 0xbf];
const WHAT_IF = 'What-if: counting 1 proposed site as open (not real sites until confirmed).';
const dir = mkdtempSync(join(tmpdir(), 'cgm-png-whatif-'));
let project: Project;
let site: { lon: number; lat: number };

/** Pixels within `r` device pixels of the site that are the proposed ring's purple. */
function purpleNear(png: PNG, report: Awaited<ReturnType<typeof printMap>>['report'], r: number): number {
  const s = report.scale;
  const [cx, cy] = projectPoint(report.camera, report.mapBox.width / s, report.mapBox.height / s, site.lon, site.lat);
  const [x0, y0] = [report.mapBox.x + cx * s, report.mapBox.y + cy * s];
  let n = 0;
  for (let y = y0 - r; y <= y0 + r; y++) for (let x = x0 - r; x <= x0 + r; x++) if (pixel(png, x, y).every((v, i) => Math.abs(v - PURPLE[i]) <= 24)) n++;
  return n;
}

beforeAll(async () => {
  await ensureRendererBuilt({ dir: resolve(ROOT, 'dist', 'renderer'), log: (m) => console.log(m) });
  const path = join(dir, 'demo.gpkg');
  await buildDemoProject(path);
  project = openProject(path);
  // Placed in the middle of the town's extent, where the whole-project print surely shows it.
  const ext = project.db.prepare('SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?').get('service_sites') as Record<string, number>;
  site = { lon: (ext.min_x + ext.max_x) / 2, lat: (ext.min_y + ext.max_y) / 2 };
  setProposedSites(project, DEMO_SERVICE, [{ name: 'Pop-up clinic', lon: site.lon, lat: site.lat }]);
}, 300_000);
afterAll(() => {
  project?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PNG of the what-if', () => {
  it('draws the proposed site and says it is counted; real sites only, neither', async () => {
    const shown = await printMap(project, { layer: 'gap-type', size: 'screen', timeoutMs: TIMEOUT });
    expect(shown.report.layers).toContain('proposed-sites');
    expect(shown.report.text.footer).toContain(WHAT_IF);
    const png = PNG.sync.read(shown.png);
    expect(purpleNear(png, shown.report, 14)).toBeGreaterThan(10);

    const real = await printMap(project, { layer: 'gap-type', size: 'screen', includeProposed: false, timeoutMs: TIMEOUT });
    expect(real.report.text.footer).not.toContain('proposed site');
    expect(purpleNear(PNG.sync.read(real.png), real.report, 14)).toBe(0);
  }, TIMEOUT * 2);
});
