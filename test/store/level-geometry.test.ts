// The map's arrays an import stores (cgm_area_geometry_cache) are gathered from
// the polygons it encodes, not read back from the blobs it wrote: they must be
// the very bytes the read-back path (readFlatPolygons + triangulate) gives for
// the same table, on real OAs (Rutland, GeoJSON and a BNG shapefile made by
// ogr2ogr) and on a synthetic level with holes, several parts, an open ring, a
// repeated vertex, a ring split by the repair and rings long enough for
// earcut's z-order path. The triangles are also checked against earcut called
// one polygon at a time, as the triangulation was written before it kept one
// output array.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { earcut } from '@math.gl/polygon';
import type { Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShapefile } from '../../bench/england/shapefile';
import { importBoundaries } from '../../electron/importers/index';
import { buildLevelGeometry, levelFingerprint, readCachedGeometry, type CachedGeometry } from '../../electron/store/area-geometry-cache';
import type { Project } from '../../electron/store/project';
import { mercatorY, RAD, triangulate } from '../../shared/cartography/area-triangles';
import { RUTLAND, newProject, tempDir } from '../importers/helpers';
import { requireTool } from '../support/requirements';

const PARTS = ['positions', 'polygonStarts', 'polygonArea', 'ringStarts', 'polygonRings', 'triangles'] as const;
const bytes = (a: Float64Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The arrays the import stored for `level`, and the ones read back from its table's blobs. */
function storedAndReadBack(p: Project, level: string): { stored: CachedGeometry; readBack: CachedGeometry } {
  const table = p.db.prepare('SELECT table_name FROM cgm_geographies WHERE level = ?').pluck().get(level) as string;
  const stored = readCachedGeometry(p.db, level, levelFingerprint(p.db, table));
  expect(stored, `${level}: arrays stored by the import`).not.toBeNull();
  return { stored: stored!, readBack: buildLevelGeometry(p.db, table) };
}

function expectSameBytes(level: string, stored: CachedGeometry, readBack: CachedGeometry): void {
  for (const part of PARTS) {
    expect(stored[part].constructor, `${level} ${part}`).toBe(readBack[part].constructor);
    expect(stored[part].length, `${level} ${part} length`).toBe(readBack[part].length);
    expect(bytes(stored[part]).equals(bytes(readBack[part])), `${level} ${part} bytes`).toBe(true);
  }
}

/** earcut on each polygon's Mercator coordinates, offset by its first vertex: the triangulation's definition. */
function earcutEachPolygon(g: CachedGeometry): Uint32Array {
  const out: number[] = [];
  for (let p = 0; p + 1 < g.polygonStarts.length; p++) {
    const v0 = g.polygonStarts[p];
    const coords: number[] = [];
    for (let v = v0; v < g.polygonStarts[p + 1]; v++) coords.push(g.positions[2 * v] * RAD, mercatorY(g.positions[2 * v + 1]));
    const holes: number[] = [];
    for (let r = g.polygonRings[p] + 1; r < g.polygonRings[p + 1]; r++) holes.push(g.ringStarts[r] - v0);
    for (const i of earcut(coords, holes.length ? holes : undefined, 2)) out.push(i + v0);
  }
  return Uint32Array.from(out);
}

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
/** A closed ring of n vertices round (x, y), wobbly so earcut has ears to choose between. */
const circle = (x: number, y: number, r: number, n: number): Position[] => {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = r * (1 + 0.3 * Math.sin(5 * a));
    ring.push([x + k * Math.cos(a), y + k * Math.sin(a)]);
  }
  return [...ring, ring[0]];
};

function syntheticLevel(): { name: string; data: Uint8Array } {
  const polygon = (coordinates: Position[][]) => ({ type: 'Polygon', coordinates });
  const geometries = [
    polygon([square(-1.0, 52.0, 0.01)]),
    // A hole.
    polygon([square(-0.98, 52.0, 0.01), square(-0.977, 52.003, 0.004)]),
    // Two parts, the second with two holes.
    { type: 'MultiPolygon', coordinates: [[square(-0.96, 52.0, 0.005)], [square(-0.95, 52.0, 0.01), square(-0.949, 52.001, 0.002), square(-0.945, 52.005, 0.002)]] },
    // An open ring (closed by the import) and a repeated vertex (dropped by it).
    polygon([[[-0.93, 52.0], [-0.92, 52.0], [-0.92, 52.0], [-0.92, 52.01], [-0.93, 52.01]]]),
    // A bow tie: split into two parts by the repair.
    polygon([[[-0.91, 52.0], [-0.9, 52.01], [-0.9, 52.0], [-0.91, 52.01], [-0.91, 52.0]]]),
    // Over 80 vertices (earcut's z-order hashing), with a long hole.
    polygon([circle(-0.8, 52.1, 0.02, 300), circle(-0.8, 52.1, 0.005, 120)]),
    polygon([circle(-0.7, 52.1, 0.02, 81)]),
  ];
  const features = geometries.map((geometry, i) => ({ type: 'Feature', properties: { code: `S${i}` }, geometry }));
  return { name: 'synthetic.geojson', data: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })) };
}

