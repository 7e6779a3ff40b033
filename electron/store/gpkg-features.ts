// Reading and writing features of a GeoPackage feature table, ours or one
// written by GDAL (whose primary key and geometry column may be named
// differently).

import type Database from 'better-sqlite3';
import type * as GeoJSON from 'geojson';
import { registerGpkgFunctions } from './gpkg-functions';
import { decodeGeometry, encodeGeometry, type Envelope } from './gpkg-geometry';
import { packRtree, SpatialBoxes } from './rtree-pack';

export interface ReadFeaturesOptions {
  /** [minX, minY, maxX, maxY]: features whose envelope intersects it (via the R-tree when there is one). */
  bbox?: [number, number, number, number];
  /** Attribute columns to return (default: all). */
  columns?: string[];
  /** Rows whose column equals a value, or (`in`) any of a list of values. */
  where?: { column: string; equals: string | number } | { column: string; in: readonly (string | number)[] };
  /** false: attributes only, every geometry null (a caller that reads the geometry as flat arrays). */
  geometry?: boolean;
  /**
   * Read a chunk of rows at a time, each its own statement, so the file's shared lock is held only
   * while a chunk is read and a save on another connection waits for that, not for a whole national
   * table. For a whole-table read whose caller checks the project did not change meanwhile (the
   * exports, through readUnchanged); a filtered read stays one statement (a `where in` or bbox
   * subquery would run again for every chunk) and one snapshot.
   */
  chunked?: boolean;
}

export interface TableShape {
  geomColumn: string;
  geometryType: string;
  srsId: number;
  /** Primary key column, or 'rowid' for tables without an integer key. */
  pk: string;
  attributes: string[];
  hasRtree: boolean;
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableShape(db: Database.Database, table: string): TableShape {
  const g = db
    .prepare('SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?')
    .get(table) as { column_name: string; geometry_type_name: string; srs_id: number } | undefined;
  if (!g) throw new Error(`"${table}" is not a feature table in this GeoPackage`);
  const info = db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string; type: string; pk: number }[];
  const pkCol = info.find((c) => c.pk === 1 && c.type.toUpperCase() === 'INTEGER');
  const pk = pkCol?.name ?? 'rowid';
  const attributes = info.map((c) => c.name).filter((n) => n !== pk && n !== g.column_name);
  const rtree = `rtree_${table}_${g.column_name}`;
  const hasRtree = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(rtree) !== undefined;
  return { geomColumn: g.column_name, geometryType: g.geometry_type_name.toUpperCase(), srsId: g.srs_id, pk, attributes, hasRtree };
}

