// The id image a national level is drawn from zoomed out (issue 18).
// Hand-built: an 8 x 8 image whose pixels are whole degrees of Web Mercator,
// so each polygon's pixels are counted by hand below (a pixel is an area's
// when its centre is inside: an odd number of edges to the right of it).
// Then, against the page's own point-in-polygon (area-index.ts, what the
// vector path picks with): every sampled pixel holds the area holding its
// centre, on synthetic national areas and on Rutland's real OAs (holes,
// islands), and each synthetic area's centre picks that area both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import { rasterAreaAt, rasteriseAreas, type RasterInput } from '../../shared/cartography/area-raster';
import { mercatorY, RAD } from '../../shared/cartography/area-triangles';
import { areaIndex } from '../../renderer/src/project/area-index';
import { syntheticAreas, syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { areaGeometry } from '../../electron/services/area-geometry';
import { buildRutland, type RutlandProject } from '../support/rutland-project';

const latOf = (y: number) => (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / RAD;
// Pixel (x, y), y counted down from the top of an 8-pixel-high image whose pixels are 1° of Mercator.
const NORTH = latOf(8 * RAD);
const at = (x: number, y: number) => [x, latOf((8 - y) * RAD)];

/** Polygons given as rings of pixel corners, each with the area it belongs to. */
function handBuilt(polygons: { area: number; rings: number[][][] }[]): RasterInput {
  const positions: number[] = [], polygonStarts = [0], ringStarts = [0], polygonRings = [0], polygonArea: number[] = [];
  for (const p of polygons) {
    for (const ring of p.rings) {
      for (const [x, y] of [...ring, ring[0]]) positions.push(...at(x, y));
      ringStarts.push(positions.length / 2);
    }
    polygonStarts.push(positions.length / 2);
    polygonRings.push(ringStarts.length - 1);
    polygonArea.push(p.area);
  }
  return {
    positions: Float64Array.from(positions), polygonStarts: Uint32Array.from(polygonStarts), ringStarts: Uint32Array.from(ringStarts),
    polygonRings: Uint32Array.from(polygonRings), polygonArea: Uint32Array.from(polygonArea), bbox: [0, 0, 8, NORTH],
  };
}

/** The image as rows of letters: a for area 0, b for area 1…, '.' for none. */
const picture = (ids: Uint32Array, width: number) =>
  Array.from({ length: ids.length / width }, (_, r) => Array.from(ids.subarray(r * width, (r + 1) * width), (id) => (id ? String.fromCharCode(96 + id) : '.')).join(''));

describe('rasteriseAreas on hand-built polygons', () => {
  // a: the triangle under the line x = 2y (row r: centres left of 2r + 1, columns 0..2r).
  // b: the triangle over it, sharing that edge, and a 2 x 2 island at (5, 5).
  // c: a 4 x 4 square at (0, 4) less its 2 x 2 hole at (1, 5).
  const shapes = handBuilt([
    { area: 0, rings: [[[0, 0], [8, 4], [0, 4]]] },
    { area: 1, rings: [[[0, 0], [8, 0], [8, 4]]] },
    { area: 2, rings: [[[0, 4], [4, 4], [4, 8], [0, 8]], [[1, 5], [3, 5], [3, 7], [1, 7]]] },
    { area: 1, rings: [[[5, 5], [7, 5], [7, 7], [5, 7]]] },
  ]);

  it('gives each pixel the area covering its centre, with holes empty', () => {
    const r = rasteriseAreas(shapes, 8);
    expect([r.width, r.height]).toEqual([8, 8]);
    expect(picture(r.ids, r.width)).toEqual([
      'abbbbbbb',
      'aaabbbbb',
      'aaaaabbb',
      'aaaaaaab',
      'cccc....',
      'c..c.bb.',
      'c..c.bb.',
      'cccc....',
    ]);
    expect(r.bounds[0]).toBeCloseTo(0, 12);
    expect(r.bounds[2]).toBeCloseTo(8, 12);
    expect(r.bounds[3]).toBe(NORTH);
    expect(mercatorY(r.bounds[1])).toBeCloseTo(0, 12);
  });

  it('reads back the area at a point, and none outside the image', () => {
    const r = rasteriseAreas(shapes, 8);
    expect(rasterAreaAt(r, ...(at(0.5, 0.5) as [number, number]))).toBe(0);
    expect(rasterAreaAt(r, ...(at(7.5, 0.5) as [number, number]))).toBe(1);
    expect(rasterAreaAt(r, ...(at(2, 6) as [number, number]))).toBe(-1); // in the hole
    expect(rasterAreaAt(r, ...(at(6, 6) as [number, number]))).toBe(1); // on b's island
    expect(rasterAreaAt(r, -0.1, 1)).toBe(-1);
    expect(rasterAreaAt(r, 4, NORTH + 0.01)).toBe(-1);
  });

  it('splits pixels whose centres lie on a shared edge between its two sides, whichever is drawn first', () => {
    // The square 0..8 cut along its diagonal, which runs through the centre of every pixel (i, i).
    const lower = { rings: [[[0, 0], [8, 8], [0, 8]]] }, upper = { rings: [[[0, 0], [8, 0], [8, 8]]] };
    const one = rasteriseAreas(handBuilt([{ area: 0, ...lower }, { area: 1, ...upper }]), 8);
    const other = rasteriseAreas(handBuilt([{ area: 1, ...upper }, { area: 0, ...lower }]), 8);
    expect(Array.from(one.ids)).toEqual(Array.from(other.ids)); // no pixel in both (the later would win it)
    expect(one.ids.includes(0)).toBe(false); // and none in neither
    // Off the diagonal each pixel is its side's.
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) if (x !== y) expect(one.ids[y * 8 + x], `${x},${y}`).toBe(x < y ? 1 : 2);
  });

  it('lets a later polygon win where two overlap, as the fills draw them', () => {
    const square = [[[0, 0], [8, 0], [8, 8], [0, 8]]];
    const r = rasteriseAreas(handBuilt([{ area: 0, rings: square }, { area: 1, rings: [[[2, 2], [6, 2], [6, 6], [2, 6]]] }]), 8);
    expect(picture(r.ids, 8)[3]).toBe('aabbbbaa');
  });
});

/** syntheticAreas(count) as getAreaGeometry's arrays: one polygon, one ring, an area. */
function syntheticGeometry(count: number): AreaGeometry {
  const fc = syntheticAreas(count);
  const positions: number[] = [], starts = [0];
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features) {
    for (const [x, y] of (f.geometry as { coordinates: number[][][] }).coordinates[0]) {
      positions.push(x, y);
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    }
    starts.push(positions.length / 2);
  }
  return {
    level: 'OA', codes: fc.features.map((f) => String(f.properties!.code)), positions: Float64Array.from(positions),
    polygonStarts: Uint32Array.from(starts), ringStarts: Uint32Array.from(starts), polygonRings: Uint32Array.from(starts.keys()),
    polygonArea: Uint32Array.from(fc.features.keys()), triangles: new Uint32Array(0), bbox: [w, s, e, n],
  };
}

