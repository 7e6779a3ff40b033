// Writing the postcode directory: its kept rows in batches, then its index and
// the dataset's row, all in one transaction, so nothing is half-imported. The
// same writer runs here at the end of a small import, or in a thread of its
// own (postcode-write-thread.ts) on a connection of its own while a national
// file is still being read (postcode-output.ts). Rows are written for a guess
// at the area column; when the guess turns out wrong the rows so far are
// rolled back (restart) and written again for the right one.
import type Database from 'better-sqlite3';
import { BatchInsert } from './batch-insert';
import { postcodeOfKey } from './postcode-key';
import { PostcodeIndex, STATUSES, writePostcodeIndex, type PostcodePlaces } from './postcode-index';
import { recordDataset } from './project-tables';

/** Kept rows bound for cgm_postcodes, column by column (typed arrays, so they move between threads whole). */
export interface PostcodeBatch {
  /** Packed postcodes (postcode-key.ts). */
  keys: Float64Array;
  /** NaN where the row has no location. */
  lons: Float64Array;
  lats: Float64Array;
  /** Index into the writer's area codes; -1: none. */
  areas: Int32Array;
  /** STATUS_CODES. */
  statuses: Uint8Array;
  /** Area codes first named in this batch, appended to the writer's list in order. */
  codes: string[];
}

/** The dataset row recordDataset writes, last in the transaction. */
export interface PostcodeDatasetRow {
  sourceFile: string;
  rowsRead: number;
  rowsImported: number;
  summary: unknown;
}

/** The stored index's parts (PostcodeIndex less its methods, as it crosses threads). */
export interface PostcodeIndexParts {
  keys: Float64Array;
  areas: Int32Array;
  statuses: Uint8Array;
  areaCodes: readonly string[];
  places: PostcodePlaces | null;
}

const COLUMNS = ['postcode', 'lon', 'lat', 'area_code', 'status'];

export class PostcodeWriter {
  private readonly codes: string[] = [];
  private insert: BatchInsert | null = null;
  private cacheSize = 0;
  private began = false;

  /** cacheKiB: SQLite's page cache for the write (postcode-output.ts says which). */
  constructor(private readonly db: Database.Database, private readonly cacheKiB: number) {}

  /**
   * Opens the transaction and empties the table (the import replaces the directory). A savepoint, not BEGIN: on a
   * connection already inside a caller's transaction the import nests in it, and a failure undoes only the import.
   */
  begin(): void {
    this.cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.began = true;
    this.db.pragma(`cache_size = ${-this.cacheKiB}`);
    this.db.exec('SAVEPOINT postcode_import');
    this.db.prepare('DELETE FROM cgm_postcodes').run();
    this.db.exec('SAVEPOINT postcode_rows');
    this.insert = new BatchInsert(this.db, 'cgm_postcodes', COLUMNS);
  }

  /** Appends the batch's rows, several to an INSERT (batch-insert.ts), the parameters filled in place. */
  rows(batch: PostcodeBatch): void {
    for (const c of batch.codes) this.codes.push(c);
    const insert = this.insert!;
    const p = insert.params;
    const codes = this.codes;
    const { keys, lons, lats, areas, statuses } = batch;
    for (let i = 0; i < keys.length; i++) {
      const at = insert.next();
      const lon = lons[i];
      const lat = lats[i];
      const area = areas[i];
      p[at] = postcodeOfKey(keys[i]);
      p[at + 1] = lon === lon ? lon : null;
      p[at + 2] = lat === lat ? lat : null;
      p[at + 3] = area < 0 ? null : codes[area];
      p[at + 4] = STATUSES[statuses[i]];
    }
  }

  /** Forgets the rows written so far (the area column guessed was not the best). */
  restart(): void {
    this.db.exec('ROLLBACK TO postcode_rows');
    this.insert = new BatchInsert(this.db, 'cgm_postcodes', COLUMNS);
  }

  /** Writes the rows still waiting, the index and the dataset's row, and commits. */
  commit(index: PostcodeIndexParts, dataset: PostcodeDatasetRow): void {
    this.insert!.end();
    writePostcodeIndex(this.db, new PostcodeIndex(index.keys, index.areas, index.statuses, index.areaCodes, index.places));
    recordDataset(this.db, 'postcodes', 'postcodes', dataset.sourceFile, dataset.rowsRead, dataset.rowsImported, dataset.summary);
    this.db.exec('RELEASE postcode_rows');
    this.db.exec('RELEASE postcode_import');
    this.began = false;
    this.db.pragma(`cache_size = ${this.cacheSize}`);
  }

  /** Leaves the project as it was (a failed or cancelled import). */
  rollback(): void {
    if (!this.began) return;
    this.began = false;
    // SQLite may have ended the transaction itself (an I/O error, a full disk): then the savepoint is gone with it.
    if (this.db.inTransaction) {
      try {
        this.db.exec('ROLLBACK TO postcode_import');
        this.db.exec('RELEASE postcode_import');
      } catch {
        // no such savepoint: nothing of the import's is left to undo
      }
    }
    this.db.pragma(`cache_size = ${this.cacheSize}`);
  }
}