// Boundary files mix Polygon and MultiPolygon; the GeoPackage spec wants one
// type per column, so single parts are promoted rather than rejected.
function conform(geometry: GeoJSON.Geometry, declared: string, table: string): GeoJSON.Geometry {
  if (declared === 'GEOMETRY') return geometry;
  if (declared === 'MULTIPOLYGON' && geometry.type === 'Polygon') {
    return { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
  }
  if (declared === 'MULTILINESTRING' && geometry.type === 'LineString') {
    return { type: 'MultiLineString', coordinates: [geometry.coordinates] };
  }
  if (declared === 'MULTIPOINT' && geometry.type === 'Point') {
    return { type: 'MultiPoint', coordinates: [geometry.coordinates] };
  }
  if (geometry.type.toUpperCase() !== declared) {
    throw new Error(`Cannot store a ${geometry.type} in "${table}", whose geometry type is ${declared}`);
  }
  return geometry;
}

function toSqlValue(v: unknown): string | number | bigint | Buffer | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'bigint' || Buffer.isBuffer(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/**
 * Appends features in one transaction (a savepoint when the caller already
 * holds one) and widens the layer's extent in gpkg_contents. Properties that
 * are not columns of the table are ignored; missing ones are NULL.
 */
export function insertFeatures(
  db: Database.Database,
  table: string,
  features: Iterable<{ geometry: GeoJSON.Geometry | null; properties: Record<string, unknown> | null }>,
): number {
  return insertRows(db, table, features, 1, undefined, (geometry, shape) =>
    geometry ? encodeGeometry(conform(geometry, shape.geometryType, table), shape.srsId) : null,
  );
}

/**
 * insertFeatures for geometries already encoded as GeoPackage blobs with an XY
 * envelope (e.g. encodeFlatMultiPolygon), in the table's SRS: the bulk path of
 * the boundary importer, which never builds GeoJSON. The blob's WKB type must
 * be the column's declared type. `batchWritten` is called once each batch of
 * rows has been written (SQLite keeps copies), so the blobs handed in so far
 * may be overwritten: features can encode each blob into reused memory.
 */
export function insertEncodedFeatures(
  db: Database.Database,
  table: string,
  features: Iterable<{ geometry: Buffer | null; properties: Record<string, unknown> | null }>,
  batchWritten?: () => void,
): number {
  return insertRows(db, table, features, ENCODED_ROWS_PER_INSERT, batchWritten, (blob, shape) => {
    if (!blob) return null;
    const wkbAt = 8 + ENVELOPE_BYTES[(blob[3] >> 1) & 0x07];
    const type = blob.readUInt32LE(wkbAt + 1);
    if (shape.geometryType !== 'GEOMETRY' && WKB_TYPE_NAMES[type] !== shape.geometryType) {
      throw new Error(`Cannot store a ${WKB_TYPE_NAMES[type] ?? `WKB type ${type}`} blob in "${table}", whose geometry type is ${shape.geometryType}`);
    }
    return blob;
  });
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64, 0, 0, 0];
const WKB_TYPE_NAMES: Record<number, string> = {
  1: 'POINT', 2: 'LINESTRING', 3: 'POLYGON', 4: 'MULTIPOINT', 5: 'MULTILINESTRING', 6: 'MULTIPOLYGON', 7: 'GEOMETRYCOLLECTION',
};

/**
 * Rows per INSERT on the bulk path (190k boundaries): one statement call per
 * row, and another per R-tree entry, were most of writing a national layer.
 */
const ENCODED_ROWS_PER_INSERT = 64;

function insertRows<G>(
  db: Database.Database,
  table: string,
  features: Iterable<{ geometry: G | null; properties: Record<string, unknown> | null }>,
  rowsPerInsert: number,
  batchWritten: (() => void) | undefined,
  blobOf: (geometry: G | null, shape: TableShape) => Buffer | null,
): number {
  registerGpkgFunctions(db);
  const shape = tableShape(db, table);
  const cols = [shape.geomColumn, ...shape.attributes];
  const extent: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  const attrs = shape.attributes;
  let count = 0;
  db.transaction(() => {
    // The standard insert trigger calls five JS functions per row (~50k rows/s).
    // Like GDAL's bulk load, we lift it for the batch and fill the R-tree from
    // the envelope we already have (~3x faster); the DDL is part of this
    // transaction, so a failed batch restores the trigger with everything else.
    const rtree = shape.hasRtree ? `rtree_${table}_${shape.geomColumn}` : null;
    const trigger = rtree
      ? (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(`${rtree}_insert`) as
          | { sql: string }
          | undefined)
      : undefined;
    // Several rows to a statement need their ids up front: the ones SQLite would
    // have given one row at a time (after the largest id, or AUTOINCREMENT's counter).
    const batched = rowsPerInsert > 1;
    let nextId = batched ? firstFreeId(db, table, shape.pk) : 0;
    const rowCols = batched ? [shape.pk, ...cols] : cols;
    const width = rowCols.length;
    const rowSql = (k: number) =>
      `INSERT INTO ${q(table)} (${rowCols.map(q).join(', ')}) VALUES ${new Array(k).fill(`(${rowCols.map(() => '?').join(', ')})`).join(', ')}`;
    const stmt = db.prepare(rowSql(rowsPerInsert));
    const index = rtree && !batched ? db.prepare(`INSERT OR REPLACE INTO ${q(rtree)} VALUES (?, ?, ?, ?, ?)`) : null;
    const params: unknown[] = new Array(rowsPerInsert * width);
    // Batched, the R-tree is packed at the end from all the boxes at once (rtree-pack.ts).
    const boxes = new SpatialBoxes();
    let pending = 0;
    const flush = () => {
      if (pending === rowsPerInsert) stmt.run(params);
      else if (pending > 0) db.prepare(rowSql(pending)).run(params.slice(0, pending * width));
      pending = 0;
      batchWritten?.();
    };
    for (const f of features) {
      // Lifted on the first row so an empty batch leaves the schema untouched.
      if (trigger && count === 0) db.exec(`DROP TRIGGER ${q(`${rtree}_insert`)}`);
      const blob = blobOf(f.geometry, shape);
      const at = pending * width;
      if (batched) params[at] = nextId;
      const g = batched ? at + 1 : at;
      params[g] = blob;
      const props = f.properties ?? {};
      for (let i = 0; i < attrs.length; i++) params[g + i + 1] = toSqlValue(props[attrs[i]]);
      const id = batched ? nextId++ : stmt.run(params).lastInsertRowid;
      if (batched) pending++;
      count++;
      // The header envelope is absent only for empty geometries, which the R-tree omits.
      if (blob && blob[3] & 0x02) {
        const minX = blob.readDoubleLE(8);
        const maxX = blob.readDoubleLE(16);
        const minY = blob.readDoubleLE(24);
        const maxY = blob.readDoubleLE(32);
        if (minX < extent[0]) extent[0] = minX;
        if (minY < extent[1]) extent[1] = minY;
        if (maxX > extent[2]) extent[2] = maxX;
        if (maxY > extent[3]) extent[3] = maxY;
        if (batched) boxes.push(id as number, minX, maxX, minY, maxY);
        else index?.run(id, minX, maxX, minY, maxY);
      }
      if (pending === rowsPerInsert) flush();
    }
    flush();
    if (rtree && batched && boxes.length > 0) packRtree(db, rtree, boxes);
    if (trigger && count > 0) db.exec(trigger.sql);
    if (count > 0) updateContents(db, table, extent[0] <= extent[2] ? extent : null);
  })();
  return count;
}

/** The id SQLite would give the next row: one past the largest, or past AUTOINCREMENT's counter when that is higher. */
function firstFreeId(db: Database.Database, table: string, pk: string): number {
  const max = Number(db.prepare(`SELECT MAX(${q(pk)}) FROM ${q(table)}`).pluck().get() ?? 0);
  const hasSequence = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get() !== undefined;
  const seq = hasSequence ? Number(db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) ?? 0) : 0;
  return Math.max(max, seq) + 1;
}

function updateContents(db: Database.Database, table: string, added: Envelope | null): void {
  const cur = db.prepare('SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?').get(table) as
    | { min_x: number | null; min_y: number | null; max_x: number | null; max_y: number | null }
    | undefined;
  if (!cur) return;
  let env: (number | null)[] = [cur.min_x, cur.min_y, cur.max_x, cur.max_y];
  if (added) {
    env =
      env.some((v) => v === null)
        ? added
        : [Math.min(env[0]!, added[0]), Math.min(env[1]!, added[1]), Math.max(env[2]!, added[2]), Math.max(env[3]!, added[3])];
  }
  db.prepare(
    `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
       last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?`,
  ).run(...env, table);
}

function intersects(a: Envelope, b: readonly number[]): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** Rows a read statement takes at a time (a few milliseconds of a national level). */
const READ_CHUNK_ROWS = 1000;

/**
 * Attribute columns of a table, in fid order, one array per column: what a
 * national read of codes and names needs without a GeoJSON feature (and its
 * properties object) per row. One statement, so one snapshot (as readFeatures
 * unless `chunked`).
 */
export function readColumns(db: Database.Database, table: string, columns: readonly string[]): unknown[][] {
  const shape = tableShape(db, table);
  const known = new Set(shape.attributes);
  for (const c of columns) if (!known.has(c)) throw new Error(`Unknown column "${c}" in "${table}"`);
  const rows = db.prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} ORDER BY ${q(shape.pk)}`).raw().iterate() as IterableIterator<unknown[]>;
  const out: unknown[][] = columns.map(() => []);
  for (const row of rows) for (let c = 0; c < columns.length; c++) out[c].push(row[c]);
  return out;
}

/**
 * Features of a table as GeoJSON, `id` = the feature's fid, in fid order.
 * A feature stored without a location has `geometry: null` (allowed by
 * RFC 7946, though the GeoJSON typings say otherwise).
 */
export function readFeatures(
  db: Database.Database,
  table: string,
  opts: ReadFeaturesOptions = {},
): GeoJSON.FeatureCollection {
  const shape = tableShape(db, table);
  const known = new Set(shape.attributes);
  const check = (c: string): string => {
    if (!known.has(c)) throw new Error(`Unknown column "${c}" in "${table}"`);
    return c;
  };
  const attrs = opts.columns ? opts.columns.map(check) : shape.attributes;
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (opts.where && 'in' in opts.where) {
    conditions.push(`${q(check(opts.where.column))} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(opts.where.in));
  } else if (opts.where) {
    conditions.push(`${q(check(opts.where.column))} = ?`);
    params.push(opts.where.equals);
  }
  const bbox = opts.bbox;
  if (bbox) {
    if (bbox.length !== 4 || bbox.some((v) => !Number.isFinite(v))) throw new Error('bbox must be four finite numbers');
    if (shape.hasRtree) {
      conditions.push(
        `${q(shape.pk)} IN (SELECT id FROM ${q(`rtree_${table}_${shape.geomColumn}`)}
          WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)`,
      );
      params.push(bbox[2], bbox[0], bbox[3], bbox[1]);
    } else {
      conditions.push(`${q(shape.geomColumn)} IS NOT NULL`);
    }
  }
  const geomSql = opts.geometry === false && !bbox ? 'NULL' : q(shape.geomColumn);
  const select = [`${q(shape.pk)} AS __fid`, `${geomSql} AS __geom`, ...attrs.map(q)].join(', ');
  const order = ` ORDER BY ${q(shape.pk)}`;
  const features: GeoJSON.Feature[] = [];
  const add = (row: Record<string, unknown>): void => {
    const blob = row.__geom as Buffer | null;
    let geometry: GeoJSON.Geometry | null = null;
    if (blob) {
      const decoded = decodeGeometry(blob);
      // The R-tree stores float32 bounds rounded outwards; recheck exactly.
      if (bbox && (!decoded.envelope || !intersects(decoded.envelope, bbox))) return;
      geometry = decoded.geometry;
    }
    const properties: Record<string, unknown> = {};
    for (const a of attrs) properties[a] = row[a];
    features.push({ type: 'Feature', id: row.__fid as number, geometry: geometry as GeoJSON.Geometry, properties });
  };
  if (opts.chunked && conditions.length === 0) {
    const chunk = db.prepare(`SELECT ${select} FROM ${q(table)} WHERE ${q(shape.pk)} > ?${order} LIMIT ${READ_CHUNK_ROWS}`);
    for (let after = -Infinity, rows: Record<string, unknown>[]; ; after = rows[rows.length - 1].__fid as number) {
      rows = chunk.all(after) as Record<string, unknown>[];
      rows.forEach(add);
      if (rows.length < READ_CHUNK_ROWS) break;
    }
  } else {
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    for (const row of db.prepare(`SELECT ${select} FROM ${q(table)}${where}${order}`).iterate(...params)) add(row as Record<string, unknown>);
  }
  return { type: 'FeatureCollection', features };
}
