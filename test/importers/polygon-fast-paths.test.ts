// The flat-array fast paths of the boundary importer give what the GeoJSON
// path gave: the shapefile package's rings, turf.kinks' verdict on crossings,
// and encodeGeometry's bytes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type * as GeoJSON from 'geojson';
import * as shapefile from 'shapefile';
import { afterAll, describe, expect, it } from 'vitest';
import { readDbf } from '../../electron/importers/dbf-read';
import { FlatBuilder, addGeoJsonFeature } from '../../electron/importers/flat-polygons';
import { checkFlatPolygon } from '../../electron/importers/polygon-check';
import { TOUCH_TOLERANCE, crossesItself } from '../../electron/importers/self-intersection';
import { readShpPolygons } from '../../electron/importers/shp-polygons';
import { encodeFlatMultiPolygon } from '../../electron/store/gpkg-flat-geometry';
import { encodeGeometry } from '../../electron/store/gpkg-geometry';
import { RUTLAND, tempDir } from './helpers';

/** The check the importer made before: turf.kinks, ignoring kinks that sit on a vertex. */
function turfCrosses(rings: GeoJSON.Position[][]): boolean {
  const vertices = rings.flat();
  return turf.kinks(turf.polygon(rings)).features.some(({ geometry: { coordinates: [x, y] } }) =>
    !vertices.some((v) => Math.abs(v[0] - x) <= TOUCH_TOLERANCE && Math.abs(v[1] - y) <= TOUCH_TOLERANCE));
}

