// The app's own (non-spatial) tables inside the project GeoPackage, and their
// migrations. Spatial layers (areas, roads, sites) are ordinary GeoPackage
// feature tables so QGIS can open them; everything here is prefixed `cgm_`.
//
// Conventions: empty string '' (never NULL) for "no segment" / "no period" in
// key columns, so primary keys stay unique; timestamps are ISO 8601 UTC.

import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 12;

/** Migration n brings a project from version n-1 to n. Append, never edit. */
export const MIGRATIONS: Record<number, string> = {
  1: `
CREATE TABLE cgm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per imported dataset so a re-import replaces the previous version.
CREATE TABLE cgm_datasets (
  kind TEXT NOT NULL, name TEXT NOT NULL, source_file TEXT, imported_at TEXT NOT NULL,
  rows_read INTEGER, rows_imported INTEGER, summary TEXT,
  PRIMARY KEY (kind, name));

-- Geography levels; each has a feature table (area_<slug>) with code, name, parent_code.
CREATE TABLE cgm_geographies (
  level TEXT PRIMARY KEY, table_name TEXT NOT NULL UNIQUE, parent_level TEXT,
  rank INTEGER NOT NULL DEFAULT 0);

CREATE TABLE cgm_schemes (name TEXT PRIMARY KEY, base_kind TEXT NOT NULL DEFAULT 'persons');

-- attributes: JSON, e.g. {"workingAge": true} used by the availability gap rule.
CREATE TABLE cgm_segments (
  scheme TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, parent_code TEXT,
  level TEXT NOT NULL, colour TEXT, description TEXT, attributes TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (scheme, code));

-- count NULL: the whole area belongs to the segment (OAC); otherwise households or
-- persons of that segment in the area (Mosaic / Acorn counts).
CREATE TABLE cgm_assignments (
  scheme TEXT NOT NULL, area_code TEXT NOT NULL, segment_code TEXT NOT NULL, count REAL,
  PRIMARY KEY (scheme, area_code, segment_code));

CREATE TABLE cgm_population (
  area_code TEXT NOT NULL, base_kind TEXT NOT NULL, count REAL NOT NULL,
  PRIMARY KEY (area_code, base_kind));

CREATE TABLE cgm_indicators (
  name TEXT PRIMARY KEY, scheme TEXT NOT NULL, reference_rate REAL, note TEXT);

-- prevalence is always stored as a proportion; index_value kept when given as an index.
CREATE TABLE cgm_rates (
  indicator TEXT NOT NULL, segment_code TEXT NOT NULL, prevalence REAL NOT NULL, index_value REAL,
  PRIMARY KEY (indicator, segment_code));

-- Study-area postcodes only. status: live | terminated | pseudo.
CREATE TABLE cgm_postcodes (
  postcode TEXT PRIMARY KEY, lon REAL, lat REAL, area_code TEXT, status TEXT NOT NULL DEFAULT 'live');

CREATE TABLE cgm_services (name TEXT PRIMARY KEY, description TEXT);

-- Service users, aggregated at import: no row here is a person.
CREATE TABLE cgm_user_counts (
  service TEXT NOT NULL, area_code TEXT NOT NULL, scheme TEXT NOT NULL DEFAULT '',
  segment_code TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '', count INTEGER NOT NULL,
  PRIMARY KEY (service, area_code, scheme, segment_code, period));

-- Unmatched service-user rows, by row number and reason only (never the value).
CREATE TABLE cgm_user_rejects (
  service TEXT NOT NULL, row_number INTEGER NOT NULL, reason TEXT NOT NULL);

-- Raw OSM highway data, so the graph can be rebuilt for any travel profile.
CREATE TABLE cgm_osm_nodes (id INTEGER PRIMARY KEY, lon REAL NOT NULL, lat REAL NOT NULL);
CREATE TABLE cgm_osm_ways (id INTEGER PRIMARY KEY, tags TEXT NOT NULL, node_ids BLOB NOT NULL);
CREATE TABLE cgm_graph_cache (profile_key TEXT PRIMARY KEY, data BLOB NOT NULL, built_at TEXT NOT NULL);

CREATE TABLE cgm_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE cgm_strata_decisions (
  id INTEGER PRIMARY KEY, service TEXT NOT NULL, indicator TEXT NOT NULL, area_code TEXT NOT NULL,
  segment_code TEXT NOT NULL DEFAULT '', proposed TEXT NOT NULL, decided TEXT NOT NULL,
  reason TEXT, decided_at TEXT NOT NULL);

CREATE TABLE cgm_baselines (name TEXT PRIMARY KEY, created_at TEXT NOT NULL, payload TEXT NOT NULL);
CREATE TABLE cgm_workbook (section TEXT PRIMARY KEY, content TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE cgm_views (name TEXT PRIMARY KEY, payload TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0);
`,
  // GDAL (and so QGIS) lists every unregistered table as a layer unless the
  // file registers at least one 'attributes' table; registering this one hides
  // the twenty-odd internal cgm_ tables and tells whoever opens the file what
  // it is. Needs the GeoPackage core tables (initGeoPackage runs first).
  2: `
CREATE TABLE cgm_about (fid INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
INSERT INTO cgm_about (topic, text) VALUES
  ('file', 'This GeoPackage is a Catchment Gap Mapper project. Its map layers can be viewed and exported in QGIS or GDAL.'),
  ('internal tables', 'Tables whose names start with cgm_ hold the app''s own data; change them only through Catchment Gap Mapper.'),
  ('personal data', 'Service-user records are aggregated to counts by area on import; no row in this file describes a person.');
INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
  VALUES ('cgm_about', 'attributes', 'About this project', 'What this file is and how its tables are used');
`,
  // Areas that should not count (a prison OA, a barracks): the analyst names
  // them with a reason, and every analysis drops them from need, base and users.
  // Communal-establishment residents are kept beside the population base so the
  // analyst can leave them out of it (setting exclude_communal in cgm_settings).
  3: `
CREATE TABLE cgm_excluded_areas (area_code TEXT PRIMARY KEY, reason TEXT NOT NULL, excluded_at TEXT NOT NULL);
ALTER TABLE cgm_population ADD COLUMN communal REAL;
`,
  // Mosaic and Acorn are sold as postcode lookups, and users files may come
  // already coded, so a user's segment can be finer than its area's. Each
  // users row now keeps which source gave its segment (users-file, postcode,
  // area), so the profile can say so; rows written before came from the area.
  4: `
CREATE TABLE cgm_postcode_segments (
  scheme TEXT NOT NULL, postcode TEXT NOT NULL, segment_code TEXT NOT NULL,
  PRIMARY KEY (scheme, postcode));
CREATE TABLE cgm_user_counts_v4 (
  service TEXT NOT NULL, area_code TEXT NOT NULL, scheme TEXT NOT NULL DEFAULT '',
  segment_code TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '', count INTEGER NOT NULL,
  segment_source TEXT NOT NULL DEFAULT 'area',
  PRIMARY KEY (service, area_code, scheme, segment_code, period, segment_source));
INSERT INTO cgm_user_counts_v4 (service, area_code, scheme, segment_code, period, count)
  SELECT service, area_code, scheme, segment_code, period, count FROM cgm_user_counts;
DROP TABLE cgm_user_counts;
ALTER TABLE cgm_user_counts_v4 RENAME TO cgm_user_counts;
`,
  // Review (toolkit step 8) keeps baselines as first-class records: what each
  // was saved for, in columns the app and the CLI list by, and the analyst's
  // numeric targets, checked on every later comparison. A baseline's targets
  // go with it. Baselines saved before keep their scope in the payload.
  5: `
ALTER TABLE cgm_baselines ADD COLUMN service TEXT;
ALTER TABLE cgm_baselines ADD COLUMN indicator TEXT;
ALTER TABLE cgm_baselines ADD COLUMN scheme TEXT;
ALTER TABLE cgm_baselines ADD COLUMN period TEXT NOT NULL DEFAULT '';
UPDATE cgm_baselines SET service = json_extract(payload, '$.service'), indicator = json_extract(payload, '$.indicator'),
  scheme = json_extract(payload, '$.scheme'), period = COALESCE(json_extract(payload, '$.period'), '');
CREATE TABLE cgm_review_targets (
  id INTEGER PRIMARY KEY, baseline TEXT NOT NULL REFERENCES cgm_baselines (name) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('segment', 'area')), code TEXT NOT NULL, measure TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('>=', '<=')), value REAL NOT NULL, created_at TEXT NOT NULL);
`,
  // A print's "Data as of" and its credits' years are the data's own dates,
  // not the day it was imported: each dataset keeps the date of the data
  // (YYYY, YYYY-MM or YYYY-MM-DD) and where that date came from (the file's
  // name or header, its modification time, or the analyst). Datasets imported
  // before have none until the analyst gives one.
  6: `
ALTER TABLE cgm_datasets ADD COLUMN data_date TEXT;
ALTER TABLE cgm_datasets ADD COLUMN data_date_source TEXT;
`,
  // Area context (issue 19): indicators keyed by area code at the level their
  // file gives (IMD by LSOA, Census by OA), read at any level by the method
  // their kind allows (shared/analysis/area-indicators.ts); and comparator
  // bases, counts per segment for England, a region or a neighbour.
  // (cgm_indicators is the need rates' table, hence cgm_area_indicators.)
  7: `
CREATE TABLE cgm_area_indicators (
  name TEXT PRIMARY KEY, level TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('score', 'rate', 'count', 'rank', 'decile')),
  source_file TEXT, field TEXT, note TEXT, imported_at TEXT NOT NULL);
CREATE TABLE cgm_area_indicator_values (
  indicator TEXT NOT NULL REFERENCES cgm_area_indicators (name) ON DELETE CASCADE,
  area_code TEXT NOT NULL, value REAL NOT NULL,
  PRIMARY KEY (indicator, area_code));
CREATE TABLE cgm_comparators (
  name TEXT NOT NULL, scheme TEXT NOT NULL, segment_code TEXT NOT NULL, count REAL NOT NULL,
  PRIMARY KEY (name, scheme, segment_code));
`,
  // A public-transport timetable (GTFS), validated at import: one feed per
  // project, replaced whole by the next import. Times are seconds after the
  // service day's midnight (may pass 86400); problems keep what was left out and why.
  8: `
CREATE TABLE cgm_transit_stops (stop_id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, parent TEXT);
CREATE TABLE cgm_transit_routes (route_id TEXT PRIMARY KEY, name TEXT NOT NULL, type INTEGER NOT NULL);
CREATE TABLE cgm_transit_trips (trip_id TEXT PRIMARY KEY, route_id TEXT NOT NULL, service_id TEXT NOT NULL);
CREATE TABLE cgm_transit_stop_times (
  trip_id TEXT NOT NULL, position INTEGER NOT NULL, stop_id TEXT NOT NULL, arrival INTEGER NOT NULL, departure INTEGER NOT NULL,
  boarding INTEGER NOT NULL, alighting INTEGER NOT NULL, PRIMARY KEY (trip_id, position));
CREATE TABLE cgm_transit_weeks (service_id TEXT NOT NULL, days TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL);
CREATE TABLE cgm_transit_exceptions (service_id TEXT NOT NULL, date TEXT NOT NULL, type INTEGER NOT NULL);
CREATE TABLE cgm_transit_frequencies (trip_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, headway INTEGER NOT NULL);
CREATE TABLE cgm_transit_transfers (from_stop TEXT NOT NULL, to_stop TEXT NOT NULL, seconds INTEGER);
CREATE TABLE cgm_transit_problems (file TEXT NOT NULL, row INTEGER, field TEXT, message TEXT NOT NULL, severity TEXT NOT NULL);
`,
  // A level's polygons as the map's flat arrays, triangulated (issue 18):
  // reading a national level's 190k GeoPackage blobs and triangulating them
  // took seconds on every open. Derived data only, kept per level with the
  // fingerprint of the table it was read from (a stale one is never read);
  // each array in chunks under SQLite's blob limit.
  9: `
CREATE TABLE cgm_area_geometry_cache (
  level TEXT NOT NULL, fingerprint TEXT NOT NULL, part TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (level, part, chunk));
`,
  // The postcode directory again as one row of blobs, written with cgm_postcodes:
  // sorted packed postcodes (8-byte floats), each one's area (4-byte index into
  // area_codes, a JSON array; -1 none) and status (1 byte: live, terminated,
  // pseudo). A users import reads it whole instead of seeking cgm_postcodes per
  // user (electron/importers/postcode-index.ts). A directory imported before
  // has no row; it is read from cgm_postcodes until postcodes are imported again.
  10: `
CREATE TABLE cgm_postcode_index (
  id INTEGER PRIMARY KEY CHECK (id = 1), keys BLOB NOT NULL, areas BLOB NOT NULL, statuses BLOB NOT NULL, area_codes TEXT NOT NULL);
`,
  // The two tables a national import writes millions of rows to are kept in
  // their primary key's order, WITHOUT ROWID: one B-tree instead of the table's
  // and its key's index, so each row is written (and looked up) once. Same
  // columns and keys; rows are copied in key order, which is now the tables'
  // only order. A WITHOUT ROWID key refuses NULL, which no importer ever wrote
  // as a postcode: such a row could not be looked up and is not copied.
  //
  // And a road graph is kept in the project in chunks, each array by name: a national
  // graph (~0.8 GB) was one value, over the 512 MiB one value can take through
  // the driver, so England's first band table failed. Derived data only: the
  // old cache is dropped, and the next route builds its graph again.
  11: `
CREATE TABLE cgm_postcodes_v11 (
  postcode TEXT PRIMARY KEY, lon REAL, lat REAL, area_code TEXT, status TEXT NOT NULL DEFAULT 'live') WITHOUT ROWID;
INSERT INTO cgm_postcodes_v11 (postcode, lon, lat, area_code, status)
  SELECT postcode, lon, lat, area_code, status FROM cgm_postcodes WHERE postcode IS NOT NULL ORDER BY postcode;
DROP TABLE cgm_postcodes;
ALTER TABLE cgm_postcodes_v11 RENAME TO cgm_postcodes;
CREATE TABLE cgm_user_counts_v11 (
  service TEXT NOT NULL, area_code TEXT NOT NULL, scheme TEXT NOT NULL DEFAULT '',
  segment_code TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '', count INTEGER NOT NULL,
  segment_source TEXT NOT NULL DEFAULT 'area',
  PRIMARY KEY (service, area_code, scheme, segment_code, period, segment_source)) WITHOUT ROWID;
INSERT INTO cgm_user_counts_v11 (service, area_code, scheme, segment_code, period, count, segment_source)
  SELECT service, area_code, scheme, segment_code, period, count, segment_source FROM cgm_user_counts
  ORDER BY service, area_code, scheme, segment_code, period, segment_source;
DROP TABLE cgm_user_counts;
ALTER TABLE cgm_user_counts_v11 RENAME TO cgm_user_counts;
DROP TABLE IF EXISTS cgm_graph_arrays;
DROP TABLE cgm_graph_cache;
CREATE TABLE cgm_graph_cache (profile_key TEXT PRIMARY KEY, node_count INTEGER NOT NULL, built_at TEXT NOT NULL);
CREATE TABLE cgm_graph_arrays (
  profile_key TEXT NOT NULL, part TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (profile_key, part, chunk));
`,
  // Each postcode's location in the index too (8-byte floats, NaN where it has
  // none), so travel analysis takes its area points from two blobs instead of
  // a national directory's rows. A directory imported before has none; it is
  // read from cgm_postcodes until postcodes are imported again. The table is
  // made anew rather than altered, so the migration also runs on a project set
  // back a version (as the migration tests do), whose table has the columns.
  12: `
CREATE TABLE cgm_postcode_index_v12 (
  id INTEGER PRIMARY KEY CHECK (id = 1), keys BLOB NOT NULL, areas BLOB NOT NULL, statuses BLOB NOT NULL, area_codes TEXT NOT NULL,
  lons BLOB, lats BLOB);
INSERT INTO cgm_postcode_index_v12 (id, keys, areas, statuses, area_codes) SELECT id, keys, areas, statuses, area_codes FROM cgm_postcode_index;
DROP TABLE cgm_postcode_index;
ALTER TABLE cgm_postcode_index_v12 RENAME TO cgm_postcode_index;
`,
};

