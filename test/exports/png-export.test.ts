// PNG maps of the demo through the CLI and the contract: exact pixel sizes,
// a legend that is drawn, segment colours where the map's projection says an
// area is, a poster drawn in tiles with no blank tile and no visible seam, and
// the sources and disclosure note composed on the page. Each render launches
// headless Chromium (SwiftShader), so timeouts allow for a loaded 2-core machine.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, Polygon, MultiPolygon } from 'geojson';
import { PNG } from 'pngjs';
import { medianAround, pixel } from '../e2e/pixels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../electron/app/renderer-build';
import { printMap } from '../../electron/exports/png-export';
import type { PrintReport } from '../../electron/exports/png/print-job';
import { parsePrintSize, printScale } from '../../electron/exports/png/print-size';
import { areaLayer } from '../../electron/services/area-layer';
import { createHandlers } from '../../electron/services/handlers';
import { dispatch } from '../../electron/services/dispatch';
import { ProjectSession } from '../../electron/services/project-session';
import { schemeSegments, serviceSites } from '../../electron/analysis/inputs';
import { OKABE_ITO } from '../../renderer/src/layers/palettes';
import { openProject } from '../../electron/store/project';
import { projectPoint } from '../../renderer/src/print/mercator';
import { cgm } from './demo-exports';
import { quietContext } from '../support/handler-call';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = resolve(ROOT, 'test-output', 'png');
const RENDER_TIMEOUT = Number(process.env.CGM_PNG_TEST_TIMEOUT ?? 600_000);
// The page's own limit is shorter, so a stuck print fails with the step it stopped at.
const PRINT_TIMEOUT = Math.round(RENDER_TIMEOUT * 0.8);
const ctx = quietContext();

let dir: string;
let project: string;

/** What `cgm export png` prints: the print page's own report. */
type CliReport = Pick<PrintReport, 'width' | 'height' | 'mapBox' | 'camera' | 'legendBox' | 'tiles' | 'text' | 'layers'>;

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const blend = (c: number[], alpha: number, under: number[]) => c.map((v, i) => alpha * v + (1 - alpha) * under[i]);
const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));


function luminanceVariance(png: PNG, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let y = box.y; y < box.y + box.height; y += 3) {
    for (let x = box.x; x < box.x + box.width; x += 3) {
      const [r, g, b] = pixel(png, x, y);
      const l = 0.299 * r + 0.587 * g + 0.114 * b;
      n++;
      sum += l;
      sum2 += l * l;
    }
  }
  return sum2 / n - (sum / n) ** 2;
}

/** A small copy to look at: every `factor`-th pixel. */
function preview(png: PNG, factor: number): Buffer {
  const out = new PNG({ width: Math.floor(png.width / factor), height: Math.floor(png.height / factor) });
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) png.data.copy(out.data, (y * out.width + x) * 4, (y * factor * png.width + x * factor) * 4, (y * factor * png.width + x * factor) * 4 + 4);
  }
  return PNG.sync.write(out);
}

beforeAll(async () => {
  // The print page is part of the built renderer; `npm test` builds it first, a lone run may not have.
  // Built here (by the same locked build a first `cgm export png` runs), so the CLI's stderr below stays empty.
  await ensureRendererBuilt({ dir: resolve(ROOT, 'dist', 'renderer'), log: (m) => console.log(m) });
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'cgm-png-'));
  project = join(dir, 'demo.gpkg');
  expect((await cgm('demo', '--project', project, '--force')).code).toBe(0);
}, 300_000);

describe('print sizes', () => {
  it('knows screen, A4 and A3 at 300 dpi, custom sizes up to a poster, and scales in eighths', () => {
    expect(parsePrintSize('a4')).toMatchObject({ width: 3508, height: 2480 });
    expect(parsePrintSize('A3')).toMatchObject({ width: 4961, height: 3508 });
    expect(parsePrintSize('7000x5000')).toMatchObject({ name: 'custom', width: 7000, height: 5000 });
    expect(() => parsePrintSize('20000x20000')).toThrow(/largest poster/);
    expect(() => parsePrintSize('huge')).toThrow(/screen, a4, a3/);
    for (const size of ['screen', 'a4', 'a3', '7000x5000']) expect((printScale(parsePrintSize(size)) * 8) % 1).toBe(0);
  });
});

