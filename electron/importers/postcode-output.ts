// Where the postcode import's kept rows go. A large directory is written by a
// thread of its own (postcode-write-thread.ts, its own connection to the
// project file) while the file is still being read: SQLite's write of a
// national directory (~2 s) then overlaps the read (~4 s) on a second core
// instead of following it (bench/README.md). The rows depend on which
// candidate area column (oa21, lsoa21, oa11...) matches most boundaries,
// known only at the end, so they are written for the column leading so far
// and, should another win, rolled back and written again: the table is the
// one the end's choice gives either way. Smaller files, and a project with no
// file or already inside a transaction, are written here at the end by the
// same PostcodeWriter, as is a file whose writer thread could not start.
// cgm_postcodes is its key's B-tree (WITHOUT ROWID), so rows go in key order:
// a directory sorted by postcode as it comes; any other once read, sorted.
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../threads/module-thread';
import type Database from 'better-sqlite3';
import type { PostcodeColumns } from './postcode-rows';
import { radixOrder } from './user-counts';
import { PostcodeWriter, type PostcodeBatch, type PostcodeDatasetRow, type PostcodeIndexParts } from './postcode-write';

export type ToWriter =
  | { type: 'rows'; batch: PostcodeBatch }
  | { type: 'restart' }
  | { type: 'commit'; index: PostcodeIndexParts; dataset: PostcodeDatasetRow }
  | { type: 'abort' };
/** 'ready': the thread runs and has its connection; what it answers before that is a failure to start. */
export type FromWriter = { type: 'ready' } | { type: 'done' } | { type: 'aborted' } | { type: 'failed'; message: string };

/**
 * SQLite's page cache for the write, in KiB. Written here at the end, 128 MiB, so the primary key's
 * index grows without spilling pages mid-write. In the thread, 32 MiB: spilling then happens while
 * the file is still read, and less is left to write at the commit, which nothing overlaps.
 */
const WRITE_HERE_CACHE_KIB = 131072;
export const WRITE_THREAD_CACHE_KIB = 32768;

export const POSTCODE_WRITE_THREAD = {
  /** Files smaller than this are written at the end, here: a thread's start costs more than they take. */
  minBytes: 8 * 1024 * 1024,
  /** Kept rows sent to the writer at a time: each message costs the reading thread ~3–6 ms whatever its size. */
  batchRows: 65536,
  /** Guesses given up before the rows wait for the end's choice (a leader that keeps changing). */
  restarts: 2,
};

/** The area column rows are written for (-1: none), and whether a row with no area there is left out. */
export interface AreaChoice {
  column: number;
  filter: boolean;
}

/**
 * Kept rows [from, to) as the table gets them for this choice; `codes` are the area codes new to the writer.
 * `order`: the rows' positions in key order, for rows that did not come in it (else they go as kept).
 */
export function batchOf(kept: PostcodeColumns, from: number, to: number, choice: AreaChoice, codes: string[], order?: Uint32Array): PostcodeBatch {
  const areas = choice.column >= 0 ? kept.areas[choice.column] : null;
  let n = to - from;
  if (areas && choice.filter) {
    n = 0;
    for (let r = from; r < to; r++) if (areas[r] >= 0) n++;
  }
  const batch: PostcodeBatch = {
    keys: new Float64Array(n), lons: new Float64Array(n), lats: new Float64Array(n), areas: new Int32Array(n), statuses: new Uint8Array(n), codes,
  };
  let i = 0;
  for (let j = from; j < to; j++) {
    const r = order ? order[j] : j;
    const area = areas ? areas[r] : -1;
    if (choice.filter && area < 0) continue;
    batch.keys[i] = kept.keys[r];
    batch.lons[i] = kept.lons[r];
    batch.lats[i] = kept.lats[r];
    batch.areas[i] = area;
    batch.statuses[i] = kept.status[r];
    i++;
  }
  return batch;
}

const buffersOf = (b: PostcodeBatch) => [b.keys.buffer, b.lons.buffer, b.lats.buffer, b.areas.buffer, b.statuses.buffer];

/** The writer's thread; null when a bundle lacks postcode-writer.mjs (scripts/build-electron.mjs and build-cli.mjs put it beside the bundle): the import then writes here. */
function startWriter(path: string): Worker | null {
  try {
    return startModuleThread(import.meta.url, './postcode-write-thread.ts', './postcode-writer.mjs', { postcodeWriter: { path } });
  } catch {
    return null; // a thread node will not start (its flags refused): written here, as without the file
  }
}

const runs = { started: 0, restarts: 0, fallbacks: 0 };
/** Writer threads started, guesses rolled back and threads that could not start so far (tests check which path an import took). */
export const postcodeWriterRuns = () => ({ ...runs });

export class PostcodeOutput {
  private offered = 0;
  private codesSent = 0;
  private guess: number | null = null;
  private restarts = 0;
  private waiting = false;
  private ready = false;
  private answer: FromWriter | null = null;
  private readonly answered: Promise<FromWriter>;
  /** True once the thread says it runs; false if it failed, stopped or said anything else first. */
  private readonly started: Promise<boolean>;

