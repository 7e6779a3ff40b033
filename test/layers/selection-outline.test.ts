// The selected area's outline drawn over a national map (selection-outline.ts):
// its rings on hand-drawn shapes (a hole is a ring of its own, every island
// is outlined) and their SVG path under a known projection; on Rutland's real
// OAs, every area's rings are the coordinates of the GeoJSON geometry the
// map's deck.gl outline drew from before (area-geometry.ts), ring by ring.
// The site markers it passes under: those of shown site layers above the
// topmost shown area layer, at their outer radius (radius and half the
// marker's outline), and of those the ones whose disc meets the outline;
// the site labels' boxes that meet it.
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { areaRings, boxesMeet, markersNear, markersOverSelection, outlinePath } from '../../renderer/src/map/selection-outline';
import type { LayerDef } from '../../renderer/src/layers/types';
import type { DeckLayerData } from '../../renderer/src/layers/deck-layers';
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

describe('the site markers the outline passes under', () => {
  const layer = (id: string, style: object, visible = true) => ({ id, style, drawnBy: 'deck', visible, interactive: true }) as unknown as LayerDef;
  const areas = layer('segments', { type: 'categorical-fill' });
  const density = layer('density', { type: 'graduated-fill' });
  const sites = layer('sites', { type: 'site-symbols', radius: 7 });
  const proposed = layer('proposed-sites', { type: 'proposed-sites', radius: 8 });
  const data = { sites: [{ lon: -0.7, lat: 52.6 }], proposed: [{ lon: -0.6, lat: 52.7 }] } as unknown as DeckLayerData;

  it('are the shown sites and what-if sites above the topmost shown area layer, at radius + half their outline', () => {
    // Sites: 7 + 2 / 2 = 8 px; what-if sites: 8 + 4 / 2 = 10 px.
    expect(markersOverSelection([areas, sites, proposed], data)).toEqual([
      { lonLat: [-0.7, 52.6], radiusPx: 8 },
      { lonLat: [-0.6, 52.7], radiusPx: 10 },
    ]);
    expect(markersOverSelection([areas, { ...sites, visible: false }, proposed], data)).toEqual([{ lonLat: [-0.6, 52.7], radiusPx: 10 }]);
    // Drawn under the areas, or under a second area layer shown above them: the outline passes over them.
    expect(markersOverSelection([sites, areas], data)).toEqual([]);
    expect(markersOverSelection([areas, sites, density], data)).toEqual([]);
    // That layer hidden, the first area layer's outline is the one drawn.
    expect(markersOverSelection([areas, sites, { ...density, visible: false }], data)).toEqual([{ lonLat: [-0.7, 52.6], radiusPx: 8 }]);
    expect(markersOverSelection([{ ...areas, visible: false }, sites], data)).toEqual([]);
  });

  it('are those whose disc meets the outline: its box and the stroke half-width (1.5 px) around it', () => {
    // The outline's box on screen: x 100..200, y 100..150 (its corners given either way round).
    const at = { a: [205, 120], b: [211, 120], c: [150, 125], d: [150, 159], e: [150, 160] } as Record<string, [number, number]>;
    const markers = Object.values(at).map((lonLat) => ({ lonLat, radiusPx: 8 }));
    const project = ([x, y]: [number, number]) => ({ x, y });
    // a: 5 px right of the box, within 8 + 1.5; b: 11 px, past it; c: inside; d: 9 px below, within; e: 10 px, past.
    expect(markersNear(markers, { x: 200, y: 100 }, { x: 100, y: 150 }, project)).toEqual([
      { x: 205, y: 120, r: 8 },
      { x: 150, y: 125, r: 8 },
      { x: 150, y: 159, r: 8 },
    ]);
  });
});

describe('the site labels the outline passes under', () => {
  it('are those whose box meets the outline: its box and the stroke half-width (1.5 px) around it', () => {
    // The outline's box on screen: x 100..200, y 100..150.
    const [corner, opposite] = [{ x: 100, y: 150 }, { x: 200, y: 100 }];
    const label = (x: number, y: number) => ({ x, y, width: 50, height: 16 });
    expect(boxesMeet(label(180, 120), corner, opposite)).toBe(true); // inside, reaching out of it
    expect(boxesMeet(label(201, 120), corner, opposite)).toBe(true); // 1 px right of it: under the stroke's outer half
    expect(boxesMeet(label(202, 120), corner, opposite)).toBe(false); // 2 px: clear
    expect(boxesMeet(label(49, 120), corner, opposite)).toBe(true); // ends 1 px left of it (49 + 50 = 99)
    expect(boxesMeet(label(48, 120), corner, opposite)).toBe(false); // ends 2 px left
    expect(boxesMeet(label(120, 83), corner, opposite)).toBe(true); // ends 1 px above it (83 + 16 = 99)
    expect(boxesMeet(label(120, 82), corner, opposite)).toBe(false); // ends 2 px above
  });
});
