// The boundary importer's bulk write (insertEncodedFeatures) puts 64 rows to an
// INSERT with the ids SQLite would have given, and packs the R-tree at the end
// straight into its shadow tables (rtree-pack.ts). Against the one-row-at-a-time
// path with the GeoPackage's own insert trigger (insertFeatures): the same fids,
// attributes and R-tree entries, also after deletions where AUTOINCREMENT skips
// ids; and SQLite's own rtreecheck() finds the packed tree sound.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as GeoJSON from 'geojson';
import { createFeatureTable, initGeoPackage, insertFeatures } from '../../electron/store/gpkg';
import { insertEncodedFeatures } from '../../electron/store/gpkg-features';
import { BlobSlab } from '../../electron/store/gpkg-flat-geometry';
import { encodeGeometry } from '../../electron/store/gpkg-geometry';

/** n squares on a jittered 13-column grid, some with a hole, each with a code. */
function areas(n: number, from = 0, west = 0): { geometry: GeoJSON.MultiPolygon; properties: { code: string } }[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    const x = (i % 13) * 0.01 + (i % 7) * 0.0003 - west;
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
  const check = (table: string) => db.prepare('SELECT rtreecheck(?)').pluck().get(`rtree_${table}_geom`);
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

  it('says when a batch is written, so the next batch\'s blobs may overwrite the memory of the last (the boundary import\'s one slab)', () => {
    const features = areas(64 * 2 + 5);
    insertFeatures(db, 'one_by_one', features);
    const slab = new BlobSlab();
    const written: number[] = [];
    let made = 0;
    function* encoded() {
      for (const f of features) {
        const blob = encodeGeometry(f.geometry);
        // Every blob of a batch at the slab's start again after each batchWritten: were a batch
        // written after its memory was reused, its rows would hold the next batch's bytes.
        const copy = slab.take(blob.length);
        blob.copy(copy);
        made++;
        yield { geometry: copy, properties: f.properties };
      }
    }
    insertEncodedFeatures(db, 'bulk', encoded(), () => {
      written.push(made);
      slab.reuse();
    });
    expect(written).toEqual([64, 128, 133]);
    expect(rows('bulk')).toEqual(rows('one_by_one'));
    expect(index('bulk')).toEqual(index('one_by_one'));
  });

  it('continues after AUTOINCREMENT\'s counter when the last rows were deleted', () => {
    write(areas(70));
    for (const table of ['one_by_one', 'bulk']) db.prepare(`DELETE FROM ${table} WHERE fid > 60`).run();
    write(areas(5, 70));
    expect(rows('bulk')).toEqual(rows('one_by_one'));
    expect(index('bulk')).toEqual(index('one_by_one'));
    expect(rows('bulk').slice(-5).map((r) => (r as unknown[])[0])).toEqual([71, 72, 73, 74, 75]);
    expect(check('bulk')).toBe('ok');
  });

  it('replaces an R-tree entry left under a new id by a tool that bypassed the triggers, as the insert trigger does', () => {
    write(areas(70));
    // A stale entry for fid 71, which no feature has yet (its row deleted past the delete trigger): a far-off box.
    for (const table of ['one_by_one', 'bulk']) db.prepare(`INSERT INTO rtree_${table}_geom VALUES (71, 50, 51, 50, 51)`).run();
    write(areas(5, 70));
    expect(rows('bulk')).toEqual(rows('one_by_one'));
    // The feature table is the truth: fid 71's entry is its geometry's box (area i = 70: column 70 % 13 = 5, row 5, so x and y from 0.05), not the stale one.
    expect(index('bulk')).toEqual(index('one_by_one'));
    const [, minx, , miny] = (index('bulk') as number[][]).find((e) => e[0] === 71)!;
    expect([minx, miny].map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0.05, 0.05]);
    expect(index('bulk')).toHaveLength(75);
    expect(check('bulk')).toBe('ok');
  });

  it('packs a tree of several levels that SQLite checks, queries and edits like its own', () => {
    // 3000 boxes west of Greenwich (negative x rounds outwards the other way): 59 leaves of
    // at most 51 cells, two inner nodes and the root, so the root's depth is 2.
    write(areas(3000, 0, 1.3));
    expect(index('bulk')).toEqual(index('one_by_one'));
    expect(check('bulk')).toBe('ok');
    expect(db.prepare("SELECT COUNT(*) FROM rtree_bulk_geom_node").pluck().get()).toBe(59 + 2 + 1);
    expect((db.prepare('SELECT data FROM rtree_bulk_geom_node WHERE nodeno = 1').pluck().get() as Buffer).readUInt16BE(0)).toBe(2);
    // Window queries through the R-tree find what a scan of the entries finds.
    const entries = index('one_by_one') as number[][];
    const rand = ((seed) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32))(7);
    for (let t = 0; t < 50; t++) {
      const x0 = -1.3 + rand() * 0.13, y0 = rand() * 2.3, w = rand() * 0.05, h = rand() * 0.1;
      const want = entries.filter(([, minx, maxx, miny, maxy]) => maxx >= x0 && minx <= x0 + w && maxy >= y0 && miny <= y0 + h).map((e) => e[0]);
      const got = db.prepare('SELECT id FROM rtree_bulk_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id').pluck().all(x0, x0 + w, y0, y0 + h);
      expect(got).toEqual(want);
    }
    // The GeoPackage triggers keep editing it afterwards, one feature at a time.
    db.prepare('DELETE FROM bulk WHERE fid % 3 = 0').run();
    insertFeatures(db, 'bulk', areas(40, 3000, 1.3));
    db.prepare('UPDATE bulk SET geom = (SELECT geom FROM bulk WHERE fid = 1) WHERE fid = 2').run();
    expect(check('bulk')).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM rtree_bulk_geom').pluck().get()).toBe(2000 + 40);
  });
});
