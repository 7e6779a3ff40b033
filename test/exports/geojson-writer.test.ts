import { booleanClockwise } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { toRfc7946, toRfc7946Geometry } from '../../electron/exports/geojson-writer';

// Exterior clockwise and hole counter-clockwise: the opposite of RFC 7946.
const square = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]];
const hole = [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]];

describe('RFC 7946 GeoJSON', () => {
  it('rewinds exterior rings counter-clockwise and holes clockwise', () => {
    const g = toRfc7946Geometry({ type: 'MultiPolygon', coordinates: [[square, hole]] }) as GeoJSON.MultiPolygon;
    expect(booleanClockwise(g.coordinates[0][0])).toBe(false);
    expect(booleanClockwise(g.coordinates[0][1])).toBe(true);
  });

  it('rounds to 6 decimals and drops vertices that rounding makes repeat', () => {
    const line = toRfc7946Geometry({ type: 'LineString', coordinates: [[-0.12345678, 51.98765432], [1e-9, -1e-9]] }) as GeoJSON.LineString;
    expect(line.coordinates).toEqual([[-0.123457, 51.987654], [0, 0]]);
    const ring = [[0, 0], [1, 0], [1.0000001, 0], [1, 1], [0, 0]];
    const poly = toRfc7946Geometry({ type: 'Polygon', coordinates: [ring] }) as GeoJSON.Polygon;
    expect(poly.coordinates[0]).toHaveLength(4);
  });

  it('writes no crs member, and carries name and notes as foreign members', () => {
    const text = toRfc7946(
      { type: 'FeatureCollection', features: [{ type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [1.23456789, 2] }, properties: { v: Infinity } }] },
      { name: 'sites', notes: { attribution: '© OpenStreetMap contributors' } },
    );
    const doc = JSON.parse(text);
    expect(doc.crs).toBeUndefined();
    expect(doc.name).toBe('sites');
    expect(doc.attribution).toBe('© OpenStreetMap contributors');
    expect(doc.features[0].geometry.coordinates).toEqual([1.234568, 2]);
    expect(doc.features[0].properties.v).toBeNull();
  });
});
