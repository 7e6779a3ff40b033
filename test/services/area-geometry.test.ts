// getAreaGeometry: a level's polygons as flat arrays. Checked against the same
// table read as GeoJSON (readFeatures, the path getAreaLayer has always used),
// and the triangles against the polygons' own areas: triangles that cover a
// polygon exactly, no more and no less, sum to its shoelace area.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AreaGeometrySchema, geometryProblem, type AreaGeometry } from '../../shared/contract/area-geometry';
import { importBoundaries } from '../../electron/importers/index';
import { areaGeometry } from '../../electron/services/area-geometry';
import { areaLayer } from '../../electron/services/area-layer';
import { createProject, type Project } from '../../electron/store/project';
import { startBrowserServer } from '../../electron/server/browser-server';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { BINARY_FRAME_TYPE, decodeFrame } from '../../shared/contract/binary-frame';
import { buildRutland, type RutlandProject } from '../support/rutland-project';
import { apiClient } from '../support/api-client';

let rutland: RutlandProject;
let small: Project;
const dir = mkdtempSync(join(tmpdir(), 'cgm-area-geometry-'));

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const SMALL = {
  type: 'FeatureCollection',
  features: [
    // A 2 x 2 square with a 1 x 1 hole, and two islands of 1 x 1 and 0.5 x 0.5.
    { type: 'Feature', properties: { code: 'HOLE' }, geometry: { type: 'Polygon', coordinates: [square(0, 50, 2), square(0.5, 50.5, 1).reverse()] } },
    { type: 'Feature', properties: { code: 'ISLANDS' }, geometry: { type: 'MultiPolygon', coordinates: [[square(3, 50, 1)], [square(5, 50, 0.5)]] } },
  ],
};

beforeAll(async () => {
  rutland = await buildRutland({ oac: false, population: false, postcodes: false, sites: false });
  small = createProject(join(dir, 'small.gpkg'));
  await importBoundaries(small, { name: 'small.geojson', data: new TextEncoder().encode(JSON.stringify(SMALL)) }, { level: 'OA', codeField: 'code' });
}, 120_000);

afterAll(() => {
  rutland?.cleanup();
  small?.close();
  rmSync(dir, { recursive: true, force: true });
});

const RAD = Math.PI / 180;
const merc = (lon: number, lat: number) => [lon * RAD, Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2))];

/** Shoelace area of a ring in Web Mercator (unsigned). */
function ringArea(g: AreaGeometry, r: number): number {
  let sum = 0;
  for (let v = g.ringStarts[r]; v < g.ringStarts[r + 1] - 1; v++) {
    const [x0, y0] = merc(g.positions[2 * v], g.positions[2 * v + 1]);
    const [x1, y1] = merc(g.positions[2 * v + 2], g.positions[2 * v + 3]);
    sum += x0 * y1 - x1 * y0;
  }
  return Math.abs(sum / 2);
}

function trianglesArea(g: AreaGeometry): number {
  let sum = 0;
  for (let t = 0; t < g.triangles.length; t += 3) {
    const [a, b, c] = [0, 1, 2].map((k) => merc(g.positions[2 * g.triangles[t + k]], g.positions[2 * g.triangles[t + k] + 1]));
    sum += Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
  }
  return sum;
}

function polygonsArea(g: AreaGeometry): number {
  let sum = 0;
  for (let p = 0; p < g.polygonArea.length; p++) {
    sum += ringArea(g, g.polygonRings[p]);
    for (let r = g.polygonRings[p] + 1; r < g.polygonRings[p + 1]; r++) sum -= ringArea(g, r);
  }
  return sum;
}

/** The flat arrays of one area as GeoJSON coordinates: one entry per polygon, rings of [lon, lat]. */
function polygonsOf(g: AreaGeometry, area: number): Position[][][] {
  const out: Position[][][] = [];
  for (let p = 0; p < g.polygonArea.length; p++) {
    if (g.polygonArea[p] !== area) continue;
    const rings: Position[][] = [];
    for (let r = g.polygonRings[p]; r < g.polygonRings[p + 1]; r++) {
      const ring: Position[] = [];
      for (let v = g.ringStarts[r]; v < g.ringStarts[r + 1]; v++) ring.push([g.positions[2 * v], g.positions[2 * v + 1]]);
      rings.push(ring);
    }
    out.push(rings);
  }
  return out;
}

