// The project's postcode directory as the users importer sees it, looked up a
// batch of postcodes at a time in SQLite rather than loaded whole: a national
// directory is 2.3M postcodes, and holding it in a Map took most of a 1M-row
// users import's memory and a third of its CPU (bench/README.md). Each batch is
// one statement: its distinct postcodes go in as a JSON array and each is a
// seek in the primary-key index, so memory follows the batch, not the directory.
import type Database from 'better-sqlite3';
import { outwardCode } from './postcode';

export interface DirectoryEntry {
  /** The postcode's area, null when it lies outside the study area's boundaries. */
  area: string | null;
  terminated: boolean;
}

export class UserDirectory {
  private readonly lookup: Database.Statement;
  private readonly district: Database.Statement;
  /** Outward code -> whether the directory holds any postcode in it (a few thousand nationally). */
  private readonly districts = new Map<string, boolean>();
  private readonly segmentLookups = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    // CROSS JOIN keeps the JSON array as the outer loop, so each key is one index seek (never a table scan).
    this.lookup = db.prepare(
      'SELECT j.value, p.area_code, p.status FROM json_each(?) AS j CROSS JOIN cgm_postcodes AS p ON p.postcode = j.value',
    ).raw();
    // Directory postcodes are in normal form ("LS6 1AA"), so a district's postcodes are those from "LS6 " up to "LS6!".
    this.district = db.prepare('SELECT 1 FROM cgm_postcodes WHERE postcode >= ? AND postcode < ? LIMIT 1').pluck();
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM cgm_postcodes LIMIT 1').get() === undefined;
  }

  /** The directory's entries for these postcodes (absent: not in the directory). */
  find(postcodes: Iterable<string>): Map<string, DirectoryEntry> {
    // In order, consecutive seeks share the index's upper pages (a third less CPU than in file order).
    const keys = [...new Set(postcodes)].sort();
    const found = new Map<string, DirectoryEntry>();
    if (keys.length === 0) return found;
    for (const [postcode, area, status] of this.lookup.all(JSON.stringify(keys)) as [string, string | null, string][]) {
      found.set(postcode, { area, terminated: status === 'terminated' });
    }
    return found;
  }

  /** Whether the directory holds any postcode of this one's district (a miss there is a gap in the directory). */
  holdsDistrict(postcode: string): boolean {
    const outward = outwardCode(postcode);
    let held = this.districts.get(outward);
    if (held === undefined) {
      held = this.district.get(`${outward} `, `${outward}!`) !== undefined;
      this.districts.set(outward, held);
    }
    return held;
  }

  /** Whether a scheme has a postcode lookup (Mosaic, Acorn) at all. */
  hasSegmentLookup(scheme: string): boolean {
    return this.db.prepare('SELECT 1 FROM cgm_postcode_segments WHERE scheme = ? LIMIT 1').get(scheme) !== undefined;
  }

  /** A scheme's segments for these postcodes, from its postcode lookup. */
  segments(scheme: string, postcodes: Iterable<string>): Map<string, string> {
    let statement = this.segmentLookups.get(scheme);
    if (!statement) {
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