describe('the map arrays an import stores are those its table reads back as', () => {
  const tmp = tempDir('cgm-level-geometry-');
  let p: Project;
  beforeAll(() => {
    p = newProject(tmp.dir);
  });
  afterAll(() => {
    p.close();
    tmp.cleanup();
  });

  it("Rutland's real OAs (GeoJSON)", async () => {
    const s = await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    expect(s.imported).toBe(116);
    const { stored, readBack } = storedAndReadBack(p, 'OA');
    expectSameBytes('OA', stored, readBack);
    expect(stored.polygonArea.length).toBeGreaterThanOrEqual(116);
    expect(bytes(stored.triangles).equals(bytes(earcutEachPolygon(stored)))).toBe(true);
  });

  it("Rutland's OAs as a British National Grid shapefile (reprojected by the import)", async () => {
    const ogr2ogr = requireTool('ogr2ogr', 'apt-get install gdal-bin');
    if (!ogr2ogr) return;
    const shp = join(tmp.dir, 'oa_bng.shp');
    execFileSync(ogr2ogr, ['-t_srs', 'EPSG:27700', '-f', 'ESRI Shapefile', shp, RUTLAND + 'oa11_boundaries.geojson']);
    const s = await importBoundaries(p, shp, { level: 'OA bng', codeField: 'OA11CD' });
    expect(s.details).toMatchObject({ crs: 'EPSG:27700', format: 'Shapefile' });
    const { stored, readBack } = storedAndReadBack(p, 'OA bng');
    expectSameBytes('OA bng', stored, readBack);
  });

  it('a synthetic level: holes, parts, an open ring, a repeated vertex, a repaired bow tie, long rings', async () => {
    const s = await importBoundaries(p, syntheticLevel(), { level: 'synthetic', codeField: 'code' });
    expect(s.warnings.join(' ')).toMatch(/repaired: .*split a self-intersecting ring/);
    const { stored, readBack } = storedAndReadBack(p, 'synthetic');
    expectSameBytes('synthetic', stored, readBack);
    // 7 areas; the multipolygon has 2 parts and the bow tie became 2: 9 polygons; rings 1 + 2 + (1 + 3) + 1 + 2 + 2 + 1 = 13.
    expect([...stored.polygonArea]).toEqual([0, 1, 2, 2, 3, 4, 4, 5, 6]);
    expect(stored.ringStarts.length - 1).toBe(13);
    expect(bytes(stored.triangles).equals(bytes(earcutEachPolygon(stored)))).toBe(true);
  });

  it('a synthetic national-style shapefile (bench/england): 2,000 BNG squares of 40 vertices', async () => {
    const base = join(tmp.dir, 'oa_england');
    writeShapefile(base, 2000, 40);
    const s = await importBoundaries(p, `${base}.shp`, { level: 'OA england', codeField: 'OA21CD', nameField: 'OA21NM' });
    expect(s.imported).toBe(2000);
    const { stored, readBack } = storedAndReadBack(p, 'OA england');
    expectSameBytes('OA england', stored, readBack);
    expect(bytes(stored.triangles).equals(bytes(earcutEachPolygon(stored)))).toBe(true);
  });
});

describe('triangulate into spare memory', () => {
  // Two squares, the second with a square hole: 5 + 5 + 5 closed-ring vertices.
  const ring = (x: number, y: number, s: number) => [x, y, x + s, y, x + s, y + s, x, y + s, x, y];
  const flat = {
    positions: Float64Array.from([...ring(0, 50, 1), ...ring(2, 50, 1), 2.25, 50.25, 2.25, 50.75, 2.75, 50.75, 2.75, 50.25, 2.25, 50.25]),
    polygonStarts: Uint32Array.from([0, 5, 15]),
    ringStarts: Uint32Array.from([0, 5, 10, 15]),
    polygonRings: Uint32Array.from([0, 1, 3]),
  };

  it('gathers the same triangles in memory the caller is done with, when it is large enough', () => {
    const own = triangulate(flat);
    const spare = new ArrayBuffer(4 * 3 * 15);
    new Uint32Array(spare).fill(0xdeadbeef);
    const inSpare = triangulate(flat, true, spare);
    expect(inSpare.buffer).toBe(spare);
    expect(Array.from(inSpare)).toEqual(Array.from(own));
    // Room for fewer than 3 per vertex: a fresh array, the spare untouched.
    const small = new ArrayBuffer(4 * 3 * 15 - 4);
    const fresh = triangulate(flat, true, small);
    expect(fresh.buffer).not.toBe(small);
    expect(Array.from(fresh)).toEqual(Array.from(own));
    expect(new Uint32Array(small).every((v) => v === 0)).toBe(true);
  });
});