describe('area geometry as flat arrays', () => {
  it('holds Rutland’s OAs exactly as their GeoJSON, in getAreaLayer’s order, and passes the contract', () => {
    const g = areaGeometry(rutland.project.db, 'OA');
    const fc = areaLayer(rutland.project.db, 'OA');
    expect(g.codes).toEqual(fc.features.map((f) => f.properties?.code));
    expect(g.codes.length).toBeGreaterThan(100);
    fc.features.forEach((f, i) => {
      const geometry = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      expect(polygonsOf(g, i)).toEqual(polygons);
    });
    expect(geometryProblem(g)).toBeNull();
    expect(AreaGeometrySchema.safeParse(g).success).toBe(true);
    // Triangles cover the polygons exactly: their summed area is the polygons' (to rounding).
    expect(trianglesArea(g) / polygonsArea(g)).toBeCloseTo(1, 9);
  });

  it('keeps holes out of the fill and every part of a MultiPolygon, named by its area', () => {
    const g = areaGeometry(small.db, 'OA');
    expect(g.codes).toEqual(['HOLE', 'ISLANDS']);
    expect([...g.polygonArea]).toEqual([0, 1, 1]);
    expect([...g.polygonRings]).toEqual([0, 2, 3, 4]);
    expect(g.bbox).toEqual([0, 50, 5.5, 52]);
    // HOLE fills 3 of its 4 unit squares; triangles over the hole would make it 4.
    const holeTriangles = { ...g, triangles: g.triangles.filter((_, i, t) => t[i - (i % 3)] < g.polygonStarts[1]) };
    const holeOnly = ringArea(g, 0) - ringArea(g, 1);
    expect(trianglesArea(holeTriangles as AreaGeometry) / holeOnly).toBeCloseTo(1, 9);
    expect(ringArea(g, 1) / ringArea(g, 0)).toBeCloseTo(0.25, 2);
    expect(trianglesArea(g) / polygonsArea(g)).toBeCloseTo(1, 9);
  });

  it('answers a second ask from memory, and a re-imported level afresh', async () => {
    const first = areaGeometry(small.db, 'OA');
    expect(areaGeometry(small.db, 'OA')).toBe(first);
    const moved = { ...SMALL, features: [{ ...SMALL.features[0], properties: { code: 'ONLY' } }] };
    await importBoundaries(small, { name: 'again.geojson', data: new TextEncoder().encode(JSON.stringify(moved)) }, { level: 'OA', codeField: 'code' });
    expect(areaGeometry(small.db, 'OA').codes).toEqual(['ONLY']);
  });

  it('refuses arrays that disagree, naming what', () => {
    const g = areaGeometry(rutland.project.db, 'OA');
    expect(geometryProblem({ ...g, triangles: Uint32Array.of(0, 1, g.positions.length) })).toMatch(/triangle vertex/);
    expect(geometryProblem({ ...g, polygonArea: g.polygonArea.map((a) => a + g.codes.length) })).toMatch(/names area/);
    expect(geometryProblem({ ...g, polygonStarts: g.polygonStarts.subarray(1) })).toMatch(/polygonStarts/);
    expect(AreaGeometrySchema.safeParse({ ...g, positions: [1, 2] }).success).toBe(false);
  });

  it('crosses browser mode as one binary frame that decodes to the same arrays, a fraction of the GeoJSON’s size', async () => {
    const session = new ProjectSession(rutland.path);
    const server = await startBrowserServer({ handlers: createHandlers(session), staticDir: dir });
    try {
      const { post } = apiClient(() => server);
      const res = await post('getAreaGeometry', { level: 'OA' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(BINARY_FRAME_TYPE);
      const frame = await res.arrayBuffer();
      const decoded = AreaGeometrySchema.parse(decodeFrame(frame));
      const direct = areaGeometry(rutland.project.db, 'OA');
      expect(decoded.codes).toEqual(direct.codes);
      expect([...decoded.positions]).toEqual([...direct.positions]);
      expect([...decoded.triangles]).toEqual([...direct.triangles]);
      const geojson = await (await post('getAreaLayer', { level: 'OA' })).text();
      // 16 bytes a vertex plus triangles, against ~36 characters a vertex as JSON text.
      expect(frame.byteLength).toBeLessThan(geojson.length * 0.75);
      // Without geometry, the figures' JSON carries no coordinates at all.
      const bare = await (await post('getAreaLayer', { level: 'OA', geometry: false })).json();
      expect(bare.features.every((f: { geometry: unknown }) => f.geometry === null)).toBe(true);
      expect(bare.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(direct.codes);
    } finally {
      await server.close();
      session.close();
    }
  });
});
