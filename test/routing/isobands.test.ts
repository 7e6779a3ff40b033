// Travel-time bands tile the reached area: no two bands overlap (so a map
// never draws a place twice, darker), together they are exactly the area within
// the last limit, and their edges sit where the times say. Checked on grids whose
// answer is known by hand, on seeded random grids full of saddles, and on a
// hand-built street grid routed end to end.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { multiSourceDijkstra } from '../../electron/routing/dijkstra';
import { buildGraph } from '../../electron/routing/graph-build';
import { isochrones } from '../../electron/routing/isochrones';
import { parseOsmXmlString } from '../../electron/routing/osm-xml';
import { isobands, type Isoband, type TimeGrid } from '../../shared/travel/isobands';
import { defaultProfile } from '../../shared/travel/profiles';
import { SEGMENT_M } from './fixtures';
import { mulberry32 } from '../support/random';

/** Grid units as degrees near the equator (1 unit = 0.001°), so turf measures them. */
const DEG = 0.001;
function toFeature(band: Isoband): Feature<MultiPolygon> {
  return turf.multiPolygon(band.polygons.map((rings) => rings.map((ring) => ring.map(([x, y]) => [x * DEG, y * DEG]))));
}
/** Planar area in grid units² (shoelace), outer minus holes. */
function gridArea(band: Isoband): number {
  const a2 = (ring: Array<[number, number]>) => ring.slice(1).reduce((s, p, k) => s + ring[k][0] * p[1] - p[0] * ring[k][1], 0);
  return band.polygons.reduce((s, rings) => s + rings.reduce((t, r) => t + a2(r), 0) / 2, 0);
}
const area = (f: Feature<Polygon | MultiPolygon> | null) => (f ? turf.area(f) : 0);

function cone(size: number, secondsPerUnit: number): TimeGrid {
  const c = (size - 1) / 2;
  const seconds = new Float64Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) seconds[y * size + x] = secondsPerUnit * (Math.abs(x - c) + Math.abs(y - c));
  return { width: size, height: size, seconds };
}

function expectTiling(bands: Isoband[], whole: Isoband): void {
  const features = bands.map(toFeature);
  for (const f of features) expect(turf.booleanValid(f)).toBe(true);
  const total = area(toFeature(whole));
  for (let a = 0; a < features.length; a++) {
    for (let b = a + 1; b < features.length; b++) {
      // Overlap in m²; the reached area is about 10⁷ m², so 1 m² is a rounding error, a shared cell would be ~10⁴ m².
      expect(area(turf.intersect(turf.featureCollection([features[a], features[b]]) as never))).toBeLessThan(1);
    }
  }
  const union = features.length > 1 ? turf.union(turf.featureCollection(features) as never) : features[0];
  expect(Math.abs(area(union) - total)).toBeLessThan(total * 1e-6 + 1);
  expect(Math.abs(features.reduce((s, f) => s + area(f), 0) - total)).toBeLessThan(total * 1e-6 + 1);
}

describe('isobands on grids with a known answer', () => {
  it('a diamond of times gives diamonds: within 1.5 units is 2·1.5² = 4.5 units², 1.5 to 2.5 units is 12.5 − 4.5 = 8', () => {
    // t = 60 s per unit of |x−4| + |y−4|: linear along every grid edge, so the interpolated edges are exact.
    const grid = cone(9, 60);
    const [inner, ring] = isobands(grid, [90, 150], { rings: 'incremental' });
    expect(gridArea(inner)).toBeCloseTo(4.5, 9);
    expect(gridArea(ring)).toBeCloseTo(8, 9);
    expect(inner.polygons).toHaveLength(1);
    expect(ring.polygons).toHaveLength(1);
    expect(ring.polygons[0]).toHaveLength(2); // an outer diamond with the inner one as its hole
    expect([ring.fromSeconds, ring.toSeconds]).toEqual([90, 150]);
    // Every vertex lies on its diamond: |x−4| + |y−4| = 1.5 or 2.5.
    for (const [x, y] of ring.polygons[0][0]) expect(Math.abs(x - 4) + Math.abs(y - 4)).toBeCloseTo(2.5, 9);
    for (const [x, y] of ring.polygons[0][1]) expect(Math.abs(x - 4) + Math.abs(y - 4)).toBeCloseTo(1.5, 9);
    const [whole] = isobands(grid, [150], {});
    expectTiling([inner, ring], whole);
  });

  it('cumulative bands nest: each holds the one before, and the last is the incremental bands together', () => {
    const grid = cone(9, 60);
    const cumulative = isobands(grid, [90, 150, 210], { rings: 'cumulative' });
    expect(cumulative.map(gridArea).map((a) => Number(a.toFixed(9)))).toEqual([4.5, 12.5, 24.5]);
    expect(cumulative.map((b) => b.fromSeconds)).toEqual([0, 0, 0]);
  });

  it('unreached points are never inside a band, and a grid reached nowhere gives no polygons', () => {
    const grid = cone(9, 60);
    grid.seconds[4 * 9 + 4] = Infinity; // the centre of the cone is cut out
    const [band] = isobands(grid, [150], {});
    expect(band.polygons).toHaveLength(1);
    expect(band.polygons[0]).toHaveLength(2); // the unreached centre is a hole
    expect(turf.booleanPointInPolygon(turf.point([4 * DEG, 4 * DEG]), toFeature(band))).toBe(false);
    expect(turf.booleanPointInPolygon(turf.point([5 * DEG, 4 * DEG]), toFeature(band))).toBe(true);
    expect(isobands({ width: 3, height: 3, seconds: new Float64Array(9).fill(Infinity) }, [60], {})[0].polygons).toEqual([]);
  });

  it('drops specks and pinholes smaller than minCells, keeping the bands a tiling', () => {
    const grid = cone(9, 60);
    grid.seconds[0] = 0; // a lone reached corner point: a speck of about 0.06 units²
    grid.seconds[4 * 9 + 4] = 1000; // a pinhole at the centre, about 1.2 units²
    const kept = isobands(grid, [150, 210], { rings: 'incremental' });
    expect(kept[0].polygons.map((p) => p.length).sort()).toEqual([1, 2]); // the speck, and the diamond with its pinhole
    const clean = isobands(grid, [150, 210], { rings: 'incremental', minCells: 2 });
    expect(clean[0].polygons).toHaveLength(1);
    expect(clean[0].polygons[0]).toHaveLength(1);
    expect(gridArea(clean[0])).toBeCloseTo(12.5, 9);
    expect(gridArea(clean[1])).toBeCloseTo(2 * 3.5 ** 2 - 12.5, 9);
    expectTiling(clean, isobands(grid, [210], { minCells: 2 })[0]);
  });
});

