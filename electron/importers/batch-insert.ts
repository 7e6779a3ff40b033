// Many rows into one table, ROWS_PER_INSERT to a statement: one better-sqlite3
// call per row was a third of writing a national postcode directory and most of
// writing a users import's ~800k counts.
// The caller holds the transaction; rows go in the order given.
import type Database from 'better-sqlite3';

type Value = string | number | null;

const ROWS_PER_INSERT = 100;

/** Inserts rows (each `columns.length` values) into table. */
export function insertRows(db: Database.Database, table: string, columns: readonly string[], rows: Iterable<readonly Value[]>): void {
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const many = db.prepare(head + new Array(ROWS_PER_INSERT).fill(tuple).join(', '));
  const width = columns.length;
  const params: Value[] = new Array(ROWS_PER_INSERT * width);
  let k = 0;
  for (const row of rows) {
    for (let f = 0; f < width; f++) params[k * width + f] = row[f];
    if (++k === ROWS_PER_INSERT) {
      many.run(params);
      k = 0;
    }
  }
  if (k > 0) db.prepare(head + new Array(k).fill(tuple).join(', ')).run(params.slice(0, k * width));
}

/**
 * insertRows for rows a caller produces one at a time without an array each
 * (a users import's ~800k count cells): write a row's values at `params[at]`
 * onwards, then call `next()`; `finish()` writes what is left.
 */
export class BatchInsert {
  readonly params: Value[];
  /** Where the current row's first value goes in params. */
  at = 0;
  private readonly many: Database.Statement;

  constructor(private readonly db: Database.Database, private readonly table: string, private readonly columns: readonly string[]) {
    this.many = db.prepare(this.sql(ROWS_PER_INSERT));
    this.params = new Array(ROWS_PER_INSERT * columns.length);
  }

  next(): void {
    this.at += this.columns.length;
    if (this.at === this.params.length) {
      this.many.run(this.params);
      this.at = 0;
    }
  }

  finish(): void {
    if (this.at > 0) this.db.prepare(this.sql(this.at / this.columns.length)).run(this.params.slice(0, this.at));
    this.at = 0;
  }

  private sql(rows: number): string {
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${new Array(rows).fill(tuple).join(', ')}`;
  }
}
