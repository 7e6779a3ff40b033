// The boundary importer's bulk write (insertEncodedFeatures) puts 64 rows to an
// INSERT with the ids SQLite would have given, and fills the R-tree at the end
// in space-filling-curve order. Against the one-row-at-a-time path with the
// GeoPackage's own insert trigger (insertFeatures): the same fids, attributes
// and R-tree entries, also after deletions where AUTOINCREMENT skips ids.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as GeoJSON from 'geojson';
import { createFeatureTable, initGeoPackage, insertFeatures } from '../../electron/store/gpkg';
import { insertEncodedFeatures } from '../../electron/store/gpkg-features';
import { encodeGeometry } from '../../electron/store/gpkg-geometry';

/** n squares on a jittered 13-column grid, some with a hole, each with a code. */
function areas(n: number, from = 0): { geometry: GeoJSON.MultiPolygon; properties: { code: string } }[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    const x = (i % 13) * 0.01 + (i % 7) * 0.0003;
    const y = Math.floor(i / 13) * 0.01 - (i % 5) * 0.0002;
    const outer = [[x, y], [x + 0.008, y], [x + 0.008, y + 0.007], [x, y + 0.007], [x, y]];
    const hole = [[x + 0.002, y + 0.002], [x + 0.002, y + 0.004], [x + 0.004, y + 0.004], [x + 0.002, y + 0.002]];
    return { geometry: { type: 'MultiPolygon', coordinates: [i % 3 ? [outer] : [outer, hole]] }, properties: { code: `E00${String(i).padStart(6, '0')}` } };
  });
}

describe('bulk feature writes', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    initGeoPackage(db);
    for (const table of ['one_by_one', 'bulk']) createFeatureTable(db, { table, geometryType: 'MULTIPOLYGON', columns: [{ name: 'code', type: 'TEXT' }] });
  });
  afterEach(() => db.close());

  const rows = (table: string) => db.prepare(`SELECT fid, code, geom FROM ${table} ORDER BY fid`).raw().all();
  const index = (table: string) => db.prepare(`SELECT id, minx, maxx, miny, maxy FROM rtree_${table}_geom ORDER BY id`).raw().all();
  const write = (features: ReturnType<typeof areas>) => {
    insertFeatures(db, 'one_by_one', features);
    insertEncodedFeatures(db, 'bulk', features.map((f) => ({ geometry: encodeGeometry(f.geometry), properties: f.properties })));
  };

  it('gives the ids, rows and R-tree entries the insert trigger gives, over several batches and a partial one', () => {
    write(areas(64 * 3 + 17));
    expect(rows('bulk')).toEqual(rows('one_by_one'));
    expect(index('bulk')).toEqual(index('one_by_one'));
    expect(index('bulk')).toHaveLength(64 * 3 + 17);
    expect(rows('bulk').map((r) => (r as unknown[])[0])).toEqual(Array.from({ length: 64 * 3 + 17 }, (_, i) => i + 1));
    // The insert trigger is back for later single edits.
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'rtree_bulk_geom_insert'").pluck().get()).toBe(1);
  });

  it('continues after AUTOINCREMENT\'s counter when the last rows were deleted', () => {
    write(areas(70));
    for (const table of ['one_by_one', 'bulk']) db.prepare(`DELETE FROM ${table} WHERE fid > 60`).run();
    write(areas(5, 70));
    expect(rows('bulk')).toEqual(rows('one_by_one'));
    expect(index('bulk')).toEqual(index('one_by_one'));
    expect(rows('bulk').slice(-5).map((r) => (r as unknown[])[0])).toEqual([71, 72, 73, 74, 75]);
  });
});
