import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as GeoJSON from 'geojson';
import {
  createFeatureTable,
  dropFeatureTable,
  initGeoPackage,
  hasFeatureTable,
  insertFeatures,
  listFeatureTables,
  readColumns,
  readFeatures,
} from '../../electron/store/gpkg';
import { encodeGeometry } from '../../electron/store/gpkg-geometry';
import { point, square } from './helpers';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  initGeoPackage(db);
});
afterEach(() => db.close());

const count = (sql: string, ...params: unknown[]): number =>
  (db.prepare(sql).get(...params) as { n: number }).n;

function sites(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    geometry: point(i, i * 2),
    properties: { name: `site ${i}`, kind: i % 2 ? 'gp' : 'pharmacy', beds: i },
  }));
}

function createSites(): void {
  createFeatureTable(db, {
    table: 'sites',
    geometryType: 'POINT',
    columns: [
      { name: 'name', type: 'TEXT' },
      { name: 'kind', type: 'TEXT' },
      { name: 'beds', type: 'INTEGER' },
    ],
    title: 'Service sites',
  });
}

describe('initGeoPackage', () => {
  it('sets the GeoPackage 1.3 header values and the required SRS rows', () => {
    expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
    expect(db.pragma('user_version', { simple: true })).toBe(10300);
    const ids = (db.prepare('SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id').all() as { srs_id: number }[]).map(
      (r) => r.srs_id,
    );
    expect(ids).toEqual([-1, 0, 4326, 27700]);
    initGeoPackage(db); // idempotent
    expect(count('SELECT COUNT(*) AS n FROM gpkg_spatial_ref_sys')).toBe(4);
  });
});

