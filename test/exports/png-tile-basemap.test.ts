// A project's offline tile base map in PNG prints: drawn under the project's
// layers as on screen, credited in the footer, at the archive's own tile size
// (512-px tiles one zoom level coarser than 256-px ones), and a tile file that
// has gone missing falls back to the project's own base map without failing.
// Each tile file colours every zoom level differently, so the colour seen in
// the print says which zoom maplibre asked for, and so at what scale it drew.
// Each print launches headless Chromium (SwiftShader) on a busy 2-core machine.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import { PNG } from 'pngjs';
import { medianAround } from '../e2e/pixels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject } from '../../data/demo/build-demo-project';
import { printMap, type PrintResult } from '../../electron/exports/png-export';
import { serviceSites } from '../../electron/analysis/inputs';
import { areaLayer } from '../../electron/services/area-layer';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { TileType } from 'pmtiles';
import { BASEMAP, OKABE_ITO } from '../../renderer/src/layers/palettes';
import { fromUnit, projectPoint, toUnit } from '../../renderer/src/print/mercator';
import { solidPng, tilesCovering, writeMbtiles, writePmtiles, type FixtureTile, type Rgb } from '../tiles/fixtures';
import { handlerCall } from '../support/handler-call';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = resolve(ROOT, 'test-output', 'png');
const RENDER_TIMEOUT = Number(process.env.CGM_PNG_TEST_TIMEOUT ?? 600_000);
const PRINT_TIMEOUT = Math.round(RENDER_TIMEOUT * 0.8);

/** Zoom levels in the tile files, and each level's colour: none near the project's pale base map. */
const ZOOMS = [10, 11, 12, 13, 14, 15];
const ZOOM_COLOURS: Rgb[] = [
  [230, 0, 230],
  [0, 200, 210],
  [240, 200, 0],
  [220, 40, 30],
  [40, 170, 40],
  [40, 60, 220],
];
const ATTRIBUTION = '<a href="https://example.org/tiles">© Kestrelford Test Tiles</a> &amp; friends';
const CREDIT = '© Kestrelford Test Tiles & friends';

let dir: string;
let session: ProjectSession;
let town: [number, number, number, number];

const call = handlerCall(() => createHandlers(session));

/** Every tile of every test zoom over the town and well beyond it (the map box is wider than the town). */
function zoomTiles(size: number): FixtureTile[] {
  const [w, s, e, n] = town;
  const [dx, dy] = [e - w, n - s];
  const colours = ZOOM_COLOURS.map((c) => solidPng(c, size));
  return tilesCovering([w - dx, s - dy, e + dx, n + dy], ZOOMS).map((t) => ({ ...t, data: colours[ZOOMS.indexOf(t.z)] }));
}

const metadata = (name: string) => ({ name, format: 'png', minzoom: String(ZOOMS[0]), maxzoom: String(ZOOMS.at(-1)), bounds: '-180,-85,180,85', attribution: ATTRIBUTION });


const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/** Median colours on a grid over the map box, at places well outside the town, where only the base map shows. */
function outsideTown(printed: PrintResult): number[][] {
  const png = PNG.sync.read(printed.png);
  const { mapBox, camera, scale } = printed.report;
  const size = 512 * 2 ** camera.zoom;
  const [cx, cy] = toUnit(...camera.center);
  const [w, s, e, n] = town;
  const [mx, my] = [(e - w) * 0.15, (n - s) * 0.15];
  const seen: number[][] = [];
  for (let y = mapBox.y + 8; y < mapBox.y + mapBox.height - 8; y += 24) {
    for (let x = mapBox.x + 8; x < mapBox.x + mapBox.width - 8; x += 24) {
      const [lon, lat] = fromUnit(cx + ((x - mapBox.x) / scale - mapBox.width / scale / 2) / size, cy + ((y - mapBox.y) / scale - mapBox.height / scale / 2) / size);
      if (lon > w - mx && lon < e + mx && lat > s - my && lat < n + my) continue;
      seen.push(medianAround(png, x, y));
    }
  }
  return seen;
}

/** The zoom level whose colour most of the samples show, and how many show it. */
function zoomShown(samples: number[][]): { zoom: number | null; share: number } {
  const counts = ZOOMS.map((_, i) => samples.filter((c) => distance(c, ZOOM_COLOURS[i]) <= 8).length);
  const best = counts.indexOf(Math.max(...counts));
  return { zoom: counts[best] ? ZOOMS[best] : null, share: counts[best] / samples.length };
}

/** The zooms maplibre may ask a raster source for at this camera: it rounds zoom + log2(512 / tileSize). */
const plausibleZooms = (zoom: number, tileSize: number) => {
  const z = zoom + Math.log2(512 / tileSize);
  return [Math.floor(z), Math.ceil(z)];
};

