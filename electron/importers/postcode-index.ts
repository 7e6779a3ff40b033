// The project's postcode directory as sorted packed keys (postcode-key.ts)
// with each postcode's area and status: ~13 bytes a postcode, ~30 MB for a
// national directory, stored beside cgm_postcodes as one row of blobs
// (cgm_postcode_index, migration 10) and written in the same transaction. The
// users import reads it whole and binary-searches in memory: a look-up in
// cgm_postcodes was two B-tree seeks (index, then table) per user. Each
// postcode's location rides along (migration 12) for the area points of
// travel analysis (project-inputs.ts): reading 1.7M rows of cgm_postcodes
// took ~2 s of a national band table.
// Blobs hold the typed arrays' bytes as the machine lays them out (little-endian
// on every platform the app is built for).
import type Database from 'better-sqlite3';
import { bisectLeft } from '../../shared/bisect';
import { arrayFromBlobs } from '../store/blob-arrays';
import type { PostcodeStatus } from './postcode';
import { postcodeKey } from './postcode-key';

export const STATUS_CODES = { live: 0, terminated: 1, pseudo: 2 } as const;
/** Status by its code. */
export const STATUSES: readonly PostcodeStatus[] = ['live', 'terminated', 'pseudo'];

export class PostcodeIndex {
  constructor(
    /** Packed postcodes, strictly increasing. */
    readonly keys: Float64Array,
    /** Index into areaCodes, -1 where the postcode lies outside the study area. */
    readonly areas: Int32Array,
    /** STATUS_CODES. */
    readonly statuses: Uint8Array,
    readonly areaCodes: readonly string[],
    /** Each postcode's location (NaN: none), written with the index; readPostcodeIndex leaves it out (livePlaces reads it). */
    readonly places: PostcodePlaces | null = null,
  ) {}

  get size(): number {
    return this.keys.length;
  }

  /** The first position whose key is >= key. */
  lowerBound(key: number): number {
    return bisectLeft(this.keys, key);
  }

  /** Position of the postcode with this key, -1 when the directory does not hold it. */
  find(key: number): number {
    const at = this.lowerBound(key);
    return at < this.keys.length && this.keys[at] === key ? at : -1;
  }

  /** Whether any key lies in [from, to). */
  holdsRange(from: number, to: number): boolean {
    const at = this.lowerBound(from);
    return at < this.keys.length && this.keys[at] < to;
  }
}

export interface PostcodePlaces {
  lons: Float64Array;
  lats: Float64Array;
}

