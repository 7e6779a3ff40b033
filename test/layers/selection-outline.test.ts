// The selected area's outline drawn over a national map (selection-outline.ts):
// its rings on hand-drawn shapes (a hole is a ring of its own, every island
// is outlined) and their SVG path under a known projection; on Rutland's real
// OAs, every area's rings are the coordinates of the GeoJSON geometry the
// map's deck.gl outline drew from before (area-geometry.ts), ring by ring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import { areaRings, outlinePath } from '../../renderer/src/map/selection-outline';
import { areasFromColumns } from '../../renderer/src/project/area-geometry';
import { areaGeometry } from '../../electron/services/area-geometry';
import { areaColumns } from '../../electron/services/area-columns';
import { buildRutland, type RutlandProject } from '../support/rutland-project';

// HOLE: the square 0..2 x 50..52 less 0.5..1.5 x 50.5..51.5. ISLANDS: 3..4 x 50..51 and 5..5.5 x 50..50.5.
const ring = (x: number, y: number, s: number) => [x, y, x + s, y, x + s, y + s, x, y + s, x, y];
const HAND: AreaGeometry = {
  level: 'OA',
  codes: ['HOLE', 'ISLANDS'],
  positions: Float64Array.from([...ring(0, 50, 2), ...ring(0.5, 50.5, 1), ...ring(3, 50, 1), ...ring(5, 50, 0.5)]),
  polygonStarts: Uint32Array.from([0, 10, 15, 20]),
  polygonArea: Uint32Array.from([0, 1, 1]),
  ringStarts: Uint32Array.from([0, 5, 10, 15, 20]),
  polygonRings: Uint32Array.from([0, 2, 3, 4]),
  triangles: new Uint32Array(0),
  bbox: [0, 50, 5.5, 52],
};

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
  let rutland: RutlandProject;
  let g: AreaGeometry;
  let geometries: (Polygon | MultiPolygon | null)[];
  beforeAll(async () => {
    rutland = await buildRutland({ oac: false, population: false, postcodes: false, sites: false });
    g = areaGeometry(rutland.project.db, 'OA');
    geometries = areasFromColumns(areaColumns(rutland.project.db, 'OA'), g).features.map((f) => f.geometry as Polygon | MultiPolygon | null);
  }, 120_000);
  afterAll(() => rutland?.cleanup());

  it('outlines each area along the rings of the geometry the map outlined before', () => {
    expect(g.codes.length).toBeGreaterThan(100);
    g.codes.forEach((code, i) => {
      const shape = geometries[i];
      const rings = shape === null ? [] : shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat();
      expect(areaRings(g, i), code).toEqual(rings);
    });
  });
});
