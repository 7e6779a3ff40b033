// An A4 PNG of a national-size level (issue 18: "an A4 PNG of England"): 25,000
// synthetic Output Areas over Great Britain's extent (past MANY_POLYGONS, so
// the print draws the level's coarse copy: print-map.ts), segments layer, as
// `cgm export png --size a4` draws it. The PNG is A4 at 300 dpi, every one of
// the eight supergroups shows as a fill, and at the centre of sampled areas
// the pixel is that area's own supergroup colour (known from the generator:
// area i is E0000000i, centred at syntheticCentre(i), supergroup
// floor(i / 97) mod 8), seen through the layer's opacity over the base map.
// Headless Chromium (SwiftShader): timeouts allow for a loaded 2-core machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../electron/app/renderer-build';
import { printMap, type PrintResult } from '../../electron/exports/png-export';
import { closeHeadlessChromium } from '../../electron/exports/headless-chromium';
import { openProject, type Project } from '../../electron/store/project';
import { OAC_SUPERGROUPS } from '../../data/demo/oac-classes';
import { nationalProject } from '../../bench/national/project';
import { syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { MANY_POLYGONS } from '../../renderer/src/project/area-index';
import { projectPoint } from '../../renderer/src/print/mercator';
import { hexToRgb, pixel, type Rgb } from '../e2e/pixels';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COUNT = 25_000;
const TIMEOUT = 480_000;
/** The base map's background (palettes.ts BASEMAP.background), seen through the fills. */
const BACKGROUND = hexToRgb('#f3f2ef');
const SUPERGROUPS = OAC_SUPERGROUPS.map((sg) => hexToRgb(sg.colour));
const supergroupOf = (i: number) => Math.floor(i / 97) % OAC_SUPERGROUPS.length;
/**
 * How far (largest channel difference) a pixel is from colour c drawn at some
 * opacity from a half to whole over the background: a fill at alpha a over b
 * is a·c + (1−a)·b, and the layer's opacity is 0.78 before blending (the
 * composited result measured ~0.89), so the test does not pin the exact alpha.
 */
function distance(c: Rgb, got: readonly number[]): number {
  let best = Infinity;
  for (let a = 0.5; a <= 1.0001; a += 0.01) best = Math.min(best, Math.max(...c.map((v, i) => Math.abs(a * v + (1 - a) * BACKGROUND[i] - got[i]))));
  return best;
}
/** The supergroup whose colour the pixel is, or -1 for none (background, an edge, a label). */
function supergroupAt(got: readonly number[]): number {
  const [nearest] = SUPERGROUPS.map((c, k) => ({ k, d: distance(c, got) })).sort((a, b) => a.d - b.d);
  return nearest.d <= 6 ? nearest.k : -1;
}

const dir = mkdtempSync(join(tmpdir(), 'cgm-png-national-'));
let project: Project;
let printed: PrintResult;
let png: PNG;

beforeAll(async () => {
  expect(COUNT).toBeGreaterThan(MANY_POLYGONS);
  await ensureRendererBuilt({ dir: resolve(ROOT, 'dist', 'renderer'), log: (m) => console.log(m) });
  project = openProject((await nationalProject(dir, COUNT)).path);
  printed = await printMap(project, { layer: 'segments', size: 'a4', timeoutMs: TIMEOUT });
  png = PNG.sync.read(printed.png);
  mkdirSync(resolve(ROOT, 'test-output'), { recursive: true });
  writeFileSync(resolve(ROOT, 'test-output', 'png-national-a4.png'), printed.png);
}, TIMEOUT + 120_000);

afterAll(async () => {
  project?.close();
  await closeHeadlessChromium();
  rmSync(dir, { recursive: true, force: true });
});

/** Device pixel of area i's centre in the PNG. */
function centreOf(i: number): [number, number] {
  const { camera, mapBox, scale } = printed.report;
  const [lon, lat] = syntheticCentre(i, COUNT);
  const [x, y] = projectPoint(camera, mapBox.width / scale, mapBox.height / scale, lon, lat);
  return [Math.round(mapBox.x + x * scale), Math.round(mapBox.y + y * scale)];
}

describe('A4 PNG of a national level', () => {
  it('is A4 at 300 dpi, the segments layer over the whole extent', () => {
    expect([png.width, png.height]).toEqual([3508, 2480]);
    expect(printed.report.layers).toContain('segments');
    // The extent fits the map: the first and last areas' centres are inside its box.
    const { mapBox } = printed.report;
    for (const i of [0, COUNT - 1]) {
      const [x, y] = centreOf(i);
      expect(x > mapBox.x && x < mapBox.x + mapBox.width && y > mapBox.y && y < mapBox.y + mapBox.height).toBe(true);
    }
  });

  it('fills every supergroup, each area in its own supergroup\'s colour at its centre', () => {
    const seen = new Set<number>();
    const wrong: string[] = [];
    // Every 37th area: all rows and columns of the grid, every supergroup many times.
    for (let i = 0; i < COUNT; i += 37) {
      const [x, y] = centreOf(i);
      const got = pixel(png, x, y);
      const want = supergroupOf(i);
      if (supergroupAt(got) !== want) wrong.push(`area ${i} at (${x}, ${y}): ${got.join(',')}, supergroup ${supergroupAt(got)}, want ${want} (${OAC_SUPERGROUPS[want].colour})`);
      else seen.add(want);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(seen.size).toBe(OAC_SUPERGROUPS.length);
  });

  it('shows the fills as distinct colours across the map, not one flat tone', () => {
    const { mapBox } = printed.report;
    const counts = new Map<string, number>();
    for (let y = mapBox.y; y < mapBox.y + mapBox.height; y += 7)
      for (let x = mapBox.x; x < mapBox.x + mapBox.width; x += 7) {
        const key = pixel(png, x, y).join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    // Each supergroup's colour fills a share of the sampled map pixels (~1/8 of some 100,000 sampled, less the gaps between areas).
    const bySupergroup = new Array(SUPERGROUPS.length).fill(0);
    for (const [key, n] of counts) {
      const k = supergroupAt(key.split(',').map(Number));
      if (k >= 0) bySupergroup[k] += n;
    }
    console.log(`sampled map pixels by supergroup: ${bySupergroup.join(', ')} of ${[...counts.values()].reduce((a, b) => a + b, 0)}`);
    for (const n of bySupergroup) expect(n).toBeGreaterThan(2000);
  });
});