function flatCrosses(rings: GeoJSON.Position[][]): boolean {
  const b = new FlatBuilder();
  b.geoJsonPart(rings);
  return crossesItself(b.xy, b.ringEnd, 0, b.rings);
}

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const close = (ring: number[][]) => [...ring, ring[0]];
const rutland = JSON.parse(readFileSync(RUTLAND + 'oa11_boundaries.geojson', 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

describe('crossesItself agrees with turf.kinks', () => {
  it('on every real Rutland output area', () => {
    for (const f of rutland.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const rings of polys) expect(flatCrosses(rings)).toBe(turfCrosses(rings));
    }
  });

  it('on random rings, holes and rings that touch themselves at a vertex', () => {
    const rand = seeded(42);
    let crossing = 0;
    for (let t = 0; t < 3000; t++) {
      const n = 4 + Math.floor(rand() * 30);
      // Star-shaped (simple) unless shuffled; a few vertices snapped to a coarse grid to make touches and collinear runs.
      let ring = Array.from({ length: n }, (_, i) => {
        const a = (2 * Math.PI * i) / n;
        const r = 0.5 + rand() * 0.5;
        const p = [-0.7 + r * Math.cos(a) * 0.01, 52.6 + r * Math.sin(a) * 0.01];
        return rand() < 0.2 ? p.map((v) => Math.round(v * 400) / 400) : p;
      });
      if (t % 3 === 0) for (let k = 0; k < 2; k++) { const i = Math.floor(rand() * n); const j = Math.floor(rand() * n); [ring[i], ring[j]] = [ring[j], ring[i]]; }
      if (t % 7 === 0) ring = [...ring, ring[0], ...ring.map(([x, y]) => [x + 0.02, y])]; // figure of eight touching at a vertex
      ring = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
      const rings = [close(ring)];
      if (t % 5 === 0) rings.push(close([[-0.7, 52.6], [-0.7, 52.601], [-0.699, 52.601], [-0.699, 52.6]].map(([x, y]) => [x + (rand() - 0.5) * 0.004, y])));
      if (rings[0].length < 4) continue;
      const want = turfCrosses(rings);
      if (want) crossing++;
      expect(flatCrosses(rings), JSON.stringify(rings)).toBe(want);
    }
    expect(crossing).toBeGreaterThan(300);
  });
});

describe('checkFlatPolygon keeps the importer rules', () => {
  const check = (geometry: GeoJSON.Geometry) => {
    const src = new FlatBuilder();
    addGeoJsonFeature(src, geometry);
    const out = new FlatBuilder();
    const result = checkFlatPolygon(src.finish(), 0, out);
    return { result, parts: out.parts, blob: result.ok ? encodeFlatMultiPolygon(out.xy, out.ringEnd, out.partEnd, out.parts) : null };
  };

  it('accepts a ring touching itself at a vertex, splits a bow tie, closes an open ring', () => {
    const touching = close([[0, 0], [1, 0], [1, 1], [0.5, 0.5], [0, 1], [0.5, 0.5]]);
    expect(check({ type: 'Polygon', coordinates: [touching] }).result).toEqual({ ok: true, repaired: null });
    const bowTie = check({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] });
    expect(bowTie.result).toEqual({ ok: true, repaired: 'split a self-intersecting ring' });
    expect(bowTie.parts).toBe(2);
    expect(check({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 0], [1, 1], [0, 1]]] })).toMatchObject({
      result: { ok: true, repaired: 'closed an open ring' },
      blob: encodeGeometry({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]] }),
    });
  });

  it('writes the same blob as encodeGeometry for real areas, holes and all', () => {
    for (const f of rutland.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      expect(check(f.geometry).blob).toEqual(encodeGeometry({ type: 'MultiPolygon', coordinates: polys }));
    }
  });

  it('appends each area to one builder, and an area encoded from its own parts is the blob it has alone', () => {
    // Two Rutland areas (the second with its ring left open), checked into one builder as the importer gathers a layer.
    const [a, b] = rutland.features.slice(0, 2).map((f) => f.geometry);
    const open: GeoJSON.Geometry = b.type === 'Polygon' ? { type: 'Polygon', coordinates: [b.coordinates[0].slice(0, -1), ...b.coordinates.slice(1)] } : b;
    const src = new FlatBuilder();
    addGeoJsonFeature(src, a);
    addGeoJsonFeature(src, open);
    const layer = src.finish();
    const out = new FlatBuilder();
    expect(checkFlatPolygon(layer, 0, out).ok).toBe(true);
    const from = out.parts;
    expect(checkFlatPolygon(layer, 1, out)).toEqual({ ok: true, repaired: 'closed an open ring' });
    expect(from).toBeGreaterThan(0);
    expect(encodeFlatMultiPolygon(out.xy, out.ringEnd, out.partEnd, out.parts, { from })).toEqual(check(b).blob);
    expect(encodeFlatMultiPolygon(out.xy, out.ringEnd, out.partEnd, from)).toEqual(check(a).blob);
  });

  it('reports what is not a polygon', () => {
    expect(check({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }).result).toEqual({ ok: false, problem: 'is a LineString, expected a Polygon or MultiPolygon' });
    expect(check({ type: 'MultiPolygon', coordinates: [] }).result).toEqual({ ok: false, problem: 'has an empty geometry' });
    expect(check({ type: 'Polygon', coordinates: [[[0, 0], [1, NaN], [1, 1], [0, 0]]] }).result).toEqual({ ok: false, problem: 'has a coordinate that is not a number' });
  });
});

