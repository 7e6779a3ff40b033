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
    /** Each postcode's location (NaN: none); null when read without (readPostcodeIndex). */
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

/**
 * The stored index, with the postcodes' places when asked (the users import needs none: ~40 MB
 * nationally). Built from cgm_postcodes for a directory imported before schema 10, or before 12
 * when its places are asked for.
 */
export function readPostcodeIndex(db: Database.Database, withPlaces = false): PostcodeIndex {
  const row = db.prepare(`SELECT keys, areas, statuses, area_codes${withPlaces ? ', lons, lats' : ''} FROM cgm_postcode_index WHERE id = 1`).get() as
    | { keys: Buffer; areas: Buffer; statuses: Buffer; area_codes: string; lons?: Buffer | null; lats?: Buffer | null }
    | undefined;
  const keys = row && arrayFromBlobs(Float64Array, [row.keys]);
  const areas = row && arrayFromBlobs(Int32Array, [row.areas]);
  const lons = row?.lons && arrayFromBlobs(Float64Array, [row.lons]);
  const lats = row?.lats && arrayFromBlobs(Float64Array, [row.lats]);
  const places = lons && lats && keys && lons.length === keys.length && lats.length === keys.length ? { lons, lats } : null;
  // A stored index whose blobs are not whole arrays is rebuilt from the table it was derived from.
  if (row && keys && areas && (places || !withPlaces)) {
    return new PostcodeIndex(keys, areas, new Uint8Array(row.statuses), JSON.parse(row.area_codes) as string[], places);
  }
  return indexFromTable(db);
}

function indexFromTable(db: Database.Database): PostcodeIndex {
  const entries: { key: number; area: number; status: number; lon: number; lat: number }[] = [];
  const codes = new Map<string, number>();
  const rows = db.prepare('SELECT postcode, area_code, status, lon, lat FROM cgm_postcodes').raw().iterate() as Iterable<[string, string | null, string, number | null, number | null]>;
  for (const [postcode, area, status, lon, lat] of rows) {
    const key = postcodeKey(postcode);
    if (key < 0) continue; // not a normalised postcode: no users row can match it either
    let a = -1;
    if (area !== null) {
      a = codes.get(area) ?? codes.size;
      if (a === codes.size) codes.set(area, a);
    }
    entries.push({ key, area: a, status: STATUS_CODES[status as keyof typeof STATUS_CODES] ?? 0, lon: lon ?? NaN, lat: lat ?? NaN });
  }
  entries.sort((x, y) => x.key - y.key);
  const keys = new Float64Array(entries.length);
  const areas = new Int32Array(entries.length);
  const statuses = new Uint8Array(entries.length);
  const lons = new Float64Array(entries.length);
  const lats = new Float64Array(entries.length);
  entries.forEach((e, i) => { keys[i] = e.key; areas[i] = e.area; statuses[i] = e.status; lons[i] = e.lon; lats[i] = e.lat; });
  return new PostcodeIndex(keys, areas, statuses, [...codes.keys()], { lons, lats });
}
