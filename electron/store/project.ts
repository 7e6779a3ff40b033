// A project is one GeoPackage file: the spatial layers for QGIS plus the
// app's cgm_ tables. The file at the project's path must be whole at every
// moment, so that a copy of that file alone (e-mailed, backed up, taken right
// after a crash or a kill -9) opens with every table consistent:
// - Imports, which write megabytes, run on a copy of the file that is renamed
//   into place once committed and flushed (replaceProjectFile below). A rename
//   is atomic, so the path names either the old file or the new, never a mix.
// - Small edits (a strata decision, a workbook change, a what-if site) use
//   SQLite's rollback journal (journal_mode DELETE, synchronous FULL): the main
//   file is written only at commit, a handful of pages after the journal is on
//   disk. Copying the whole file for each click would cost seconds on a large
//   project; the remaining window is those few page writes, and the journal
//   beside the file repairs it when SQLite next opens it. WAL would not help:
//   committed data sits in the -wal file until a checkpoint, so the .gpkg alone
//   would be stale or, mid-checkpoint, mixed; and GeoPackage readers expect a
//   single file.

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

/** Reopens a project's connection on the file now at its path (after replaceProjectFile). */
const reopeners = new WeakMap<Project, (closeOnly?: boolean) => void>();

function openForWriting(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  configure(db);
  return db;
}

function wrap(first: Database.Database, file: string): Project {
  let db = first;
  const project: Project = {
    get db() {
      return db;
    },
    path: file,
    close() {
      if (db.open) db.close();
    },
  };
  reopeners.set(project, (closeOnly = false) => {
    if (db.open) db.close();
    if (!closeOnly) db = openForWriting(file);
  });
  return project;
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
    db.pragma('synchronous = FULL');
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
    if (!readonly) {
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
    }
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
      throw upgradeError(abs, before, err);
    }
    if (before === 0) {
      db.transaction(() => {
        setMeta(db, 'name', path.basename(abs, path.extname(abs)));
        setMeta(db, 'created_at', new Date().toISOString());
      })();
    }
  });
}

/**
 * Why an older project could not be upgraded as it was opened. A file SQLite may only read (a
 * write-protected file or folder, a read-only share) says so and what to do, rather than SQLite's
 * "attempt to write a readonly database".
 */
export function upgradeError(abs: string, version: number, err: unknown): Error {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY') && version > 0) {
    return new Error(
      `Cannot open ${abs}: it was saved by an older version of Catchment Gap Mapper and must be upgraded once, ` +
        'but the file cannot be written (a write-protected file or folder, or a read-only share): copy it to a folder you can write to and open the copy',
      { cause: err },
    );
  }
  return new Error(`Cannot open ${abs}: ${(err as Error).message}`, { cause: err });
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

function fsyncPath(file: string, flags: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, flags);
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder to flush it; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Runs a large write (an import) on a copy of the project file, then renames
 * the copy over the original: the file at `project.path` is the old project
 * until the new one is complete and on disk. If `write` fails, the copy is
 * deleted and the project is exactly as it was. While `write` runs, the
 * project's own connection still reads the old state but refuses writes
 * (query_only), so an edit made meanwhile fails visibly instead of being lost
 * in the rename. Afterwards `project.db` is a connection to the new file.
 */
export async function replaceProjectFile<T>(project: Project, write: (copy: Project) => Promise<T>): Promise<T> {
  const reopen = reopeners.get(project);
  if (!reopen || project.db.readonly) throw new Error('replaceProjectFile needs a project opened for editing');
  if (project.db.inTransaction) throw new Error('replaceProjectFile cannot start inside a transaction');
  const dir = path.dirname(project.path);
  const temp = path.join(dir, `.${path.basename(project.path)}.${process.pid}-${Date.now().toString(36)}.importing`);
  const original = project.db;
  // A read transaction holds off any other writer while the bytes are copied.
  original.exec('BEGIN');
  try {
    original.prepare('SELECT count(*) FROM sqlite_master').get();
    fs.copyFileSync(project.path, temp);
  } finally {
    original.exec('COMMIT');
  }
  let copy: Project | undefined;
  original.pragma('query_only = ON');
  try {
    copy = wrap(openForWriting(temp), temp);
    const result = await write(copy);
    copy.close();
    fsyncPath(temp, 'r+');
    // Windows cannot rename over a file that is open, so the connection closes first.
    reopen(true);
    fs.renameSync(temp, project.path);
    fsyncPath(dir, 'r');
    reopen();
    return result;
  } catch (error) {
    copy?.close();
    removeWithSidecars(temp);
    if (original.open) original.pragma('query_only = OFF');
    else reopen();
    throw error;
  }
}

/** True while replaceProjectFile is writing a copy that will be renamed over this project's file. */
export function isBeingReplaced(project: Project): boolean {
  return project.db.open && project.db.pragma('query_only', { simple: true }) === 1;
}