describe('cgm export png', () => {
  let png: PNG;
  let report: CliReport;

  beforeAll(async () => {
    const out = join(OUT, 'demo-segments-a4.png');
    const r = await cgm('export', 'png', '--project', project, '--layer', 'segments', '--size', 'a4', '--timeout', String(PRINT_TIMEOUT / 1000), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as CliReport;
    png = PNG.sync.read(readFileSync(out));
    writeFileSync(join(OUT, 'demo-segments-a4-preview.png'), preview(png, 3));
  }, RENDER_TIMEOUT);

  it('is exactly A4 landscape at 300 dpi', () => {
    expect([png.width, png.height]).toEqual([3508, 2480]);
    expect([report.width, report.height]).toEqual([3508, 2480]);
  });

  it('draws the legend (the app’s component), with every segment’s swatch', () => {
    const box = report.legendBox;
    expect(box.width).toBeGreaterThan(300);
    expect(luminanceVariance(png, box)).toBeGreaterThan(200);
    const db = openProject(project);
    const segments = schemeSegments(db.db, 'OAC 2011').filter((s) => s.level === 'supergroup' && s.colour);
    db.close();
    // Legend swatches are the fill colour at the layer's opacity (0.78) over the legend's white.
    for (const s of segments) {
      const want = blend(rgb(s.colour!), 0.78, [255, 255, 255]);
      let found = false;
      for (let y = box.y; y < box.y + box.height && !found; y += 2) for (let x = box.x; x < box.x + box.width / 3 && !found; x += 2) found = distance(pixel(png, x, y), want) <= 6;
      expect(found, `legend swatch for ${s.name}`).toBe(true);
    }
  });

  it('draws each service site where the map’s projection puts it, in its legend colour', () => {
    const db = openProject(project);
    const sites = serviceSites(db.db, undefined, true);
    db.close();
    const types = [...new Set(sites.map((s) => s.type ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    const scale = printScale(parsePrintSize('a4'));
    const { mapBox, camera } = report;
    for (const s of sites) {
      const [cx, cy] = projectPoint(camera, mapBox.width / scale, mapBox.height / scale, s.lon, s.lat);
      // The catalogue colours site types in sorted order with Okabe–Ito.
      const want = rgb(OKABE_ITO[types.indexOf(s.type ?? '') % OKABE_ITO.length]);
      expect(distance(medianAround(png, mapBox.x + cx * scale, mapBox.y + cy * scale, 1), want), s.name).toBeLessThanOrEqual(6);
    }
  });

  it('colours areas with their segment where the map’s projection puts them', () => {
    const db = openProject(project);
    const areas = areaLayer(db.db, 'OA', 'OAC 2011', 'supergroup').features as Feature<Polygon | MultiPolygon>[];
    const segments = schemeSegments(db.db, 'OAC 2011').filter((s) => s.level === 'supergroup' && s.colour);
    db.close();
    const background = rgb('#f3f2ef');
    // The fill's opacity is the layer's business; which segment colour it is, is the test's.
    const nearest = (seen: number[]) => {
      let best = { code: '', d: Infinity };
      for (const s of segments) {
        for (let a = 0.5; a <= 1.0001; a += 0.02) {
          const d = distance(seen, blend(rgb(s.colour!), a, background));
          if (d < best.d) best = { code: s.code, d };
        }
      }
      return best;
    };
    const scale = printScale(parsePrintSize('a4'));
    const { mapBox, camera } = report;
    const largest = [...areas].sort((a, b) => turf.area(b) - turf.area(a)).slice(0, 40);
    let checked = 0;
    let matched = 0;
    for (const f of largest) {
      const centre = turf.centroid(f).geometry.coordinates as [number, number];
      if (!turf.booleanPointInPolygon(centre, f)) continue;
      const [cx, cy] = projectPoint(camera, mapBox.width / scale, mapBox.height / scale, centre[0], centre[1]);
      const [x, y] = [mapBox.x + cx * scale, mapBox.y + cy * scale];
      if (x < mapBox.x + 10 || y < mapBox.y + 10 || x > mapBox.x + mapBox.width - 10 || y > mapBox.y + mapBox.height - 10) continue;
      checked++;
      const seen = nearest(medianAround(png, x, y));
      if (seen.code === String(f.properties?.segment) && seen.d <= 10) matched++;
    }
    expect(checked).toBeGreaterThan(20);
    // A road or label may sit on a centroid; nearly all must show their own segment's colour.
    expect(matched / checked).toBeGreaterThan(0.8);
  });

  it('composes the title, data date, sources of the layers shown and the disclosure note', () => {
    expect(report.text.title).toBe('Geodemographic segment');
    expect(report.text.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The demo declares its own sources (it is synthetic); that list is what a print carries.
    expect(report.text.attributions).toEqual([expect.stringContaining('synthetic')]);
    expect(report.text.footer).toContain(report.text.attributions[0]);
    expect(report.text.disclosure).toMatch(/Counts of 1–7/);
    expect(report.text.footer).toContain(report.text.disclosure);
    expect(report.layers).toEqual(expect.arrayContaining(['segments', 'roads', 'sites']));
  });

  it('draws an analysis layer for the analysis asked for: --mode drive gives driving isochrones', async () => {
    const out = join(OUT, 'demo-isochrones-drive-screen.png');
    const drive = await cgm('export', 'png', '--project', project, '--layer', 'isochrones', '--mode', 'drive', '--size', 'screen', '--timeout', String(PRINT_TIMEOUT / 1000), '--out', out);
    expect(drive.stderr).toBe('');
    expect((JSON.parse(drive.stdout) as CliReport).text.subtitle).toMatch(/Minutes driving/);
    const opened = openProject(project);
    const walk = await printMap(opened, { layer: 'isochrones', size: 'screen', timeoutMs: PRINT_TIMEOUT }).finally(() => opened.close());
    expect(walk.report.text.subtitle).toMatch(/Minutes walking/);
    const [a, b] = [PNG.sync.read(readFileSync(out)), PNG.sync.read(walk.png)];
    let differ = 0;
    for (let i = 0; i < a.data.length; i += 4) if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 30) differ++;
    expect(differ / (a.width * a.height)).toBeGreaterThan(0.02);
    const badMode = await cgm('export', 'png', '--project', project, '--layer', 'isochrones', '--mode', 'bike', '--out', join(dir, 'y.png'));
    expect(badMode.stderr).toMatch(/--mode must be walk or drive/);
  }, RENDER_TIMEOUT);

  it('refuses a missing view, both view and layer, and sizes past a poster, with one-line errors', async () => {
    const out = join(dir, 'x.png');
    const missing = await cgm('export', 'png', '--project', project, '--view', 'No such view', '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no saved view "No such view"/);
    const both = await cgm('export', 'png', '--project', project, '--view', 'a', '--layer', 'segments', '--out', out);
    expect(both.stderr).toMatch(/not both/);
    const huge = await cgm('export', 'png', '--project', project, '--layer', 'segments', '--size', '9000x9000', '--out', out);
    expect(huge.stderr).toMatch(/largest poster/);
    expect(existsSync(out)).toBe(false);
  }, RENDER_TIMEOUT);
});

describe('poster sizes in tiles', () => {
  it('draws 7000×5000 in tiles, none of them blank', async () => {
    const db = openProject(project);
    try {
      const printed = await printMap(db, { layer: 'segments', size: '7000x5000', timeoutMs: PRINT_TIMEOUT });
      writeFileSync(join(OUT, 'demo-segments-poster.png'), printed.png);
      const png = PNG.sync.read(printed.png);
      expect([png.width, png.height]).toEqual([7000, 5000]);
      writeFileSync(join(OUT, 'demo-segments-poster-preview.png'), preview(png, 6));
      const { tiles, mapBox } = printed.report;
      expect(tiles.length).toBeGreaterThan(1);
      for (const t of tiles) {
        expect(t.variance, `tile at ${t.x},${t.y}`).toBeGreaterThan(50);
        expect(luminanceVariance(png, { x: mapBox.x + t.x, y: mapBox.y + t.y, width: t.width, height: t.height })).toBeGreaterThan(50);
      }
    } finally {
      db.close();
    }
  }, RENDER_TIMEOUT);

  /** The same 1600×1000 map drawn in one canvas and in tiles of 300 px, and the share of map pixels that differ. */
  async function tiledAgainstWhole(differs: (a: PNG, b: PNG, x: number, y: number) => boolean): Promise<number> {
    const db = openProject(project);
    try {
      const whole = await printMap(db, { layer: 'segments', size: '1600x1000', tileEdge: 4096, timeoutMs: PRINT_TIMEOUT });
      const tiled = await printMap(db, { layer: 'segments', size: '1600x1000', tileEdge: 300, timeoutMs: PRINT_TIMEOUT });
      expect(whole.report.tiles).toHaveLength(1);
      expect(tiled.report.tiles.length).toBeGreaterThanOrEqual(12);
      const [a, b] = [PNG.sync.read(whole.png), PNG.sync.read(tiled.png)];
      writeFileSync(join(OUT, 'demo-segments-tiled-small.png'), tiled.png);
      const box = whole.report.mapBox;
      let different = 0;
      for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) if (differs(a, b, x, y)) different++;
      return different / (box.width * box.height);
    } finally {
      db.close();
    }
  }

  it('stitches tiles without seams in fills and lines: nothing in a tiled map is more than a pixel from the one-canvas map', async () => {
    // A tile drawn 2 px off gives about 0.009 here; text landing a pixel apart gives about 0.0006.
    const near = (p: number[], img: PNG, x: number, y: number) => {
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (distance(p, pixel(img, x + dx, y + dy)) <= 24) return true;
      return false;
    };
    expect(await tiledAgainstWhole((a, b, x, y) => !near(pixel(a, x, y), b, x, y) || !near(pixel(b, x, y), a, x, y))).toBeLessThan(0.002);
  }, RENDER_TIMEOUT);

  // Site labels are drawn once over the composed image (renderer/src/print/print-labels.ts): drawn by
  // each tile, one straddling a horizontal seam ("Brookside Retail Park Pharmacy" once the longer
  // disclosure note moved the map) came out up to a pixel apart in the two tiles.
  it('stitches tiles without visible seams: a tiled map matches the same map in one canvas, labels included', async () => {
    expect(await tiledAgainstWhole((a, b, x, y) => distance(pixel(a, x, y), pixel(b, x, y)) > 24)).toBeLessThan(0.0005);
  }, RENDER_TIMEOUT);
});

describe('exportPng contract method and saved views', () => {
  let session: ProjectSession;
  const call = (method: string, input: unknown) => dispatch(createHandlers(session), method, input, ctx) as Promise<Record<string, unknown>>;

  beforeAll(() => {
    const copy = join(dir, 'views.gpkg');
    copyFileSync(project, copy);
    session = new ProjectSession(copy);
  });
  afterAll(() => session?.close());

  it('prints a saved view of a disclosed analysis layer at screen size', async () => {
    const [w, s, e, n] = turf.bbox(areaLayer(session.project.db, 'OA'));
    const center = [(w + e) / 2, (s + n) / 2];
    await call('saveView', { name: 'Uptake', payload: { title: 'Uptake of the service', center, zoom: 13, visible: { segments: false, uptake: true } } });
    const printed = await printMap(session.project, { view: 'Uptake', size: 'screen', timeoutMs: PRINT_TIMEOUT });
    writeFileSync(join(OUT, 'demo-view-uptake-screen.png'), printed.png);
    expect(printed.report.layers).toContain('uptake');
    expect(printed.report.layers).not.toContain('segments');
    expect(printed.report.text.title).toBe('Uptake of the service');
    expect(printed.report.text.disclosure).toMatch(/Counts of 1–7/);
    const file = await call('exportPng', { view: 'Uptake', size: '800x600' });
    expect(file.mimeType).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(String(file.dataBase64), 'base64'));
    expect([png.width, png.height]).toEqual([800, 600]);
  }, RENDER_TIMEOUT);

  it('draws saved views embedded in the workbook into the report', async () => {
    await call('saveWorkbookSection', { section: 'gap-analysis', content: { fields: {}, embeds: [{ kind: 'view', name: 'Uptake' }, { kind: 'view', name: 'Gone' }] } });
    const file = await call('exportReport', { format: 'html' });
    const html = Buffer.from(String(file.dataBase64), 'base64').toString('utf8');
    const image = /<figure class="map"><img src="data:image\/png;base64,([^"]+)"/.exec(html);
    expect(image).not.toBeNull();
    const png = PNG.sync.read(Buffer.from(image![1], 'base64'));
    expect([png.width, png.height]).toEqual([2150, 1520]);
    // A view that no longer exists keeps its note and says why, rather than failing the report.
    expect(html).toMatch(/saved view “Gone” could not be drawn \(.*no saved view &quot;Gone&quot;/);
  }, RENDER_TIMEOUT);

  it('names only the licences of the layers shown', async () => {
    session.project.db.prepare("DELETE FROM cgm_meta WHERE key = 'attributions'").run();
    const withRoads = await call('getMapCredits', {
      sources: [{ method: 'getAreaLayer', input: { level: 'OA', scheme: 'OAC 2011' } }, { method: 'getLayerFeatures', input: { table: 'roads' } }],
    });
    const year = String(new Date().getFullYear());
    expect(withRoads.attributions).toEqual([
      `Contains National Statistics data © Crown copyright and database right ${year}`,
      `Contains OS data © Crown copyright and database right ${year}`,
      '© OpenStreetMap contributors (ODbL)',
    ]);
    const sitesOnly = await call('getMapCredits', { sources: [{ method: 'getSites', input: {} }] });
    expect(sitesOnly.attributions).toEqual([]);
    expect(sitesOnly.disclosureNote).toMatch(/Counts of 1–7/);
  });
});
