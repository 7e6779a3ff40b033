// Storage for the postcode directory import: kept rows held column by column
// in typed arrays (a national directory is millions of rows, and an object per
// row cost more in garbage collection than the parse), and the batched write.
import type Database from 'better-sqlite3';
import type { PostcodeStatus } from './postcode';
import { parseNumber } from './tabular';
import { insertRows } from './batch-insert';

export const STATUSES: readonly PostcodeStatus[] = ['live', 'terminated', 'pseudo'];
const STATUS_CODE: Record<PostcodeStatus, number> = { live: 0, terminated: 1, pseudo: 2 };

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class PostcodeColumns {
  length = 0;
  readonly postcodes: string[] = [];
  /** NaN where the row has no location. */
  private lons = new Float64Array(1024);
  private lats = new Float64Array(1024);
  status = new Uint8Array(1024);
  /** Per area column, an index into the known boundary codes, -1 for none. */
  areas: Int32Array[];

  constructor(areaColumns: number) {
    this.areas = Array.from({ length: areaColumns }, () => new Int32Array(1024));
  }

  push(postcode: string, lon: number | null, lat: number | null, status: PostcodeStatus, areas: Int32Array): void {
    const r = this.length++;
    if (r >= this.lons.length) {
      this.lons = grown(this.lons, r + 1);
      this.lats = grown(this.lats, r + 1);
      this.status = grown(this.status, r + 1);
      this.areas = this.areas.map((a) => grown(a, r + 1));
    }
    this.postcodes.push(postcode);
    this.lons[r] = lon ?? NaN;
    this.lats[r] = lat ?? NaN;
    this.status[r] = STATUS_CODE[status];
    for (let k = 0; k < this.areas.length; k++) this.areas[k][r] = areas[k];
  }

  lon(r: number): number | null {
    const v = this.lons[r];
    return v === v ? v : null;
  }

  lat(r: number): number | null {
    const v = this.lats[r];
    return v === v ? v : null;
  }
}

/** A coordinate cell: plain numbers straight through Number(), anything else (1,234.5; 12,5) by parseNumber. */
export function parseCoordinate(text: string): number | null {
  if (text === '') return null;
  const c = text.charCodeAt(0);
  const plain = (c >= 48 && c <= 57) || c === 45 || c === 46;
  if (plain && !/[xXbBoO,_ ]/.test(text)) {
    const v = Number(text);
    if (Number.isFinite(v)) return v;
  }
  return parseNumber(text)?.value ?? null;
}

type PostcodeRow = [string, number | null, number | null, string | null, PostcodeStatus];

/**
 * Replaces the directory with n rows in one transaction, several rows to an
 * INSERT (batch-insert.ts; one statement call per row was a third of the write),
 * with a larger page cache while the primary-key index grows. finish runs inside
 * the same transaction, so nothing is half-imported.
 */
export function writePostcodes(db: Database.Database, n: number, rowAt: (i: number) => PostcodeRow, finish: () => void): void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -131072'); // 128 MiB, for this write only
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM cgm_postcodes').run();
      insertRows(db, 'cgm_postcodes', ['postcode', 'lon', 'lat', 'area_code', 'status'], (function* () {
        for (let i = 0; i < n; i++) yield rowAt(i);
      })());
      finish();
    })();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
