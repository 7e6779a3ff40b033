// The map's arrays kept in the project (migration 9): the import makes them, so
// getAreaGeometry answers from the project without decoding a single
// GeoPackage blob, in this session or the next; a re-imported level is never
// the old shapes; a read-only project or a stale cache still answers (from
// the blobs); and a schema 8 project gains the empty cache table.
import Database from 'better-sqlite3';
import type { Position } from 'geojson';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importBoundaries } from '../../electron/importers/index';
import { areaGeometry } from '../../electron/services/area-geometry';
import { initGeoPackage } from '../../electron/store/gpkg';
import * as flatRead from '../../electron/store/gpkg-flat-read';
import { createProject, openProject, openProjectReadOnly, type Project } from '../../electron/store/project';
import { migrate, MIGRATIONS, projectSchemaVersion, SCHEMA_VERSION } from '../../electron/store/schema';
import { scratchDir } from '../store/helpers';

vi.mock('../../electron/store/gpkg-flat-read', async (original) => {
  const real = await original<typeof import('../../electron/store/gpkg-flat-read')>();
  return { ...real, readFlatPolygons: vi.fn(real.readFlatPolygons) };
});
const blobReads = () => vi.mocked(flatRead.readFlatPolygons).mock.calls.length;

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const boundaries = (areas: [string, number][]) => ({
  name: 'areas.geojson',
  data: new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: areas.map(([code, x]) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [square(x, 50, 1)] } })),
    }),
  ),
});

let scratch: ReturnType<typeof scratchDir>;
const open: Project[] = [];
const track = (p: Project) => (open.push(p), p);
beforeEach(() => {
  scratch = scratchDir();
  vi.mocked(flatRead.readFlatPolygons).mockClear();
});
afterEach(() => {
  for (const p of open.splice(0)) if (p.db.open) p.close();
  scratch.remove();
});

const cachedRows = (p: Project) => p.db.prepare("SELECT count(*) FROM cgm_area_geometry_cache WHERE level = 'OA'").pluck().get() as number;

