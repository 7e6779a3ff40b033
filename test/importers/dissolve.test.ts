// The dissolve behind `import lookup`: shared-edge removal where neighbours
// share vertices, the polygon union where they do not. Hand-made squares, so
// every answer is known: unit squares have area 1, a 3×3 block without its
// middle is 8 with a hole of 1.
import type * as GeoJSON from 'geojson';
import { describe, expect, it } from 'vitest';
import { dissolveBySharedEdges, dissolveGroup } from '../../electron/importers/dissolve';

const square = (x: number, y: number, clockwise = false): GeoJSON.Polygon => {
  const ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];
  return { type: 'Polygon', coordinates: [clockwise ? ring.reverse() : ring] };
};
/** Planar area of a MultiPolygon (outer rings less holes). */
const area = (m: GeoJSON.MultiPolygon) =>
  m.coordinates.reduce((t, p) => t + p.reduce((s, ring, r) => {
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
    return s + (r === 0 ? 1 : -1) * Math.abs(a / 2);
  }, 0), 0);

describe('dissolving areas that share edges', () => {
  it('two squares sharing an edge become one polygon of area 2, whichever way their rings run', () => {
    const m = dissolveBySharedEdges([square(0, 0), square(1, 0, true)])!;
    expect(m.coordinates).toHaveLength(1);
    expect(m.coordinates[0]).toHaveLength(1);
    expect(area(m)).toBe(2);
    // The shared edge (1,0)–(1,1) is gone from the inside: its ends stay on the outline only.
    expect(m.coordinates[0][0]).toHaveLength(7);
  });

  it('a ring of eight squares keeps the middle as a hole', () => {
    const parts = [0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => [x, y])).filter(([x, y]) => !(x === 1 && y === 1)).map(([x, y]) => square(x, y));
    const m = dissolveBySharedEdges(parts)!;
    expect(m.coordinates).toHaveLength(1);
    expect(m.coordinates[0]).toHaveLength(2);
    expect(area(m)).toBe(8);
  });

  it('apart areas stay separate parts', () => {
    expect(dissolveBySharedEdges([square(0, 0), square(5, 0)])!.coordinates).toHaveLength(2);
  });

  it('a vertex on a neighbour\'s edge (no shared vertices) falls back to the union', () => {
    const tall: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[1, 0], [2, 0], [2, 2], [1, 2], [1, 1], [1, 0]]] };
    const withTee = [square(0, 0), square(0, 1), tall];
    // (1,1) is a vertex of all three, but the squares' edges (1,0)-(1,1)-(1,2) meet tall's at it: clean.
    expect(area(dissolveBySharedEdges(withTee)!)).toBe(4);
    const tallPlain: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[1, 0], [2, 0], [2, 2], [1, 2], [1, 0]]] };
    expect(dissolveBySharedEdges([square(0, 0), square(0, 1), tallPlain])).toBeNull();
    const m = dissolveGroup([square(0, 0), square(0, 1), tallPlain])!;
    expect(m.coordinates).toHaveLength(1);
    expect(area(m)).toBeCloseTo(4, 12);
  });

  it('overlapping areas fall back to the union, which counts the overlap once', () => {
    const half: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[0.5, 0], [1.5, 0], [1.5, 1], [0.5, 1], [0.5, 0]]] };
    expect(dissolveBySharedEdges([square(0, 0), half])).toBeNull();
    expect(area(dissolveGroup([square(0, 0), half])!)).toBeCloseTo(1.5, 12);
  });
});
