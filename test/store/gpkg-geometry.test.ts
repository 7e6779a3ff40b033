import { describe, expect, it } from 'vitest';
import type * as GeoJSON from 'geojson';
import { decodeGeometry, encodeGeometry, geometryEnvelope } from '../../electron/store/gpkg-geometry';
import { square } from './helpers';

const hole = [
  [1, 1],
  [1, 2],
  [2, 2],
  [2, 1],
  [1, 1],
];

const samples: Record<string, GeoJSON.Geometry> = {
  Point: { type: 'Point', coordinates: [-1.2345678, 52.987654321] },
  LineString: { type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 0.5]] },
  'Polygon with hole': { type: 'Polygon', coordinates: [square(0, 0, 4), hole] },
  MultiPoint: { type: 'MultiPoint', coordinates: [[0, 0], [-3, 7]] },
  MultiLineString: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[5, 5], [6, 7], [8, 9]]] },
  MultiPolygon: {
    type: 'MultiPolygon',
    coordinates: [[square(0, 0, 4), hole], [square(10, -5, 1)]],
  },
  GeometryCollection: {
    type: 'GeometryCollection',
    geometries: [
      { type: 'Point', coordinates: [3, 4] },
      { type: 'Polygon', coordinates: [square(-10, -10, 2)] },
      { type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [20, 1]] }] },
    ],
  },
};

describe('GeoPackage geometry codec', () => {
  for (const [name, geometry] of Object.entries(samples)) {
    it(`round-trips ${name}`, () => {
      const decoded = decodeGeometry(encodeGeometry(geometry));
      expect(decoded.geometry).toEqual(geometry);
      expect(decoded.envelope).toEqual(geometryEnvelope(geometry));
      expect(decoded.srsId).toBe(4326);
      expect(decoded.empty).toBe(false);
    });
  }

  it('writes the GP header: magic, version 0, little-endian, XY envelope as minx,maxx,miny,maxy', () => {
    const buf = encodeGeometry(samples['MultiPolygon'], 27700);
    expect(buf.toString('latin1', 0, 2)).toBe('GP');
    expect(buf[2]).toBe(0);
    expect(buf[3]).toBe(0b0000_0011);
    expect(buf.readInt32LE(4)).toBe(27700);
    expect([8, 16, 24, 32].map((o) => buf.readDoubleLE(o))).toEqual([0, 11, -5, 4]);
    expect(buf[40]).toBe(1); // WKB little-endian
    expect(buf.readUInt32LE(41)).toBe(6);
  });

  it('flags empty geometries and writes an empty point as NaN, NaN', () => {
    const buf = encodeGeometry({ type: 'Point', coordinates: [] });
    expect(buf[3]).toBe(0x11);
    expect(buf.length).toBe(8 + 21);
    expect(Number.isNaN(buf.readDoubleLE(8 + 5))).toBe(true);
    const decoded = decodeGeometry(buf);
    expect(decoded).toMatchObject({ empty: true, envelope: null, geometry: { type: 'Point', coordinates: [] } });
    expect(decodeGeometry(encodeGeometry({ type: 'MultiPolygon', coordinates: [] })).empty).toBe(true);
  });

  it('drops Z when writing', () => {
    const g = decodeGeometry(encodeGeometry({ type: 'LineString', coordinates: [[0, 0, 5], [1, 1, 6]] })).geometry;
    expect(g).toEqual({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
  });

  it('decodes geometries written by GDAL 3.6 (ogr2ogr -f GPKG)', () => {
    // Captured with ogr2ogr from GeoJSON: GDAL writes points without an envelope.
    const gdalPoint = Buffer.from('47500001E61000000101000000000000000000F8BF0000000000204A40', 'hex');
    expect(decodeGeometry(gdalPoint)).toEqual({
      geometry: { type: 'Point', coordinates: [-1.5, 52.25] },
      envelope: [-1.5, 52.25, -1.5, 52.25],
      srsId: 4326,
      empty: false,
    });
    const gdalPolygon = Buffer.from(
      '47500003E61000000000000000000000000000000000104000000000000000000000000000001040' +
        '0103000000020000000500000000000000000000000000000000000000000000000000104000000000' +
        '00000000000000000000104000000000000010400000000000000000000000000000104000000000' +
        '00000000000000000000000005000000000000000000F03F000000000000F03F000000000000F03F' +
        '0000000000000040000000000000004000000000000000400000000000000040000000000000F03F' +
        '000000000000F03F000000000000F03F',
      'hex',
    );
    expect(decodeGeometry(gdalPolygon).geometry).toEqual({ type: 'Polygon', coordinates: [square(0, 0, 4), hole] });
  });

  it('reads big-endian headers and WKB, XYZ envelopes and ISO Z types', () => {
    // Header: big-endian (flag bit 0 clear), envelope type 2 (XYZ, 48 bytes).
    const buf = Buffer.alloc(8 + 48 + 5 + 24);
    buf.write('GP', 0, 'latin1');
    buf[3] = 2 << 1;
    buf.writeInt32BE(27700, 4);
    [450000, 450000, 200000, 200000, 12, 12].forEach((v, i) => buf.writeDoubleBE(v, 8 + 8 * i));
    buf[56] = 0; // big-endian WKB
    buf.writeUInt32BE(1001, 57); // ISO Point Z
    [450000, 200000, 12].forEach((v, i) => buf.writeDoubleBE(v, 61 + 8 * i));
    expect(decodeGeometry(buf)).toEqual({
      geometry: { type: 'Point', coordinates: [450000, 200000, 12] },
      envelope: [450000, 200000, 450000, 200000],
      srsId: 27700,
      empty: false,
    });
  });

  it('reads EWKB-style Z flags inside a multi-geometry', () => {
    const buf = Buffer.alloc(8 + 9 + 29);
    buf.write('GP', 0, 'latin1');
    buf[3] = 1;
    buf.writeInt32LE(4326, 4);
    buf[8] = 1;
    buf.writeUInt32LE((4 | 0x80000000) >>> 0, 9);
    buf.writeUInt32LE(1, 13);
    buf[17] = 1;
    buf.writeUInt32LE((1 | 0x80000000) >>> 0, 18);
    [1, 2, 3].forEach((v, i) => buf.writeDoubleLE(v, 22 + 8 * i));
    expect(decodeGeometry(buf).geometry).toEqual({ type: 'MultiPoint', coordinates: [[1, 2, 3]] });
  });

  it('rejects bad input with a clear message', () => {
    expect(() => encodeGeometry({ type: 'Point', coordinates: [NaN, 1] })).toThrow(/Invalid coordinate/);
    expect(() => encodeGeometry({ type: 'Curve' } as unknown as GeoJSON.Geometry)).toThrow(/Unsupported geometry type/);
    expect(() => decodeGeometry(Buffer.from('not a geometry'))).toThrow(/GP/);
    expect(() => decodeGeometry(encodeGeometry(samples['LineString']).subarray(0, 50))).toThrow(/Truncated/);
  });

  it('geometryEnvelope gives [minX, minY, maxX, maxY], null when empty', () => {
    expect(geometryEnvelope(samples['GeometryCollection'])).toEqual([-10, -10, 20, 4]);
    expect(geometryEnvelope({ type: 'LineString', coordinates: [] })).toBeNull();
  });
});