describe('readShpPolygons reads what the shapefile package reads', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('for real areas and for a multi-part record with a hole', async () => {
    // One record with an outer, its hole and a second outer (ogr2ogr winds them as the format wants).
    const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
    const extra = [
      { type: 'Feature', properties: { OA11CD: 'X1' }, geometry: { type: 'MultiPolygon', coordinates: [[square(-0.7, 52.6, 0.01), square(-0.697, 52.603, 0.002).reverse()], [square(-0.68, 52.6, 0.01)]] } },
      { type: 'Feature', properties: { OA11CD: 'X2' }, geometry: { type: 'Polygon', coordinates: [square(-0.66, 52.6, 0.01)] } },
    ];
    const src = join(tmp.dir, 'in.geojson');
    writeFileSync(src, JSON.stringify({ ...rutland, features: [...rutland.features, ...extra] }));
    const shp = join(tmp.dir, 'oa.shp');
    execFileSync('/usr/bin/ogr2ogr', ['-t_srs', 'EPSG:27700', '-f', 'ESRI Shapefile', shp, src]);
    const bytes = new Uint8Array(readFileSync(shp));
    const want = new FlatBuilder();
    const source = await shapefile.openShp(bytes);
    for (let r = await source.read(); !r.done; r = await source.read()) addGeoJsonFeature(want, r.value as GeoJSON.Geometry | null);
    const got = readShpPolygons('oa.shp', bytes.slice());
    const expected = want.finish();
    // Read in place (the file's own bytes, as the importer reads a file it opened): the same arrays, in the .shp's buffer.
    const inPlace = readShpPolygons('oa.shp', bytes, undefined, true);
    expect(inPlace.xy.buffer).toBe(bytes.buffer);
    for (const k of ['xy', 'ringEnd', 'partEnd', 'featureEnd'] as const) expect(Array.from(inPlace[k])).toEqual(Array.from(got[k]));
    expect(got.featureEnd.length).toBe(rutland.features.length + 2);
    expect(Array.from(got.featureEnd)).toEqual(Array.from(expected.featureEnd));
    expect(Array.from(got.partEnd)).toEqual(Array.from(expected.partEnd));
    expect(Array.from(got.ringEnd)).toEqual(Array.from(expected.ringEnd));
    expect(Array.from(got.xy)).toEqual(Array.from(expected.xy));
    // The multi-part record really has two parts, the first with its hole.
    const f = got.featureEnd.length - 2;
    expect(got.featureEnd[f] - got.featureEnd[f - 1]).toBe(2);
    const attributes = new Uint8Array(readFileSync(shp.replace(/shp$/, 'dbf')));
    const rows: unknown[] = [];
    const dbfSource = await shapefile.openDbf(attributes, { encoding: 'utf-8' });
    for (let r = await dbfSource.read(); !r.done; r = await dbfSource.read()) rows.push(r.value);
    expect(readDbf(attributes, 'utf-8')).toEqual(rows);
  });
});

describe('readShpPolygons in place', () => {
  /** A polygon .shp of the given records: [part starts, points]. */
  function shp(records: [number[], number[][]][]): Uint8Array {
    const sizes = records.map(([parts, points]) => 8 + 44 + 4 * parts.length + 16 * points.length);
    const out = new Uint8Array(100 + sizes.reduce((a, b) => a + b, 0));
    const v = new DataView(out.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, out.length / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, 5, true);
    let at = 100;
    records.forEach(([parts, points], i) => {
      v.setInt32(at, i + 1, false);
      v.setInt32(at + 4, (sizes[i] - 8) / 2, false);
      v.setInt32(at + 8, 5, true);
      v.setInt32(at + 44, parts.length, true);
      v.setInt32(at + 48, points.length, true);
      parts.forEach((p, j) => v.setInt32(at + 52 + 4 * j, p, true));
      points.forEach(([x, y], j) => {
        v.setFloat64(at + 52 + 4 * parts.length + 16 * j, x, true);
        v.setFloat64(at + 52 + 4 * parts.length + 16 * j + 8, y, true);
      });
      at += sizes[i];
    });
    return out;
  }

  it('moves to an array of its own when a damaged record\'s repeated rings would overwrite the next record', () => {
    const ring = (x: number, n: number) => Array.from({ length: n }, (_, k) => [x + Math.cos((2 * Math.PI * k) / (n - 1)), 0 - Math.sin((2 * Math.PI * k) / (n - 1))]);
    // Part starts 0, 9, 0, 9, 0 over 10 points: rings of 9, 0, 9, 0 and 10 points, 28 in all, from a
    // record 290 bytes long (18 points' room) after one of 5 points (48 bytes of header left over).
    const records: [number[], number[][]][] = [[[0], ring(0, 5)], [[0, 9, 0, 9, 0], ring(10, 10)], [[0], ring(20, 7)], [[0], ring(30, 5)]];
    const bytes = shp(records);
    const copy = readShpPolygons('bad.shp', bytes.slice());
    const inPlace = readShpPolygons('bad.shp', bytes, undefined, true);
    for (const k of ['xy', 'ringEnd', 'partEnd', 'featureEnd'] as const) expect(Array.from(inPlace[k])).toEqual(Array.from(copy[k]));
    expect(inPlace.ringEnd[inPlace.ringEnd.length - 1]).toBe(5 + 28 + 7 + 5);
    expect(inPlace.xy.buffer).not.toBe(bytes.buffer);
    // The third record's points came through whole: their first is (21, 0).
    expect([inPlace.xy[2 * 33], inPlace.xy[2 * 33 + 1]]).toEqual([21, 0]);
    // Without the damaged record every record stays in the file's buffer.
    const clean = shp([records[0], records[2], records[3]]);
    expect(readShpPolygons('ok.shp', clean, undefined, true).xy.buffer).toBe(clean.buffer);
  });
});

