// Many rows into one table, ROWS_PER_INSERT to a statement: one better-sqlite3
// call per row was a third of writing a national postcode directory and most of
// writing a users import's ~800k counts.
// The caller holds the transaction; rows go in the order given.
import type Database from 'better-sqlite3';

export type Value = string | number | null;

const ROWS_PER_INSERT = 100;

/** Inserts rows (each `columns.length` values) into table. */
export function insertRows(db: Database.Database, table: string, columns: readonly string[], rows: Iterable<readonly Value[]>): void {
  const batch = new BatchInsert(db, table, columns);
  for (const row of rows) {
    const at = batch.next();
    for (let f = 0; f < batch.width; f++) batch.params[at + f] = row[f];
  }
  batch.end();
}

/**
 * The parameters of one multi-row INSERT, run when full. For rows a caller produces
 * one at a time without an array each (a users import's ~800k count cells): write
 * a row's values from `params[next()]` on, then `end()` writes what is left.
 */
export class BatchInsert {
  readonly width: number;
  readonly params: Value[];
  private readonly head: string;
  private readonly tuple: string;
  private readonly many: Database.Statement;
  private k = 0;

  constructor(private readonly db: Database.Database, table: string, columns: readonly string[]) {
    this.width = columns.length;
    this.head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.tuple = `(${columns.map(() => '?').join(', ')})`;
    this.many = db.prepare(this.head + new Array(ROWS_PER_INSERT).fill(this.tuple).join(', '));
    this.params = new Array(ROWS_PER_INSERT * this.width).fill(null);
  }

  /** Where the next row's values go (the statement runs first when it is full). */
  next(): number {
    if (this.k === ROWS_PER_INSERT) {
      this.many.run(this.params);
      this.k = 0;
    }
    return this.k++ * this.width;
  }

  /** Runs the rows still waiting. */
  end(): void {
    if (this.k === ROWS_PER_INSERT) this.many.run(this.params);
    else if (this.k > 0) this.db.prepare(this.head + new Array(this.k).fill(this.tuple).join(', ')).run(this.params.slice(0, this.k * this.width));
    this.k = 0;
  }
}
