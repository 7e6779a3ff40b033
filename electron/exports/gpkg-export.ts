// A new GeoPackage holding the chosen layers, for QGIS and ArcGIS users:
// written through the store's own GeoPackage code (so it passes the same GDAL
// checks as a project) plus an attributes table `export_notes` with the
// disclosure note and attributions, which QGIS lists beside the layers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createFeatureTable, initGeoPackage, insertFeatures } from '../store/gpkg';
import type { ExportLayer } from './export-layers';
import { InputError } from '../../shared/errors';

export interface ExportNote {
  topic: string;
  text: string;
}

function writeNotes(db: Database.Database, notes: readonly ExportNote[]): void {
  db.exec('CREATE TABLE export_notes (fid INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, text TEXT NOT NULL)');
  db.prepare(
    `INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
     VALUES ('export_notes', 'attributes', 'About this export', 'Disclosure control and source attributions for these layers')`,
  ).run();
  const insert = db.prepare('INSERT INTO export_notes (topic, text) VALUES (?, ?)');
  for (const n of notes) insert.run(n.topic, n.text);
}

/** Writes the GeoPackage to `file` (which must not exist yet). */
export function writeGeoPackage(file: string, layers: readonly ExportLayer[], notes: readonly ExportNote[]): void {
  const names = new Set<string>();
  for (const l of layers) {
    if (names.has(l.name)) throw new InputError(`layer "${l.name}" is listed twice`);
    names.add(l.name);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    initGeoPackage(db);
    db.transaction(() => {
      for (const layer of layers) {
        createFeatureTable(db, { table: layer.name, geometryType: layer.geometryType, columns: layer.columns, title: layer.title, srsId: 4326 });
        insertFeatures(db, layer.name, layer.collection.features as { geometry: GeoJSON.Geometry | null; properties: Record<string, unknown> | null }[]);
      }
      writeNotes(db, notes);
    })();
  } finally {
    db.close();
  }
}

/** The GeoPackage as bytes, for the app's download (built in a private temp folder). */
export function geoPackageBytes(layers: readonly ExportLayer[], notes: readonly ExportNote[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-export-'));
  try {
    const file = join(dir, 'export.gpkg');
    writeGeoPackage(file, layers, notes);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