describe('readDbf reads what the shapefile package reads', () => {
  /** A .dbf with the given fields ([name, type, length]) and rows of raw field text. */
  function dbf(fields: [string, string, number][], rows: (string | Uint8Array)[][]): Uint8Array {
    const recordLength = 1 + fields.reduce((s, f) => s + f[2], 0);
    const headerLength = 32 + 32 * fields.length + 1;
    const out = new Uint8Array(headerLength + rows.length * recordLength + 1).fill(0x20);
    const view = new DataView(out.buffer);
    out.fill(0, 0, headerLength);
    out[0] = 3;
    view.setUint32(4, rows.length, true);
    view.setUint16(8, headerLength, true);
    view.setUint16(10, recordLength, true);
    fields.forEach(([name, type, length], j) => {
      out.set(new TextEncoder().encode(name), 32 + 32 * j);
      out[32 + 32 * j + 11] = type.charCodeAt(0);
      out[32 + 32 * j + 16] = length;
    });
    out[headerLength - 1] = 0x0d;
    rows.forEach((row, r) => {
      let at = headerLength + r * recordLength + 1;
      row.forEach((v, j) => {
        out.set(typeof v === 'string' ? new TextEncoder().encode(v) : v, at);
        at += fields[j][2];
      });
    });
    out[out.length - 1] = 0x1a;
    return out;
  }

  async function viaPackage(bytes: Uint8Array, encoding: string): Promise<unknown[]> {
    const source = await shapefile.openDbf(bytes, { encoding });
    const rows: unknown[] = [];
    for (let r = await source.read(); !r.done; r = await source.read()) rows.push(r.value);
    return rows;
  }

  it('for text, numbers, dates, logicals and non-ASCII names in UTF-8 and Windows-1252', async () => {
    const fields: [string, string, number][] = [['CODE', 'C', 9], ['NAME', 'C', 20], ['POP', 'N', 8], ['DENS', 'F', 10], ['SINCE', 'D', 8], ['OPEN', 'L', 1]];
    const rows = [
      ['E00000001', 'Oakham North', '   1204', '  12.50', '20210321', 'T'],
      ['E00000002', '', '', 'x', '19991231', '?'],
      ['E00000003', new TextEncoder().encode('Ynys Môn'), '0', '-3', '20000101', 'n'],
    ];
    const utf8 = dbf(fields, rows);
    expect(readDbf(utf8, 'utf-8')).toEqual(await viaPackage(utf8, 'utf-8'));
    const cp1252 = dbf(fields, [['W05000001', new Uint8Array([0x59, 0x6e, 0x79, 0x73, 0x20, 0x4d, 0xf4, 0x6e]), '1', '1', '20200101', 'Y']]);
    const got = readDbf(cp1252, 'windows-1252');
    expect(got).toEqual(await viaPackage(cp1252, 'windows-1252'));
    expect(got[0].NAME).toBe('Ynys Môn');
    expect(readDbf(utf8, 'utf-8', 2)).toHaveLength(2);
  });
});
