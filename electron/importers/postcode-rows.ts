// Storage for the postcode directory import: kept rows held column by column
// in typed arrays (a national directory is millions of rows, and an object per
// row cost more in garbage collection than the parse), and the stored index built from them.
import { parseNumber } from './tabular';
import { PostcodeIndex } from './postcode-index';

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class PostcodeColumns {
  length = 0;
  /** Packed postcodes (postcode-key.ts): 2.3M strings kept were a fifth of a national import in GC. */
  keys = new Float64Array(1024);
  /** NaN where the row has no location. */
  lons = new Float64Array(1024);
  lats = new Float64Array(1024);
  status = new Uint8Array(1024);
  /** Per area column, an index into the known boundary codes, -1 for none. */
  areas: Int32Array[];

  constructor(areaColumns: number) {
    this.areas = Array.from({ length: areaColumns }, () => new Int32Array(1024));
  }

  /** lon, lat: NaN where the row has no location. */
  push(key: number, lon: number, lat: number, status: number, areas: Int32Array): void {
    const r = this.length++;
    if (r >= this.lons.length) {
      this.keys = grown(this.keys, r + 1);
      this.lons = grown(this.lons, r + 1);
      this.lats = grown(this.lats, r + 1);
      this.status = grown(this.status, r + 1);
      this.areas = this.areas.map((a) => grown(a, r + 1));
    }
    this.keys[r] = key;
    this.lons[r] = lon;
    this.lats[r] = lat;
    this.status[r] = status;
    for (let k = 0; k < this.areas.length; k++) this.areas[k][r] = areas[k];
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

/** A character of [0-9A-Z] as a bijective base-37 digit (1–36); 0 for any other. */
const digit37 = (c: number): number => (c >= 48 && c <= 57 ? c - 47 : c >= 65 && c <= 90 ? c - 54 : 0);

/**
 * An area code read from text[a, b) as a number, so a national directory's ~9
 * candidate cells a row are looked up without making strings: up to 10 of
 * [0-9A-Z] in bijective base 37 (one code, one number); -1 for any other code,
 * which the caller looks up as text.
 */
export function areaCodeKey(text: string, a: number, b: number): number {
  if (b - a > 10) return -1;
  let key = 0;
  for (let i = a; i < b; i++) {
    const d = digit37(text.charCodeAt(i));
    if (d === 0) return -1;
    key = key * 37 + d;
  }
  return key;
}

/**
 * Length and first three characters of an area code in text[a, b) as one number; -1 when those
 * cannot pack (the rest of the code is not read, so areaCodeKey may still refuse it).
 */
export function areaCodeShape(text: string, a: number, b: number): number {
  const n = b - a;
  if (n > 10) return -1;
  let key = 0;
  for (let i = a; i < b && i < a + 3; i++) {
    const d = digit37(text.charCodeAt(i));
    if (d === 0) return -1;
    key = key * 37 + d;
  }
  return n * AREA_SHAPES_PER_LENGTH + key;
}

/** Shapes of one length: three characters in bijective base 37 stay below 37^3. */
const AREA_SHAPES_PER_LENGTH = 37 ** 3;
/** Every shape areaCodeShape returns is below this. */
export const AREA_SHAPES = 11 * AREA_SHAPES_PER_LENGTH;

/**
 * The kept rows as the stored index (postcode-index.ts): sorted by key, each
 * row's area as an index into codes. `sorted`: the keys already increase.
 */
export function directoryIndex(kept: PostcodeColumns, keep: readonly number[], area: (r: number) => number, codes: readonly string[], sorted: boolean): PostcodeIndex {
  const order = sorted ? keep : [...keep].sort((x, y) => kept.keys[x] - kept.keys[y]);
  const keys = new Float64Array(order.length);
  const areas = new Int32Array(order.length);
  const statuses = new Uint8Array(order.length);
  const lons = new Float64Array(order.length);
  const lats = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    keys[i] = kept.keys[r];
    areas[i] = area(r);
    statuses[i] = kept.status[r];
    lons[i] = kept.lons[r];
    lats[i] = kept.lats[r];
  }
  return new PostcodeIndex(keys, areas, statuses, codes, { lons, lats });
}
