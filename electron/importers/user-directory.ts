// The project's postcode directory as the users importer sees it: the packed
// index (postcode-index.ts) read whole, ~30 MB for a national directory, and
// binary-searched in memory. Looking a batch up in cgm_postcodes instead cost
// two B-tree seeks a user, the largest part of a 1M-row import (bench/README.md).
import type Database from 'better-sqlite3';
import { bisectLeft, bisectRight } from '../../shared/bisect';
import { outwardCode } from './postcode';
import { postcodeOfKey, prefixRange } from './postcode-key';
import { PostcodeIndex, STATUS_CODES, readPostcodeIndex } from './postcode-index';

/** Keys to a block of the index between two sampled keys (256 bytes). */
const SAMPLE = 32;

export class UserDirectory {
  readonly index: PostcodeIndex;
  /** Outward code -> whether the directory holds any postcode in it (a few thousand nationally). */
  private readonly districts = new Map<string, boolean>();
  private readonly segmentLookups = new Map<string, Database.Statement>();

  /** Every SAMPLE-th key of the index: a search reads this (cache-sized) first, then one block of the index. */
  private readonly sample: Float64Array;

  constructor(private readonly db: Database.Database) {
    this.index = readPostcodeIndex(db);
    const keys = this.index.keys;
    this.sample = new Float64Array(Math.ceil(keys.length / SAMPLE));
    for (let i = 0; i < this.sample.length; i++) this.sample[i] = keys[i * SAMPLE];
  }

  isEmpty(): boolean {
    return this.index.size === 0 && this.db.prepare('SELECT 1 FROM cgm_postcodes LIMIT 1').get() === undefined;
  }

  /** Position of a packed postcode in the index, -1 when the directory does not hold it. */
  position(key: number): number {
    // A plain binary search over a national index's 18 MB of keys missed the cache ~10 times a
    // user, the largest part of counting a 1M-row file: the sample (~600 kB) then a 256-byte block miss far less.
    const block = bisectRight(this.sample, key);
    if (block === 0) return -1; // below the first key
    const keys = this.index.keys;
    const start = (block - 1) * SAMPLE;
    const end = Math.min(start + SAMPLE, keys.length);
    const at = bisectLeft(keys, key, start, end);
    return at < end && keys[at] === key ? at : -1;
  }

  /** The area (index into index.areaCodes, -1 outside the study area) at a position. */
  areaAt(position: number): number {
    return this.index.areas[position];
  }

  terminatedAt(position: number): boolean {
    return this.index.statuses[position] === STATUS_CODES.terminated;
  }

  /** Whether the directory holds any postcode of this one's district (a miss there is a gap in the directory). */
  holdsDistrict(postcode: string): boolean {
    const outward = outwardCode(postcode);
    let held = this.districts.get(outward);
    if (held === undefined) {
      // A district's postcodes are those starting "LS6 " (not "LS61...": the space is part of the prefix).
      const [from, to] = prefixRange(`${outward} `);
      held = this.index.holdsRange(from, to);
      this.districts.set(outward, held);
    }
    return held;
  }

  /** holdsDistrict for a packed postcode. */
  holdsDistrictOf(key: number): boolean {
    return this.holdsDistrict(postcodeOfKey(key));
  }

  /** Whether a scheme has a postcode lookup (Mosaic, Acorn) at all. */
  hasSegmentLookup(scheme: string): boolean {
    return this.db.prepare('SELECT 1 FROM cgm_postcode_segments WHERE scheme = ? LIMIT 1').get(scheme) !== undefined;
  }

  /** A scheme's segments for these postcodes, from its postcode lookup, a batch in one statement. */
  segments(scheme: string, postcodes: Iterable<string>): Map<string, string> {
    let statement = this.segmentLookups.get(scheme);
    if (!statement) {
      // CROSS JOIN keeps the JSON array as the outer loop, so each key is one index seek (never a table scan).
      statement = this.db.prepare(
        'SELECT j.value, s.segment_code FROM json_each(?) AS j CROSS JOIN cgm_postcode_segments AS s ON s.scheme = ? AND s.postcode = j.value',
      ).raw();
      this.segmentLookups.set(scheme, statement);
    }
    const keys = [...new Set(postcodes)].sort();
    const found = new Map<string, string>();
    if (keys.length === 0) return found;
    for (const [postcode, segment] of statement.all(JSON.stringify(keys), scheme) as [string, string][]) found.set(postcode, segment);
    return found;
  }
}