const bytes = (a: Float64Array | Int32Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Replaces the stored index (inside the caller's transaction, with cgm_postcodes). */
export function writePostcodeIndex(db: Database.Database, index: PostcodeIndex): void {
  if (!index.places) throw new Error('a postcode index is written with its places');
  db.prepare('DELETE FROM cgm_postcode_index').run();
  db.prepare('INSERT INTO cgm_postcode_index (id, keys, areas, statuses, area_codes, lons, lats) VALUES (1, ?, ?, ?, ?, ?, ?)').run(
    bytes(index.keys), bytes(index.areas), bytes(index.statuses), JSON.stringify(index.areaCodes), bytes(index.places.lons), bytes(index.places.lats),
  );
}

/** The stored index; built from cgm_postcodes for a directory imported before schema 10. */
export function readPostcodeIndex(db: Database.Database): PostcodeIndex {
  const row = db.prepare('SELECT keys, areas, statuses, area_codes FROM cgm_postcode_index WHERE id = 1').get() as
    | { keys: Buffer; areas: Buffer; statuses: Buffer; area_codes: string }
    | undefined;
  const keys = row && arrayFromBlobs(Float64Array, [row.keys]);
  const areas = row && arrayFromBlobs(Int32Array, [row.areas]);
  // A stored index whose blobs are not whole arrays is rebuilt from the table it was derived from.
  if (row && keys && areas) return new PostcodeIndex(keys, areas, new Uint8Array(row.statuses), JSON.parse(row.area_codes) as string[]);
  return indexFromTable(db);
}

/** The live postcodes that have a place and an area, in postcode order: where the directory says people live. */
export interface LivePlaces {
  lons: Float64Array;
  lats: Float64Array;
  /** Index into areaCodes. */
  areas: Int32Array;
  areaCodes: readonly string[];
}

/**
 * The live postcodes with a place and an area, from the stored index's places (two blobs); from the
 * rows of cgm_postcodes for a directory imported before schema 12, as they were always read.
 */
export function livePlaces(db: Database.Database): LivePlaces {
  const row = db.prepare('SELECT areas, statuses, area_codes, lons, lats FROM cgm_postcode_index WHERE id = 1').get() as
    | { areas: Buffer; statuses: Buffer; area_codes: string; lons: Buffer | null; lats: Buffer | null }
    | undefined;
  const areas = row && arrayFromBlobs(Int32Array, [row.areas]);
  const lons = row?.lons && arrayFromBlobs(Float64Array, [row.lons]);
  const lats = row?.lats && arrayFromBlobs(Float64Array, [row.lats]);
  if (!row || !areas || !lons || !lats || lons.length !== areas.length || lats.length !== areas.length || row.statuses.length !== areas.length) return livePlacesFromTable(db);
  let n = 0;
  for (let p = 0; p < areas.length; p++) {
    if (areas[p] < 0 || row.statuses[p] !== STATUS_CODES.live || lons[p] !== lons[p] || lats[p] !== lats[p]) continue;
    areas[n] = areas[p];
    lons[n] = lons[p];
    lats[n++] = lats[p];
  }
  return { lons: lons.subarray(0, n), lats: lats.subarray(0, n), areas: areas.subarray(0, n), areaCodes: JSON.parse(row.area_codes) as string[] };
}

function livePlacesFromTable(db: Database.Database): LivePlaces {
  const lons: number[] = [], lats: number[] = [], areas: number[] = [];
  const codes = new Map<string, number>();
  // Row by row, in the table's (postcode) order: a national directory need not be held as rows at once.
  const rows = db
    .prepare("SELECT lon, lat, area_code FROM cgm_postcodes WHERE status = 'live' AND lon IS NOT NULL AND lat IS NOT NULL AND area_code IS NOT NULL")
    .raw()
    .iterate() as IterableIterator<[number, number, string]>;
  for (const [lon, lat, area] of rows) {
    let a = codes.get(area);
    if (a === undefined) codes.set(area, (a = codes.size));
    lons.push(lon);
    lats.push(lat);
    areas.push(a);
  }
  return { lons: Float64Array.from(lons), lats: Float64Array.from(lats), areas: Int32Array.from(areas), areaCodes: [...codes.keys()] };
}

function indexFromTable(db: Database.Database): PostcodeIndex {
  const entries: { key: number; area: number; status: number }[] = [];
  const codes = new Map<string, number>();
  for (const [postcode, area, status] of db.prepare('SELECT postcode, area_code, status FROM cgm_postcodes').raw().iterate() as Iterable<[string, string | null, string]>) {
    const key = postcodeKey(postcode);
    if (key < 0) continue; // not a normalised postcode: no users row can match it either
    let a = -1;
    if (area !== null) {
      a = codes.get(area) ?? codes.size;
      if (a === codes.size) codes.set(area, a);
    }
    entries.push({ key, area: a, status: STATUS_CODES[status as keyof typeof STATUS_CODES] ?? 0 });
  }
  entries.sort((x, y) => x.key - y.key);
  const keys = new Float64Array(entries.length);
  const areas = new Int32Array(entries.length);
  const statuses = new Uint8Array(entries.length);
  entries.forEach((e, i) => { keys[i] = e.key; areas[i] = e.area; statuses[i] = e.status; });
  return new PostcodeIndex(keys, areas, statuses, [...codes.keys()]);
}