  private constructor(private readonly db: Database.Database, private worker: Worker | null) {
    let start: (ok: boolean) => void = () => {};
    this.started = new Promise((resolve) => { start = resolve; });
    this.answered = new Promise((resolve) => {
      if (!worker) return start(false);
      const settle = (m: FromWriter) => {
        if (m.type === 'ready') { this.ready = true; start(true); return; }
        start(false);
        this.answer ??= m;
        resolve(this.answer);
      };
      worker.on('message', settle);
      worker.on('error', (error) => settle({ type: 'failed', message: error.message }));
      worker.once('exit', (code) => settle({ type: 'failed', message: `the postcode writer thread stopped (exit ${code})` }));
    });
  }

  /** For a file of `size` bytes into db: a writer thread from now on, or the write at the end here. */
  static open(db: Database.Database, size: number): PostcodeOutput {
    const threaded = size >= POSTCODE_WRITE_THREAD.minBytes && !db.memory && !db.readonly && !db.inTransaction;
    const worker = threaded ? startWriter(db.name) : null;
    if (worker) runs.started++;
    return new PostcodeOutput(db, worker);
  }

  /**
   * The kept rows so far, for the column leading now: sent to the writer a batch at a time.
   * `sorted`: the keys so far increase. Once they do not, the rows wait for the end, to go sorted.
   */
  offer(kept: PostcodeColumns, choice: AreaChoice, codes: readonly string[], sorted: boolean): void {
    if (!this.worker || this.waiting || kept.length - this.offered < POSTCODE_WRITE_THREAD.batchRows) return;
    if (this.failed()) return;
    if (!sorted) {
      this.waiting = true;
      return;
    }
    if (this.guess !== null && this.guess !== choice.column) {
      if (this.restarts === POSTCODE_WRITE_THREAD.restarts) {
        this.waiting = true;
        return;
      }
      this.restarts++;
      runs.restarts++;
      this.post({ type: 'restart' });
      this.offered = 0;
    }
    this.guess = choice.column;
    this.send(kept, choice, codes);
  }

  /** Writes what is left for the final choice, the index and the dataset's row, and commits. */
  async finish(kept: PostcodeColumns, choice: AreaChoice, codes: readonly string[], sorted: boolean, index: PostcodeIndexParts, dataset: PostcodeDatasetRow): Promise<void> {
    const order = sorted ? undefined : keyOrder(kept);
    if (this.worker && !(await this.started)) {
      // The thread never ran (its file would not load, its connection would not open): nothing of it was written.
      runs.fallbacks++;
      await this.worker.terminate();
      this.worker = null;
    }
    if (!this.worker) {
      const writer = new PostcodeWriter(this.db, WRITE_HERE_CACHE_KIB);
      try {
        writer.begin();
        writer.rows(batchOf(kept, 0, kept.length, choice, [...codes], order));
        writer.commit(index, dataset);
      } catch (error) {
        writer.rollback();
        throw error;
      }
      return;
    }
    if (this.offered > 0 && (order || this.guess !== choice.column)) {
      runs.restarts++;
      this.post({ type: 'restart' });
      this.offered = 0;
    }
    this.guess = choice.column;
    this.send(kept, choice, codes, order);
    const places = index.places ? [index.places.lons.buffer, index.places.lats.buffer] : [];
    this.post({ type: 'commit', index, dataset }, [index.keys.buffer, index.areas.buffer, index.statuses.buffer, ...places]);
    const answer = await this.answered;
    await this.worker.terminate();
    if (answer.type !== 'done') throw new Error(`writing the postcode directory: ${answer.type === 'failed' ? answer.message : 'cancelled'}`);
  }

  /** The import failed or was cancelled: the writer rolls back and its thread ends. */
  async abandon(): Promise<void> {
    if (!this.worker) return;
    if (!this.answer) this.post({ type: 'abort' });
    await this.answered;
    await this.worker.terminate();
  }

  private send(kept: PostcodeColumns, choice: AreaChoice, codes: readonly string[], order?: Uint32Array): void {
    const batch = batchOf(kept, this.offered, kept.length, choice, codes.slice(this.codesSent), order);
    this.codesSent = codes.length;
    this.offered = kept.length;
    this.post({ type: 'rows', batch }, buffersOf(batch));
  }

  /**
   * A writer that failed mid-file stops the import at once, with its reason. One that failed to start
   * (no 'ready') is only left alone: the rows are all still here, and finish writes them here. True: stop sending.
   */
  private failed(): boolean {
    if (this.answer?.type !== 'failed') return false;
    if (this.ready) throw new Error(`writing the postcode directory: ${this.answer.message}`);
    return true;
  }

  private post(m: ToWriter, transfer: ArrayBufferLike[] = []): void {
    // Every buffer here is a plain ArrayBuffer made for the message (never a SharedArrayBuffer).
    this.worker!.postMessage(m, transfer as ArrayBuffer[]);
  }
}

/** Positions of the kept rows in key order (their keys are distinct: repeats were set aside). */
export function keyOrder(kept: PostcodeColumns): Uint32Array {
  return radixOrder(kept.keys.subarray(0, kept.length));
}