/** Every `step`-th pixel's id against areaIndex.areaAt at that pixel's centre; returns how many hold an area. */
function expectPixelsAgree(g: AreaGeometry, longSide: number, step: number): number {
  const r = rasteriseAreas(g, longSide);
  const index = areaIndex(g);
  const [left, bottom, right, top] = r.mercator;
  let inside = 0;
  for (let p = 0; p < r.ids.length; p += step) {
    const [col, row] = [p % r.width, Math.floor(p / r.width)];
    const lon = (left + ((col + 0.5) * (right - left)) / r.width) / RAD;
    const lat = latOf(top - ((row + 0.5) * (top - bottom)) / r.height);
    expect(r.ids[p] - 1, `pixel ${col},${row}`).toBe(index.areaAt(lon, lat));
    if (r.ids[p]) inside++;
  }
  return inside;
}

describe('the id image picks the areas the polygons do', () => {
  const COUNT = 25_000;
  const g = syntheticGeometry(COUNT);

  it('at every synthetic area centre, both ways', () => {
    const r = rasteriseAreas(g);
    const index = areaIndex(g);
    for (let i = 0; i < COUNT; i++) {
      const [lon, lat] = syntheticCentre(i, COUNT);
      expect(rasterAreaAt(r, lon, lat), `area ${i}`).toBe(i);
      expect(index.areaAt(lon, lat)).toBe(i);
    }
  });

  it('at the centre of sampled pixels of synthetic areas', () => {
    // A prime step samples every column and row; about two thirds of the grid is inside an area.
    expect(expectPixelsAgree(g, 2048, 97)).toBeGreaterThan(10_000);
  });

  describe("on Rutland's real OAs", () => {
    let rutland: RutlandProject;
    beforeAll(async () => {
      rutland = await buildRutland({ oac: false, population: false, postcodes: false, sites: false });
    }, 120_000);
    afterAll(() => rutland?.cleanup());

    it('at the centre of sampled pixels', () => {
      const oa = areaGeometry(rutland.project.db, 'OA');
      expect(oa.polygonRings.length - 1).toBeLessThan(oa.ringStarts.length - 1); // there are holes
      expect(expectPixelsAgree(oa, 1024, 13)).toBeGreaterThan(10_000);
    });
  });
});
