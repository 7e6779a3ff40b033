// The selected area's outline drawn over a national map (selection-outline.ts):
// its rings on hand-drawn shapes (a hole is a ring of its own, every island
// is outlined) and their SVG path under a known projection; on Rutland's real
// OAs, every area's rings are the coordinates of the GeoJSON geometry the
// map's deck.gl outline drew from before (area-geometry.ts), ring by ring.
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { areaRings, outlinePath } from '../../renderer/src/map/selection-outline';
import { HAND, rutlandAreas } from './area-shapes';

describe('the outline of one area', () => {
  it('has the outer ring and the hole of a holed polygon', () => {
    expect(areaRings(HAND, 0)).toEqual([
      [[0, 50], [2, 50], [2, 52], [0, 52], [0, 50]],
      [[0.5, 50.5], [1.5, 50.5], [1.5, 51.5], [0.5, 51.5], [0.5, 50.5]],
    ]);
  });

  it('has every island of a multi-polygon area, and nothing for an index past the areas', () => {
    expect(areaRings(HAND, 1)).toEqual([
      [[3, 50], [4, 50], [4, 51], [3, 51], [3, 50]],
      [[5, 50], [5.5, 50], [5.5, 50.5], [5, 50.5], [5, 50]],
    ]);
    expect(areaRings(HAND, 2)).toEqual([]);
  });

  it('is one closed SVG subpath per ring, in screen pixels to a tenth', () => {
    // x = 10 lon, y = 600 - 10 lat: the islands at x 30..40 and 50..55, y 90..100 and 95..100.
    const project = ([lon, lat]: [number, number]) => ({ x: 10 * lon, y: 600 - 10 * lat });
    expect(outlinePath(areaRings(HAND, 1), project)).toBe('M30.0 100.0L40.0 100.0L40.0 90.0L30.0 90.0L30.0 100.0ZM50.0 100.0L55.0 100.0L55.0 95.0L50.0 95.0L50.0 100.0Z');
    expect(outlinePath([], project)).toBe('');
  });
});

describe("Rutland's OAs", () => {
  const areas = rutlandAreas();

  it('outlines each area along the rings of the geometry the map outlined before', () => {
    const { g, features } = areas();
    expect(g.codes.length).toBeGreaterThan(100);
    g.codes.forEach((code, i) => {
      const shape = features[i].geometry as Polygon | MultiPolygon | null;
      const rings = shape === null ? [] : shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat();
      expect(areaRings(g, i), code).toEqual(rings);
    });
  });
});