describe('the map’s arrays kept in the project', () => {
  it('are made by the import and read from the project after it, equal to the ones built from the blobs', async () => {
    const file = scratch.file('p.gpkg');
    const first = track(createProject(file));
    await importBoundaries(first, boundaries([['A', 0], ['B', 2], ['C', 4]]), { level: 'OA', codeField: 'code' });
    // The import built them from the polygons it wrote, reading no blob back; six arrays, one chunk each.
    expect(blobReads()).toBe(0);
    expect(cachedRows(first)).toBe(6);
    const built = areaGeometry(first.db, 'OA');
    expect(blobReads()).toBe(0);
    first.close();

    const again = track(openProject(file));
    const read = areaGeometry(again.db, 'OA');
    expect(blobReads()).toBe(0);
    expect(read.codes).toEqual(['A', 'B', 'C']);
    for (const part of ['positions', 'polygonStarts', 'polygonArea', 'ringStarts', 'polygonRings', 'triangles'] as const) {
      expect(read[part]).toBeInstanceOf(built[part].constructor);
      expect([...read[part]]).toEqual([...built[part]]);
    }
    expect(read.bbox).toEqual([0, 50, 5, 51]);
    // Two triangles a square.
    expect(read.triangles).toHaveLength(3 * 2 * 3);
  });

  it('are rebuilt after a shape is changed by SQL from outside the app, which stamps nothing and keeps the keys', async () => {
    const file = scratch.file('p.gpkg');
    const p = track(createProject(file));
    await importBoundaries(p, boundaries([['A', 0], ['B', 2], ['C', 4]]), { level: 'OA', codeField: 'code' });
    const table = p.db.prepare("SELECT table_name FROM gpkg_contents WHERE table_name LIKE 'area_%'").pluck().get() as string;
    const stamp = () => p.db.prepare('SELECT last_change FROM gpkg_contents WHERE table_name = ?').pluck().get(table);
    const before = stamp();
    // As `ogrinfo p.gpkg -sql "UPDATE …"` would: A takes C's square; the GeoPackage triggers move its R-tree box.
    p.db.prepare(`UPDATE ${table} SET geom = (SELECT geom FROM ${table} WHERE code = 'C') WHERE code = 'A'`).run();
    expect(stamp()).toBe(before);
    const read = areaGeometry(p.db, 'OA');
    expect(blobReads()).toBe(1);
    const a = read.codes.indexOf('A');
    const xs = [...read.positions.slice(2 * read.polygonStarts[a], 2 * read.polygonStarts[a + 1])].filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBe(4);
  });

  it('are never the old shapes once the level is imported again, in this session or the next', async () => {
    const file = scratch.file('p.gpkg');
    const p = track(createProject(file));
    await importBoundaries(p, boundaries([['A', 0], ['B', 2], ['C', 4]]), { level: 'OA', codeField: 'code' });
    areaGeometry(p.db, 'OA');
    // Same number of areas and the same keys: only the shapes and codes differ.
    await importBoundaries(p, boundaries([['X', 10], ['Y', 12], ['Z', 14]]), { level: 'OA', codeField: 'code' });
    // The import replaced the old arrays with its own: one set of six.
    expect(cachedRows(p)).toBe(6);
    const now = areaGeometry(p.db, 'OA');
    expect(now.codes).toEqual(['X', 'Y', 'Z']);
    expect(now.bbox).toEqual([10, 50, 15, 51]);
    p.close();
    const next = track(openProject(file));
    expect(areaGeometry(next.db, 'OA').bbox).toEqual([10, 50, 15, 51]);
    expect(blobReads()).toBe(0);
  });

  it('are not read when the table changed behind the app (its last_change stamped, as GDAL and QGIS do)', async () => {
    const file = scratch.file('p.gpkg');
    const p = track(createProject(file));
    await importBoundaries(p, boundaries([['A', 0], ['B', 2]]), { level: 'OA', codeField: 'code' });
    p.close();
    const other = new Database(file);
    other.prepare("UPDATE gpkg_contents SET last_change = '2030-01-01T00:00:00.000Z' WHERE table_name = 'area_oa'").run();
    other.close();
    const next = track(openProject(file));
    expect(areaGeometry(next.db, 'OA').codes).toEqual(['A', 'B']);
    expect(blobReads()).toBe(1);
    // Read again and kept under the new stamp: the next ask reads no blob.
    areaGeometry(track(openProject(file)).db, 'OA');
    expect(blobReads()).toBe(1);
  });

  it('still answer from a read-only project, which is left as it was', async () => {
    const file = scratch.file('p.gpkg');
    const p = track(createProject(file));
    await importBoundaries(p, boundaries([['A', 0]]), { level: 'OA', codeField: 'code' });
    p.db.prepare('DELETE FROM cgm_area_geometry_cache').run();
    p.close();
    const ro = track(openProjectReadOnly(file));
    expect(areaGeometry(ro.db, 'OA').codes).toEqual(['A']);
    expect(cachedRows(ro)).toBe(0);
  });

  it('come with migration 9: a schema 8 project opens upgraded to the latest, its cache empty', () => {
    const file = scratch.file('v8.gpkg');
    const old = new Database(file);
    initGeoPackage(old);
    migrate(old, MIGRATIONS, 8);
    expect(() => old.prepare('SELECT 1 FROM cgm_area_geometry_cache').get()).toThrow(/no such table/);
    old.close();
    const p = track(openProject(file));
    expect(MIGRATIONS[9]).toContain('CREATE TABLE cgm_area_geometry_cache');
    expect(projectSchemaVersion(p.db)).toBe(SCHEMA_VERSION);
    expect(p.db.prepare('SELECT count(*) FROM cgm_area_geometry_cache').pluck().get()).toBe(0);
  });
});
