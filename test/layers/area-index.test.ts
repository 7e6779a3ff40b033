// The page's own area picking (national levels): areaAt against hand-drawn
// shapes (a hole is outside, every island is its area) and, on Rutland's real
// OAs, against turf's point-in-polygon at points inside and between areas;
// polygonsIn against a brute-force scan of the polygons' boxes.
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { areaIndex, isManyPolygons, MANY_POLYGONS } from '../../renderer/src/project/area-index';
import { HAND, rutlandAreas } from './area-shapes';

describe('areaIndex on hand-drawn shapes', () => {
  const index = areaIndex(HAND);
  it('finds the area holding a point, and none in a hole or outside', () => {
    expect(index.areaAt(0.25, 51)).toBe(0); // the square's left strip
    expect(index.areaAt(1, 51)).toBe(-1); // the hole's middle
    expect(index.areaAt(3.5, 50.5)).toBe(1); // first island
    expect(index.areaAt(5.25, 50.25)).toBe(1); // second island
    expect(index.areaAt(4.5, 50.5)).toBe(-1); // the sea between them
    expect(index.areaAt(-1, 51)).toBe(-1); // west of everything
    expect(index.areaAt(1, 53)).toBe(-1); // north of everything
  });
  it('lists the polygons whose boxes meet a box, or null past the limit', () => {
    expect(index.polygonsIn([2.5, 49, 5.1, 50.2], 10)).toEqual([1, 2]);
    expect(index.polygonsIn([-10, 40, 10, 60], 10)).toEqual([0, 1, 2]);
    expect(index.polygonsIn([-10, 40, 10, 60], 2)).toBeNull();
    expect(index.polygonsIn([20, 40, 21, 41], 10)).toEqual([]);
  });
  it('counts a level as national from MANY_POLYGONS polygons', () => {
    expect(isManyPolygons(HAND)).toBe(false);
    expect(MANY_POLYGONS).toBeGreaterThan(5000); // Rutland's and Leeds' OAs stay on deck.gl's picking
  });
});

describe('areaIndex on Rutland', () => {
  const areas = rutlandAreas();

  it('agrees with turf at a grid of points over the county', () => {
    const { g, features } = areas();
    const index = areaIndex(g);
    const [w, s, e, n] = g.bbox!;
    let inside = 0;
    for (let i = 0; i <= 60; i++) {
      for (let j = 0; j <= 60; j++) {
        const pt = [w + ((e - w) * (i + 0.37)) / 61, s + ((n - s) * (j + 0.61)) / 61];
        const holders = features.flatMap((f, k) => (booleanPointInPolygon(pt, f as Feature<Polygon | MultiPolygon>) ? [k] : []));
        const got = index.areaAt(pt[0], pt[1]);
        if (holders.length === 0) expect(got, `at ${pt}`).toBe(-1);
        else expect(holders, `at ${pt}`).toContain(got);
        if (holders.length) inside++;
      }
    }
    expect(inside).toBeGreaterThan(1000); // most of the grid lies in the county
  });

  it('lists exactly the polygons whose boxes meet a box', () => {
    const { g } = areas();
    const [w, s, e, n] = g.bbox!;
    const box: [number, number, number, number] = [w + (e - w) * 0.3, s + (n - s) * 0.3, w + (e - w) * 0.7, s + (n - s) * 0.7];
    const brute: number[] = [];
    for (let p = 0; p < g.polygonArea.length; p++) {
      let [pw, ps, pe, pn] = [Infinity, Infinity, -Infinity, -Infinity];
      for (let v = g.polygonStarts[p]; v < g.polygonStarts[p + 1]; v++) {
        [pw, pe] = [Math.min(pw, g.positions[2 * v]), Math.max(pe, g.positions[2 * v])];
        [ps, pn] = [Math.min(ps, g.positions[2 * v + 1]), Math.max(pn, g.positions[2 * v + 1])];
      }
      if (pw <= box[2] && pe >= box[0] && ps <= box[3] && pn >= box[1]) brute.push(p);
    }
    expect(brute.length).toBeGreaterThan(10);
    expect(areaIndex(g).polygonsIn(box, 100_000)).toEqual(brute);
  });
});