describe('feature tables', () => {
  it('registers the table, its geometry column and an R-tree with the six standard triggers', () => {
    createSites();
    expect(db.prepare("SELECT data_type, identifier, srs_id FROM gpkg_contents WHERE table_name = 'sites'").get()).toEqual({
      data_type: 'features',
      identifier: 'Service sites',
      srs_id: 4326,
    });
    expect(db.prepare("SELECT column_name, geometry_type_name, z, m FROM gpkg_geometry_columns").get()).toEqual({
      column_name: 'geom',
      geometry_type_name: 'POINT',
      z: 0,
      m: 0,
    });
    expect(db.prepare('SELECT extension_name, scope FROM gpkg_extensions').all()).toEqual([
      { extension_name: 'gpkg_rtree_index', scope: 'write-only' },
    ]);
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_sites_geom_%' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name.replace('rtree_sites_geom_', ''));
    expect(triggers).toEqual(['delete', 'insert', 'update1', 'update2', 'update3', 'update4']);
  });

  it('refuses unsafe names, duplicates and unknown SRS', () => {
    const spec = { geometryType: 'POINT' as const, columns: [] };
    expect(() => createFeatureTable(db, { ...spec, table: 'gpkg_things' })).toThrow(/Invalid feature table name/);
    expect(() => createFeatureTable(db, { ...spec, table: 'a b' })).toThrow(/Invalid feature table name/);
    expect(() => createFeatureTable(db, { ...spec, table: 'x', columns: [{ name: 'geom', type: 'TEXT' }] })).toThrow(
      /column name "geom"/,
    );
    expect(() => createFeatureTable(db, { ...spec, table: 'x', srsId: 3857 })).toThrow(/Unknown spatial reference system 3857/);
    createSites();
    expect(() => createSites()).toThrow(/already exists/);
  });

  it('inserts features, widens the extent in gpkg_contents and reads them back by fid', () => {
    createSites();
    expect(insertFeatures(db, 'sites', sites(3))).toBe(3);
    const first = db.prepare("SELECT min_x, min_y, max_x, max_y, last_change FROM gpkg_contents WHERE table_name = 'sites'").get() as Record<string, unknown>;
    expect(first).toMatchObject({ min_x: 0, min_y: 0, max_x: 2, max_y: 4 });
    expect(first.last_change).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    insertFeatures(db, 'sites', [
      { geometry: point(-5, 10), properties: { name: 'far', extra: 'ignored' } },
      { geometry: null, properties: { name: 'no location' } },
    ]);
    expect(listFeatureTables(db)).toEqual([
      { table: 'sites', title: 'Service sites', geometryType: 'POINT', featureCount: 5, bbox: [-5, 0, 2, 10], srsId: 4326 },
    ]);
    const fc = readFeatures(db, 'sites');
    expect(fc.features.map((f) => f.id)).toEqual([1, 2, 3, 4, 5]);
    expect(fc.features[3]).toEqual({
      type: 'Feature',
      id: 4,
      geometry: point(-5, 10),
      properties: { name: 'far', kind: null, beds: null },
    });
    expect(fc.features[4].geometry).toBeNull();
    // Null and empty geometries stay out of the index, as with the standard triggers.
    expect(count('SELECT COUNT(*) AS n FROM rtree_sites_geom')).toBe(4);
  });

  it('filters by bbox through the R-tree, by one column value, and returns chosen columns', () => {
    createSites();
    insertFeatures(db, 'sites', sites(10));
    const inBox = readFeatures(db, 'sites', { bbox: [2, 4, 4, 8] });
    expect(inBox.features.map((f) => f.id)).toEqual([3, 4, 5]);
    const gps = readFeatures(db, 'sites', { where: { column: 'kind', equals: 'gp' }, columns: ['name'] });
    expect(gps.features.map((f) => f.properties)).toEqual([1, 3, 5, 7, 9].map((i) => ({ name: `site ${i}` })));
    const both = readFeatures(db, 'sites', { bbox: [0, 0, 5, 10], where: { column: 'beds', equals: 4 } });
    expect(both.features.map((f) => f.id)).toEqual([5]);
    expect(() => readFeatures(db, 'sites', { columns: ['nope'] })).toThrow(/Unknown column "nope"/);
    expect(() => readFeatures(db, 'missing')).toThrow(/not a feature table/);
  });

  it('reads chosen columns as arrays in fid order, as readFeatures gives them', () => {
    createSites();
    // 2,500 rows, a deleted one leaving a gap in the fids.
    insertFeatures(db, 'sites', sites(2_500));
    db.prepare('DELETE FROM sites WHERE fid = 1001').run();
    const [names, beds] = readColumns(db, 'sites', ['name', 'beds']);
    expect(names).toHaveLength(2_499);
    expect(names[999]).toBe('site 999');
    expect(names[1000]).toBe('site 1001');
    expect(beds[2498]).toBe(2_499);
    const features = readFeatures(db, 'sites', { columns: ['name', 'beds'], geometry: false }).features;
    expect(names).toEqual(features.map((f) => f.properties?.name));
    expect(beds).toEqual(features.map((f) => f.properties?.beds));
    expect(() => readColumns(db, 'sites', ['nope'])).toThrow(/Unknown column "nope"/);
  });

  it('promotes single parts into multi-part layers and refuses other type mismatches', () => {
    createFeatureTable(db, { table: 'areas', geometryType: 'MULTIPOLYGON', columns: [] });
    insertFeatures(db, 'areas', [{ geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] }, properties: {} }]);
    expect(readFeatures(db, 'areas').features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)]] });
    expect(() => insertFeatures(db, 'areas', [{ geometry: point(0, 0), properties: {} }])).toThrow(
      /Cannot store a Point in "areas", whose geometry type is MULTIPOLYGON/,
    );
  });

  it('keeps the R-tree in step with edits made in plain SQL, as QGIS would make them', () => {
    createSites();
    insertFeatures(db, 'sites', sites(3));
    db.prepare('INSERT INTO sites (geom, name) VALUES (?, ?)').run(encodeGeometry(point(50, 50)), 'via trigger');
    db.prepare('UPDATE sites SET geom = ? WHERE fid = 1').run(encodeGeometry(point(100, 100)));
    db.prepare('DELETE FROM sites WHERE fid = 2').run();
    db.prepare('UPDATE sites SET geom = NULL WHERE fid = 3').run();
    const rtree = db.prepare('SELECT id, minx, miny FROM rtree_sites_geom ORDER BY id').all();
    expect(rtree).toEqual([
      { id: 1, minx: 100, miny: 100 },
      { id: 4, minx: 50, miny: 50 },
    ]);
    expect(readFeatures(db, 'sites', { bbox: [99, 99, 101, 101] }).features.map((f) => f.id)).toEqual([1]);
  });

  it('rolls back a failed batch completely, restoring the insert trigger', () => {
    createSites();
    insertFeatures(db, 'sites', sites(2));
    function* bad(): Generator<{ geometry: GeoJSON.Geometry; properties: Record<string, unknown> }> {
      yield { geometry: point(9, 9), properties: {} };
      throw new Error('parse error on row 2');
    }
    expect(() => insertFeatures(db, 'sites', bad())).toThrow('parse error on row 2');
    expect(count('SELECT COUNT(*) AS n FROM sites')).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM rtree_sites_geom')).toBe(2);
    expect(count("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'rtree_sites_geom_insert'")).toBe(1);
  });

  it('drops a table with its index, triggers and registrations', () => {
    createSites();
    insertFeatures(db, 'sites', sites(2));
    dropFeatureTable(db, 'sites');
    expect(count("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE '%sites%'")).toBe(0);
    for (const t of ['gpkg_contents', 'gpkg_geometry_columns', 'gpkg_extensions']) {
      expect(count(`SELECT COUNT(*) AS n FROM ${t}`)).toBe(0);
    }
    dropFeatureTable(db, 'sites'); // no-op when absent
    expect(hasFeatureTable(db, 'sites')).toBe(false);
    createSites();
    expect(listFeatureTables(db)[0].featureCount).toBe(0);
    expect(hasFeatureTable(db, 'sites')).toBe(true);
  });

  it('says whether a feature table is there as listFeatureTables lists them: not a plain or an attributes table', () => {
    createSites();
    db.exec('CREATE TABLE notes (fid INTEGER PRIMARY KEY, text TEXT)');
    db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('notes', 'attributes', 'notes')").run();
    db.exec('CREATE TABLE plain (x)');
    const listed = new Set(listFeatureTables(db).map((t) => t.table));
    for (const table of ['sites', 'notes', 'plain', 'nowhere']) expect(hasFeatureTable(db, table)).toBe(listed.has(table));
    expect(listed).toEqual(new Set(['sites']));
  });

  // Speed is bench/'s business (a timed floor here failed under a shared machine's load); this checks that a
  // bulk insert indexes every point where it is.
  it('bulk-inserts 100,000 points, each in the R-tree at its own position', () => {
    createSites();
    const n = 100_000;
    const features = sites(n);
    insertFeatures(db, 'sites', features);
    expect(count('SELECT COUNT(*) AS n FROM rtree_sites_geom')).toBe(n);
    expect(count('SELECT COUNT(*) AS n FROM sites s JOIN rtree_sites_geom r ON r.id = s.fid WHERE r.minx <= s.beds AND r.maxx >= s.beds AND r.miny <= 2 * s.beds AND r.maxy >= 2 * s.beds AND r.maxx - r.minx < 1e-3')).toBe(n);
  });
});