beforeAll(async () => {
  // The print page is part of the built renderer; `npm test` builds it first, a lone run may not have.
  if (!existsSync(resolve(ROOT, 'dist', 'renderer', 'print.html'))) {
    const built = spawnSync(process.execPath, [resolve(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    expect(built.status).toBe(0);
  }
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'cgm-png-tiles-'));
  await buildDemoProject(join(dir, 'demo.gpkg'));
  session = new ProjectSession(join(dir, 'demo.gpkg'));
  town = turf.bbox(areaLayer(session.project.db, 'OA')) as [number, number, number, number];
}, 300_000);

afterAll(() => {
  session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('PNG prints over a tile base map', () => {
  let with256: PrintResult;

  it('draws a raster MBTiles file under the layers, at its zoom for 256-px tiles, and credits it', async () => {
    const file = join(dir, 'zooms-256.mbtiles');
    writeMbtiles(file, zoomTiles(256), metadata('Zoom colours 256'));
    expect(await call('setBasemapTiles', { path: file })).toMatchObject({ tileSize: 256, attribution: ATTRIBUTION });
    with256 = await printMap(session.project, { layer: 'sites', size: 'screen', timeoutMs: PRINT_TIMEOUT });
    writeFileSync(join(OUT, 'demo-sites-tile-basemap-screen.png'), with256.png);
    const { report } = with256;
    expect(report.basemap).toEqual({ tileFile: file, problem: null });

    const samples = outsideTown(with256);
    expect(samples.length).toBeGreaterThan(100);
    const shown = zoomShown(samples);
    // The north arrow and scale bar sit on the map; nearly everything else outside the town is tile.
    expect(shown.share).toBeGreaterThan(0.9);
    expect(plausibleZooms(report.camera.zoom, 256)).toContain(shown.zoom);

    // The project's layers still draw over the tiles: every site in its legend colour where the projection puts it.
    const png = PNG.sync.read(with256.png);
    const sites = serviceSites(session.project.db, undefined, true);
    const types = [...new Set(sites.map((x) => x.type ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    const { mapBox, camera, scale } = report;
    for (const site of sites) {
      const [x, y] = projectPoint(camera, mapBox.width / scale, mapBox.height / scale, site.lon, site.lat);
      const want = rgb(OKABE_ITO[types.indexOf(site.type ?? '') % OKABE_ITO.length]);
      expect(distance(medianAround(png, mapBox.x + x * scale, mapBox.y + y * scale, 1), want), site.name).toBeLessThanOrEqual(6);
    }

    expect(report.text.attributions).toContain(CREDIT);
    expect(report.text.attributions[0]).toMatch(/synthetic/);
    expect(report.text.footer).toContain(CREDIT);
    // The demo's own credit ends with a full stop; the next one follows without a second.
    expect(report.text.footer).not.toContain('..');
  }, RENDER_TIMEOUT);

  it('draws 512-px raster tiles (PMTiles) one zoom coarser, so they print at their own scale', async () => {
    const file = join(dir, 'zooms-512.pmtiles');
    writePmtiles(file, zoomTiles(512), { tileType: TileType.Png, metadata: { name: 'Zoom colours 512', attribution: ATTRIBUTION } });
    expect(await call('setBasemapTiles', { path: file })).toMatchObject({ kind: 'pmtiles', tileSize: 512 });
    const printed = await printMap(session.project, { layer: 'sites', size: 'screen', timeoutMs: PRINT_TIMEOUT });
    writeFileSync(join(OUT, 'demo-sites-tile-basemap-512-screen.png'), printed.png);
    expect(printed.report.camera).toEqual(with256.report.camera);
    const shown = zoomShown(outsideTown(printed));
    expect(shown.share).toBeGreaterThan(0.9);
    expect(plausibleZooms(printed.report.camera.zoom, 512)).toContain(shown.zoom);
    expect(shown.zoom).toBe(zoomShown(outsideTown(with256)).zoom! - 1);
  }, RENDER_TIMEOUT);

  it('prints the project’s own base map, and says why, when the tile file has gone', async () => {
    const file = join(dir, 'gone.mbtiles');
    copyFileSync(join(dir, 'zooms-256.mbtiles'), file);
    await call('setBasemapTiles', { path: file });
    rmSync(file);
    const printed = await printMap(session.project, { layer: 'sites', size: 'screen', timeoutMs: PRINT_TIMEOUT });
    writeFileSync(join(OUT, 'demo-sites-tile-basemap-gone-screen.png'), printed.png);
    expect(printed.report.basemap.tileFile).toBeNull();
    expect(printed.report.basemap.problem).toMatch(/gone\.mbtiles is missing/);
    expect(printed.report.text.attributions).not.toContain(CREDIT);
    const samples = outsideTown(printed);
    expect(zoomShown(samples).zoom).toBeNull();
    const background = rgb(BASEMAP.background);
    expect(samples.filter((c) => distance(c, background) <= 6).length / samples.length).toBeGreaterThan(0.9);
  }, RENDER_TIMEOUT);
});
