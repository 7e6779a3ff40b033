// earcutFlat must give the very triangles of the earcut the map used before it
// (@math.gl/polygon's), index for index: the stored map arrays and the page's
// coarse triangles are compared byte for byte elsewhere. The reference here is
// the package itself, on thousands of seeded random polygons built to reach
// every branch (simple and self-intersecting rings, holes inside, outside,
// touching and of one or two vertices, repeated and collinear vertices on a
// coarse grid, rings past 80 vertices for the z-order hash) and on Rutland's
// real OAs and LSOAs as the triangulation sees them (Web Mercator). The bench
// generator's national cells are held to it through the import in
// test/store/level-geometry.test.ts.
import { readFileSync } from 'node:fs';
import { earcut } from '@math.gl/polygon';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { mercatorY, RAD } from '../../shared/cartography/area-triangles';
import { earcutFlat } from '../../shared/cartography/earcut-flat';
import { RUTLAND } from '../importers/helpers';

/** mulberry32: a seeded generator, so a failure names a reproducible case. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ring = number[]; // x, y pairs

/** A ring of n vertices round (cx, cy): star-shaped (simple) or in random order (self-intersecting). */
function ring(rand: () => number, n: number, cx: number, cy: number, r: number, simple: boolean, grid: number): Ring {
  const angles = Array.from({ length: n }, () => rand() * 2 * Math.PI);
  if (simple) angles.sort((a, b) => a - b);
  const out: Ring = [];
  for (const a of angles) {
    const k = r * (0.3 + 0.7 * rand());
    let x = cx + k * Math.cos(a);
    let y = cy + k * Math.sin(a);
    if (grid) [x, y] = [Math.round(x / grid) * grid, Math.round(y / grid) * grid]; // repeats and collinear runs
    out.push(x, y);
    if (rand() < 0.05) out.push(x, y); // a repeated vertex
  }
  if (rand() < 0.5) out.push(out[0], out[1]); // closed, as stored rings are
  if (rand() < 0.5) {
    const flipped: Ring = []; // the other winding
    for (let i = out.length - 2; i >= 0; i -= 2) flipped.push(out[i], out[i + 1]);
    return flipped;
  }
  return out;
}

function randomPolygon(seed: number): { coords: number[]; holes: number[] } {
  const rand = seeded(seed);
  const big = rand() < 0.3;
  const n = big ? 81 + Math.floor(rand() * 300) : 3 + Math.floor(rand() * 30);
  const grid = rand() < 0.3 ? [1, 2, 5][Math.floor(rand() * 3)] : 0;
  const simple = rand() < 0.7;
  const coords = ring(rand, n, 0, 0, 100, simple, grid);
  const holes: number[] = [];
  const holeCount = rand() < 0.5 ? Math.floor(rand() * 5) : 0;
  for (let h = 0; h < holeCount; h++) {
    holes.push(coords.length / 2);
    const size = rand() < 0.1 ? 1 + Math.floor(rand() * 2) : 3 + Math.floor(rand() * (big ? 60 : 12));
    // Mostly well inside; sometimes out to, across or beyond the outer ring.
    const reach = rand() < 0.8 ? 40 : 120;
    const [cx, cy] = [(rand() - 0.5) * reach, (rand() - 0.5) * reach];
    coords.push(...ring(rand, size, cx, cy, 5 + rand() * 20, rand() < 0.8, grid));
  }
  return { coords, holes };
}

/** earcut's triangles, and whether earcutFlat gives the same. */
function compare(coords: number[], holes: number[]): { expected: number[]; same: boolean } {
  const expected = earcut(coords, holes.length ? holes : undefined, 2);
  const actual = earcutFlat(Float64Array.from(coords), coords.length / 2, holes, holes.length);
  return { expected, same: actual.length === expected.length && expected.every((v, i) => actual[i] === v) };
}

function expectSameTriangles(label: string, coords: number[], holes: number[]): void {
  const expected = earcut(coords, holes.length ? holes : undefined, 2);
  const actual = earcutFlat(Float64Array.from(coords), coords.length / 2, holes, holes.length);
  expect(Array.from(actual), label).toEqual(expected);
}

/** Each polygon of a GeoJSON file as triangulate sees it: Web Mercator, outer ring then holes. */
function geojsonPolygons(path: string): { coords: number[]; holes: number[] }[] {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  const out: { coords: number[]; holes: number[] }[] = [];
  for (const { geometry } of fc.features) {
    const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
    for (const rings of polygons) {
      const coords: number[] = [];
      const holes: number[] = [];
      rings.forEach((r, i) => {
        if (i > 0) holes.push(coords.length / 2);
        for (const [lon, lat] of r) coords.push(lon * RAD, mercatorY(lat));
      });
      out.push({ coords, holes });
    }
  }
  return out;
}

describe('earcutFlat gives earcut\'s triangles', () => {
  it('on 6,000 seeded random polygons (simple and not, holes, repeats, collinear runs, z-order sizes)', () => {
    let withHoles = 0;
    let hashed = 0;
    let fallbacks = 0;
    const differing: number[] = [];
    for (let seed = 1; seed <= 6000; seed++) {
      const { coords, holes } = randomPolygon(seed);
      if (holes.length) withHoles++;
      if (coords.length > 160) hashed++;
      const { expected, same } = compare(coords, holes);
      // A triangle count short of n - 2 + 2 * holes means earcut left its main loop: the fallback passes ran.
      if (expected.length / 3 !== coords.length / 2 - 2 + 2 * holes.length) fallbacks++;
      if (!same) differing.push(seed);
    }
    expect(differing, 'seeds whose triangles differ').toEqual([]);
    // The cases reach the branches they are for.
    expect(withHoles).toBeGreaterThan(1000);
    expect(hashed).toBeGreaterThan(1000);
    expect(fallbacks).toBeGreaterThan(1000);
  });

  it('on one-vertex, two-vertex and empty outer rings, and a hole of one vertex', () => {
    expectSameTriangles('empty', [], []);
    expectSameTriangles('one vertex', [1, 2], []);
    expectSameTriangles('two vertices', [1, 2, 3, 4], []);
    expectSameTriangles('a hole of one vertex', [0, 0, 10, 0, 10, 10, 0, 10, 5, 5], [4]);
  });

  it("on Rutland's real OAs and LSOAs, in Web Mercator", () => {
    const polygons = [...geojsonPolygons(RUTLAND + 'oa11_boundaries.geojson'), ...geojsonPolygons(RUTLAND + 'lsoa11_boundaries.geojson')];
    expect(polygons.length).toBeGreaterThanOrEqual(116 + 23);
    polygons.forEach(({ coords, holes }, i) => expectSameTriangles(`Rutland polygon ${i}`, coords, holes));
  });

  it('reuses its buffers: a big polygon then a small one give what each gives alone', () => {
    const big = randomPolygon(7);
    const small = randomPolygon(8);
    earcutFlat(Float64Array.from(big.coords), big.coords.length / 2, big.holes, big.holes.length);
    expectSameTriangles('small after big', small.coords, small.holes);
  });
});