describe('isobands on seeded random grids (saddles everywhere)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: bands never overlap and together make the area within the last limit`, () => {
      const random = mulberry32(seed);
      const size = 16;
      const seconds = new Float64Array(size * size).map(() => (random() < 0.08 ? Infinity : random() * 400));
      const grid = { width: size, height: size, seconds };
      const limits = [100, 200, 300];
      const bands = isobands(grid, limits, { rings: 'incremental' });
      expect(bands.every((b) => b.polygons.length > 0)).toBe(true);
      expectTiling(bands, isobands(grid, limits, { rings: 'cumulative' })[2]);
      // Specks dropped and pockets filled per limit still leave each region inside the next.
      const clean = { minCells: 0.5, fillHoleCells: 3 };
      expectTiling(isobands(grid, limits, { rings: 'incremental', ...clean }), isobands(grid, limits, { rings: 'cumulative', ...clean })[2]);
    });
  }
});

describe('isochrones of a hand-built street grid', () => {
  // 9 × 9 residential streets 0.001° (SEGMENT_M = 111.2 m) apart on the equator; the site at the middle
  // crossing. Walking at 4.8 km/h (80 m a minute) a crossing k blocks away (Manhattan) is k × 1.39 min off.
  const N = 9;
  const id = (x: number, y: number) => 1 + y * N + x;
  const nodes: string[] = [];
  const ways: string[] = [];
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) nodes.push(`<node id="${id(x, y)}" lat="${(y * 0.001).toFixed(3)}" lon="${(x * 0.001).toFixed(3)}"/>`);
  const street = (wid: number, ids: number[]) => `<way id="${wid}">${ids.map((n) => `<nd ref="${n}"/>`).join('')}<tag k="highway" v="residential"/></way>`;
  for (let k = 0; k < N; k++) {
    ways.push(street(1000 + k, Array.from({ length: N }, (_, x) => id(x, k))));
    ways.push(street(2000 + k, Array.from({ length: N }, (_, y) => id(k, y))));
  }
  const xml = `<?xml version="1.0"?><osm version="0.6">${nodes.join('')}${ways.join('')}</osm>`;
  const minutesAt = (blocks: number) => (blocks * SEGMENT_M) / 80;

  it('each crossing lies in the band of its hand-computed time, and the bands tile the reached area', async () => {
    const graph = buildGraph(await parseOsmXmlString(xml), defaultProfile('walk'));
    const centre = Array.from(graph.nodeIds).indexOf(id(4, 4));
    const times = multiSourceDijkstra(graph.csr, [{ node: centre }]);
    const limits = [3, 6, 9];
    const fc = isochrones(graph, times, { minutes: limits, mode: 'walk', rings: 'incremental' });
    expect(fc.features.map((f) => [f.properties!.fromMinutes, f.properties!.minutes])).toEqual([[0, 3], [3, 6], [6, 9]]);
    let checked = 0;
    for (let y = 0; y < N; y++) {
      for (let x = 0; x < N; x++) {
        const t = minutesAt(Math.abs(x - 4) + Math.abs(y - 4));
        // Crossings within 0.2 min of a limit are left to the grid's resolution.
        if (limits.some((l) => Math.abs(t - l) < 0.2)) continue;
        const expected = limits.findIndex((l) => t <= l);
        const point = turf.point([x * 0.001, y * 0.001]);
        const inside = fc.features.map((f) => turf.booleanPointInPolygon(point, f));
        expect(inside, `crossing ${x},${y} at ${t.toFixed(2)} min`).toEqual(limits.map((_, k) => k === expected));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    const cumulative = isochrones(graph, times, { minutes: [9], mode: 'walk' }).features[0];
    const features = fc.features;
    for (let a = 0; a < features.length; a++) {
      for (let b = a + 1; b < features.length; b++) expect(area(turf.intersect(turf.featureCollection([features[a], features[b]]) as never))).toBeLessThan(1);
    }
    const union = turf.union(turf.featureCollection(features) as never);
    expect(Math.abs(area(union) - area(cumulative)) / area(cumulative)).toBeLessThan(1e-6);
  });
});
