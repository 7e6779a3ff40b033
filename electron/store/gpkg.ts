// The OGC GeoPackage 1.3 side of the project file: core tables, feature tables
// and their R-tree indexes, written so that QGIS, GDAL and GDAL's
// validate_gpkg.py accept the file as an ordinary GeoPackage.

import type Database from 'better-sqlite3';
import { registerGpkgFunctions } from './gpkg-functions';

export { registerGpkgFunctions } from './gpkg-functions';
export { insertFeatures, readColumns, readFeatures, type ReadFeaturesOptions } from './gpkg-features';

export const GPKG_APPLICATION_ID = 0x47504b47; // 'GPKG'
export const GPKG_USER_VERSION = 10300;
const RTREE_EXTENSION_DEFINITION = 'http://www.geopackage.org/spec120/#extension_rtree';

export type GeometryTypeName = 'POINT' | 'LINESTRING' | 'POLYGON' | 'MULTIPOLYGON' | 'MULTILINESTRING' | 'GEOMETRY';
export type ColumnType = 'TEXT' | 'INTEGER' | 'REAL';

export interface FeatureTableSpec {
  table: string;
  geometryType: GeometryTypeName;
  columns: { name: string; type: ColumnType }[];
  title?: string;
  description?: string;
  srsId?: number;
}

export interface FeatureTableInfo {
  table: string;
  title: string;
  geometryType: string;
  featureCount: number;
  bbox: [number, number, number, number] | null;
  srsId: number;
}

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';
const BNG_WKT =
  'PROJCS["OSGB36 / British National Grid",GEOGCS["OSGB36",DATUM["Ordnance_Survey_of_Great_Britain_1936",SPHEROID["Airy 1830",6377563.396,299.3249646,AUTHORITY["EPSG","7001"]],AUTHORITY["EPSG","6277"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4277"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",49],PARAMETER["central_meridian",-2],PARAMETER["scale_factor",0.9996012717],PARAMETER["false_easting",400000],PARAMETER["false_northing",-100000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","27700"]]';

const CORE_TABLES = `
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
`;

/** Makes an empty (or existing) SQLite database a GeoPackage 1.3. Idempotent. */
export function initGeoPackage(db: Database.Database): void {
  registerGpkgFunctions(db);
  db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
  db.pragma(`user_version = ${GPKG_USER_VERSION}`);
  db.transaction(() => {
    db.exec(CORE_TABLES);
    const srs = db.prepare(
      `INSERT OR IGNORE INTO gpkg_spatial_ref_sys
       (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
    srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
    srs.run('OSGB36 / British National Grid', 27700, 'EPSG', 27700, BNG_WKT, 'British National Grid easting/northing in metres');
  })();
}

export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// Narrower than SQL allows, so names are safe in rtree_<t>_<c> and in every
// tool that handles the file (shell scripts, QGIS expressions).
const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_COLUMNS = new Set(['fid', 'geom']);

const TRIGGER_TEMPLATE = `
CREATE TRIGGER "rtree_<t>_<c>_insert" AFTER INSERT ON "<t>"
  WHEN (new."<c>" NOT NULL AND NOT ST_IsEmpty(NEW."<c>"))
BEGIN
  INSERT OR REPLACE INTO "rtree_<t>_<c>" VALUES (NEW."<i>",
    ST_MinX(NEW."<c>"), ST_MaxX(NEW."<c>"), ST_MinY(NEW."<c>"), ST_MaxY(NEW."<c>"));
END;
CREATE TRIGGER "rtree_<t>_<c>_update1" AFTER UPDATE OF "<c>" ON "<t>"
  WHEN OLD."<i>" = NEW."<i>" AND (NEW."<c>" NOTNULL AND NOT ST_IsEmpty(NEW."<c>"))
BEGIN
  INSERT OR REPLACE INTO "rtree_<t>_<c>" VALUES (NEW."<i>",
    ST_MinX(NEW."<c>"), ST_MaxX(NEW."<c>"), ST_MinY(NEW."<c>"), ST_MaxY(NEW."<c>"));
END;
CREATE TRIGGER "rtree_<t>_<c>_update2" AFTER UPDATE OF "<c>" ON "<t>"
  WHEN OLD."<i>" = NEW."<i>" AND (NEW."<c>" ISNULL OR ST_IsEmpty(NEW."<c>"))
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id = OLD."<i>";
END;
CREATE TRIGGER "rtree_<t>_<c>_update3" AFTER UPDATE ON "<t>"
  WHEN OLD."<i>" != NEW."<i>" AND (NEW."<c>" NOTNULL AND NOT ST_IsEmpty(NEW."<c>"))
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id = OLD."<i>";
  INSERT OR REPLACE INTO "rtree_<t>_<c>" VALUES (NEW."<i>",
    ST_MinX(NEW."<c>"), ST_MaxX(NEW."<c>"), ST_MinY(NEW."<c>"), ST_MaxY(NEW."<c>"));
END;
CREATE TRIGGER "rtree_<t>_<c>_update4" AFTER UPDATE ON "<t>"
  WHEN OLD."<i>" != NEW."<i>" AND (NEW."<c>" ISNULL OR ST_IsEmpty(NEW."<c>"))
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id IN (OLD."<i>", NEW."<i>");
END;
CREATE TRIGGER "rtree_<t>_<c>_delete" AFTER DELETE ON "<t>"
  WHEN old."<c>" NOT NULL
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id = OLD."<i>";
END;
`;

/**
 * Creates an empty feature table with `fid`, `geom` and the given columns,
 * registers it and gives it the standard R-tree spatial index (maintained by
 * the GPKG 1.3 Annex F.3 triggers, so edits made in QGIS keep it in step).
 */
export function createFeatureTable(db: Database.Database, spec: FeatureTableSpec): void {
  const { table, geometryType, columns } = spec;
  const srsId = spec.srsId ?? 4326;
  if (!SAFE_NAME.test(table) || /^(gpkg|rtree|sqlite)_/i.test(table)) {
    throw new Error(`Invalid feature table name "${table}": use letters, digits and _, not starting gpkg_/rtree_/sqlite_`);
  }
  const seen = new Set<string>();
  for (const c of columns) {
    const lower = c.name.toLowerCase();
    if (!SAFE_NAME.test(c.name) || RESERVED_COLUMNS.has(lower) || seen.has(lower)) {
      throw new Error(`Invalid or duplicate column name "${c.name}" for feature table "${table}"`);
    }
    if (!['TEXT', 'INTEGER', 'REAL'].includes(c.type)) throw new Error(`Invalid column type ${c.type} for "${c.name}"`);
    seen.add(lower);
  }
  registerGpkgFunctions(db);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM sqlite_master WHERE lower(name) = lower(?)').get(table)) {
      throw new Error(`Feature table "${table}" already exists`);
    }
    if (!db.prepare('SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId)) {
      throw new Error(`Unknown spatial reference system ${srsId} (not in gpkg_spatial_ref_sys)`);
    }
    const cols = columns.map((c) => `, ${quoteId(c.name)} ${c.type}`).join('');
    db.exec(`CREATE TABLE ${quoteId(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}${cols})`);
    db.prepare(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
       VALUES (?, 'features', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)`,
    ).run(table, spec.title ?? table, spec.description ?? '', srsId);
    db.prepare(
      `INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
       VALUES (?, 'geom', ?, ?, 0, 0)`,
    ).run(table, geometryType, srsId);
    db.exec(`CREATE VIRTUAL TABLE ${quoteId(`rtree_${table}_geom`)} USING rtree(id, minx, maxx, miny, maxy)`);
    db.exec(TRIGGER_TEMPLATE.replace(/<t>/g, table).replace(/<c>/g, 'geom').replace(/<i>/g, 'fid'));
    db.prepare(
      `INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
       VALUES (?, 'geom', 'gpkg_rtree_index', ?, 'write-only')`,
    ).run(table, RTREE_EXTENSION_DEFINITION);
  })();
}

