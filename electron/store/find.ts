// The Find box's search of the project: areas of one level by code or name,
// and the project's postcodes. Typed text goes into LIKE patterns, so its own
// % and _ are escaped and match only themselves.
import type Database from 'better-sqlite3';

export interface AreaMatch {
  code: string;
  name: string | null;
}

export interface PostcodeMatch {
  postcode: string;
  lon: number | null;
  lat: number | null;
  areaCode: string | null;
  status: string;
}

/** Text for a LIKE ... ESCAPE '\' pattern that matches it literally. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Areas whose code or name contains the text (ignoring case), best first: the
 * exact code, then codes starting with it, names starting with it, names with
 * a word starting with it, then any other.
 */
export function findAreas(db: Database.Database, table: string, text: string, limit: number): AreaMatch[] {
  const q = likeLiteral(text);
  return db
    .prepare(
      `SELECT code, name FROM "${table.replace(/"/g, '""')}"
       WHERE code LIKE @any ESCAPE '\\' OR name LIKE @any ESCAPE '\\'
       ORDER BY CASE
         WHEN code = @exact COLLATE NOCASE THEN 0
         WHEN code LIKE @start ESCAPE '\\' THEN 1
         WHEN name LIKE @start ESCAPE '\\' THEN 2
         WHEN name LIKE @word ESCAPE '\\' THEN 3
         ELSE 4 END, name, code
       LIMIT @limit`,
    )
    .all({ any: `%${q}%`, start: `${q}%`, word: `% ${q}%`, exact: text, limit }) as AreaMatch[];
}

/** Postcodes starting with the text, spaces ignored ("le156" finds LE15 6NT); live ones first. */
export function findPostcodes(db: Database.Database, text: string, limit: number): PostcodeMatch[] {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 2) return [];
  return db
    .prepare(
      `SELECT postcode, lon, lat, area_code AS areaCode, status FROM cgm_postcodes
       WHERE REPLACE(postcode, ' ', '') LIKE @start ESCAPE '\\'
       ORDER BY REPLACE(postcode, ' ', '') = @compact DESC, status = 'live' DESC, postcode
       LIMIT @limit`,
    )
    .all({ start: `${likeLiteral(compact)}%`, compact, limit }) as PostcodeMatch[];
}

/** Names of those of the codes that are areas of the table (a code not there is left out). */
export function areaNamesByCode(db: Database.Database, table: string, codes: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const one = db.prepare(`SELECT code, name FROM "${table.replace(/"/g, '""')}" WHERE code = ?`);
  for (const code of new Set(codes)) {
    const row = one.get(code) as AreaMatch | undefined;
    if (row) out.set(row.code, row.name);
  }
  return out;
}
