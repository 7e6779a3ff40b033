// A project is one GeoPackage file: the spatial layers for QGIS plus the
// app's cgm_ tables. Rollback journal (not WAL) so the project stays a single
// file that can be copied or e-mailed at any moment, and so a failed import
// leaves the file exactly as it was.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GPKG_APPLICATION_ID, initGeoPackage, registerGpkgFunctions } from './gpkg';
import { setMeta } from './meta';
import { migrate, newerSchemaMessage, projectSchemaVersion, SCHEMA_VERSION } from './schema';

export interface Project {
  readonly db: Database.Database;
  readonly path: string;
  close(): void;
}

export interface CreateProjectOptions {
  name?: string;
  /** Replace an existing file at `path` (default: refuse). */
  overwrite?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
// Older GeoPackage versions used these application ids.
const ACCEPTED_APPLICATION_IDS = new Set([GPKG_APPLICATION_ID, 0x47503130 /* GP10 */, 0x47503131 /* GP11 */]);

function notAProject(file: string, detail?: string): Error {
  return new Error(`${file} is not a Catchment Gap Mapper project (not a GeoPackage)${detail ? `: ${detail}` : ''}`);
}

function configure(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  registerGpkgFunctions(db);
}

function wrap(db: Database.Database, file: string): Project {
  return {
    db,
    path: file,
    close() {
      if (db.open) db.close();
    },
  };
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

export function createProject(file: string, opts: CreateProjectOptions = {}): Project {
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) {
    if (!opts.overwrite) throw new Error(`${abs} already exists; choose another file name or overwrite it`);
    removeWithSidecars(abs);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(abs);
    db.pragma('journal_mode = DELETE');
    configure(db);
    initGeoPackage(db);
    migrate(db);
    const handle = db;
    handle.transaction(() => {
      setMeta(handle, 'name', opts.name ?? path.basename(abs, path.extname(abs)));
      setMeta(handle, 'created_at', new Date().toISOString());
    })();
    return wrap(db, abs);
  } catch (err) {
    db?.close();
    removeWithSidecars(abs);
    throw err;
  }
}

/**
 * Cheap checks on the file header before SQLite sees the file, so garbage and
 * truncated copies give a message naming the file rather than "file is not a
 * database" or a corruption error halfway through an import.
 */
function checkHeader(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${file} does not exist`);
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(100);
    const n = fs.readSync(fd, header, 0, 100, 0);
    if (n < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) throw notAProject(file);
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const pageCount = header.readUInt32BE(28);
    // The in-header page count is only trustworthy when the two counters match.
    const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pageCount > 0;
    // A hot journal means SQLite will roll back an interrupted write first; let it.
    const hotJournal = fs.existsSync(`${file}-journal`);
    if (!hotJournal && countValid && size < pageSize * pageCount) {
      throw notAProject(file, `the file is truncated (${size} of ${pageSize * pageCount} bytes)`);
    }
    if (!hotJournal && size % pageSize !== 0) throw notAProject(file, 'the file is truncated or damaged');
    if (!ACCEPTED_APPLICATION_IDS.has(header.readUInt32BE(68))) throw notAProject(file);
  } finally {
    fs.closeSync(fd);
  }
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function openChecked(file: string, readonly: boolean, then: (db: Database.Database) => void): Project {
  const abs = path.resolve(file);
  checkHeader(abs);
  let db: Database.Database | undefined;
  try {
    db = new Database(abs, { readonly, fileMustExist: true });
    if (!readonly) db.pragma('journal_mode = DELETE');
    configure(db);
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_contents'").get()) {
      throw notAProject(abs, 'it has no gpkg_contents table');
    }
    then(db);
    return wrap(db, abs);
  } catch (err) {
    db?.close();
    if (isCorruption(err)) throw notAProject(abs, 'the file is damaged');
    throw err;
  }
}

/**
 * Opens a project for editing, upgrading its schema if it is older. A plain
 * GeoPackage (say one made in QGIS) becomes a project: the cgm_ tables are
 * added beside its layers.
 */
export function openProject(file: string): Project {
  return openChecked(file, false, (db) => {
    const abs = path.resolve(file);
    // Writes only when something is missing, so opening an up-to-date project leaves the file untouched.
    if (!db.prepare('SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = 27700').get()) initGeoPackage(db);
    const before = projectSchemaVersion(db);
    try {
      migrate(db);
    } catch (err) {
      throw new Error(`Cannot open ${abs}: ${(err as Error).message}`, { cause: err });
    }
    if (before === 0) {
      db.transaction(() => {
        setMeta(db, 'name', path.basename(abs, path.extname(abs)));
        setMeta(db, 'created_at', new Date().toISOString());
      })();
    }
  });
}

/** Opens a project without changing it; refuses one that would need an upgrade. */
export function openProjectReadOnly(file: string): Project {
  return openChecked(file, true, (db) => {
    const abs = path.resolve(file);
    const version = projectSchemaVersion(db);
    if (version === 0) throw new Error(`${abs} is a GeoPackage but not a Catchment Gap Mapper project (no cgm_ tables)`);
    if (version > SCHEMA_VERSION) throw new Error(`Cannot open ${abs}: ${newerSchemaMessage(version)}`);
    if (version < SCHEMA_VERSION) {
      throw new Error(`Cannot open ${abs} read-only: it was saved by an older version and must be opened for editing once to upgrade it`);
    }
  });
}

/**
 * Runs `fn` in one synchronous transaction: all of it is written or none.
 * Importers parse and validate first, then write everything in here.
 */
export function withTransaction<T>(project: Project, fn: (db: Database.Database) => T): T {
  const db = project.db;
  return db.transaction(() => {
    const result = fn(db);
    if (result instanceof Promise) {
      throw new Error('withTransaction needs a synchronous function: an await would commit half an import');
    }
    return result;
  })();
}