/** Removes a feature table and everything that describes it. No-op if absent. */
export function dropFeatureTable(db: Database.Database, table: string): void {
  db.transaction(() => {
    const geomCols = db
      .prepare('SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?')
      .all(table) as { column_name: string }[];
    for (const { column_name } of geomCols) {
      db.exec(`DROP TABLE IF EXISTS ${quoteId(`rtree_${table}_${column_name}`)}`);
    }
    db.prepare('DELETE FROM gpkg_extensions WHERE table_name = ?').run(table);
    db.prepare('DELETE FROM gpkg_geometry_columns WHERE table_name = ?').run(table);
    db.prepare('DELETE FROM gpkg_contents WHERE table_name = ?').run(table);
    // GDAL keeps a feature-count cache here in files it wrote.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").get()) {
      db.prepare('DELETE FROM gpkg_ogr_contents WHERE table_name = ?').run(table);
    }
    db.exec(`DROP TABLE IF EXISTS ${quoteId(table)}`);
  })();
}

/**
 * Whether `table` is a feature table listFeatureTables would list, without its counts: those
 * count every table's rows (nationally ~0.3 s, roads and areas), where callers only ask "is there one?".
 */
export function hasFeatureTable(db: Database.Database, table: string): boolean {
  return db
    .prepare("SELECT 1 FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' AND c.table_name = ?")
    .get(table) !== undefined;
}

/** Feature tables registered in gpkg_contents, by table name. */
export function listFeatureTables(db: Database.Database): FeatureTableInfo[] {
  const rows = db
    .prepare(
      `SELECT c.table_name, c.identifier, g.geometry_type_name, c.min_x, c.min_y, c.max_x, c.max_y, g.srs_id
       FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       WHERE c.data_type = 'features' ORDER BY c.table_name`,
    )
    .all() as {
    table_name: string;
    identifier: string | null;
    geometry_type_name: string;
    min_x: number | null;
    min_y: number | null;
    max_x: number | null;
    max_y: number | null;
    srs_id: number;
  }[];
  return rows.map((r) => {
    const count = db.prepare(`SELECT COUNT(*) AS n FROM ${quoteId(r.table_name)}`).get() as { n: number };
    const hasBbox = r.min_x !== null && r.min_y !== null && r.max_x !== null && r.max_y !== null;
    return {
      table: r.table_name,
      title: r.identifier ?? r.table_name,
      geometryType: r.geometry_type_name.toUpperCase(),
      featureCount: count.n,
      bbox: hasBbox ? [r.min_x!, r.min_y!, r.max_x!, r.max_y!] : null,
      srsId: r.srs_id,
    };
  });
}