// GeoPackage owns PRAGMA user_version (10300 for 1.3), so our schema version
// lives in cgm_meta. Migration 1 creates cgm_meta itself.

/** The project's schema version; 0 for a GeoPackage with no cgm_ tables yet. */
export function projectSchemaVersion(db: Database.Database): number {
  const hasMeta = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cgm_meta'")
    .get();
  if (!hasMeta) return 0;
  const row = db.prepare("SELECT value FROM cgm_meta WHERE key = 'schema_version'").get() as
    | { value: string }
    | undefined;
  return row ? Number(row.value) : 0;
}

export function newerSchemaMessage(version: number, supported = SCHEMA_VERSION): string {
  return `This project was saved by a newer Catchment Gap Mapper (schema ${version}; this version reads up to ${supported}). Update the app to open it.`;
}

/**
 * Brings the project up to `target`, one migration per transaction so an
 * interrupted upgrade leaves a consistent, older-but-valid project.
 * `migrations`/`target` are parameters only so tests can exercise an upgrade.
 */
export function migrate(
  db: Database.Database,
  migrations: Record<number, string> = MIGRATIONS,
  target = SCHEMA_VERSION,
): void {
  let version = projectSchemaVersion(db);
  if (!Number.isInteger(version) || version < 0) {
    throw new Error(`This project has an unreadable schema version (${String(version)}).`);
  }
  if (version > target) throw new Error(newerSchemaMessage(version, target));
  while (version < target) {
    const next = version + 1;
    const sql = migrations[next];
    if (sql === undefined) throw new Error(`No migration to schema ${next}`);
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT OR REPLACE INTO cgm_meta (key, value) VALUES ('schema_version', ?)").run(String(next));
    })();
    version = next;
  }
}
