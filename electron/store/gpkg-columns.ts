// A feature table's attributes read as columns (one array per column, in key
// order) rather than as features: a national area level is 190k rows, and an
// object per row was most of what answering for its attributes cost.
import type Database from 'better-sqlite3';
import { tableShape } from './gpkg-features';
import { quoteId } from './gpkg';

export interface AttributeColumns {
  /** The table's key per row, ascending (readFeatures' feature ids, in its order). */
  ids: number[];
  /** Every attribute column (no geometry), in the table's column order. */
  columns: { name: string; values: unknown[] }[];
}

export function readAttributeColumns(db: Database.Database, table: string): AttributeColumns {
  const shape = tableShape(db, table);
  const select = [shape.pk, ...shape.attributes].map(quoteId).join(', ');
  const rows = db.prepare(`SELECT ${select} FROM ${quoteId(table)} ORDER BY ${quoteId(shape.pk)}`).raw().all() as unknown[][];
  const ids = new Array<number>(rows.length);
  const columns = shape.attributes.map((name) => ({ name, values: new Array<unknown>(rows.length) }));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    ids[r] = row[0] as number;
    for (let c = 0; c < columns.length; c++) columns[c].values[r] = row[c + 1];
  }
  return { ids, columns };
}

/** An area table's codes in key order: the order of its features and of the map's arrays. */
export function areaCodes(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT code FROM ${quoteId(table)} ORDER BY fid`).pluck().all() as unknown[]).map(String);
}
