// A level's own population and segment rows read in its table's key order,
// matched to its areas by SQLite's join on the code rather than in Maps of
// codes (issue 18): for a national level, turning 190k population and
// assignment rows into objects and Maps was most of getAreaColumns' second.
// Only for a level no finer area lifts into (areasLiftInto is false): there an
// area's figures are its own rows alone.
import type Database from 'better-sqlite3';
import type { BaseKind } from '../../shared/domain';
import { quoteId } from './gpkg';
import { tableShape } from './gpkg-features';

/**
 * Whether the areas of another level (by their parent codes) or the level's
 * lookup members can lift into `table`'s areas. False means each area's
 * figures are its own rows. Errs towards true (a code matched in SQLite's
 * looser comparison), which only costs the slower, general reading.
 */
export function areasLiftInto(db: Database.Database, table: string): boolean {
  const columns = db.prepare(`PRAGMA table_info(${quoteId(table)})`).all() as { name: string }[];
  if (columns.some((c) => c.name === 'members') && db.prepare(`SELECT EXISTS (SELECT 1 FROM ${quoteId(table)} WHERE members IS NOT NULL)`).pluck().get()) return true;
  const others = db.prepare('SELECT table_name FROM cgm_geographies WHERE table_name <> ?').pluck().all(table) as string[];
  return others.some((other) =>
    db.prepare(`SELECT EXISTS (SELECT 1 FROM ${quoteId(other)} WHERE parent_code IN (SELECT code FROM ${quoteId(table)}))`).pluck().get(),
  );
}

/** Whether any area has a count of this base (the households column is shown only then). */
export function hasBase(db: Database.Database, base: BaseKind): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM cgm_population WHERE base_kind = ?)').pluck().get(base) === 1;
}

/** Each area's own count of `base` (null where it has none), in the table's key order. */
export function ownCounts(db: Database.Database, table: string, base: BaseKind): (number | null)[] {
  const pk = quoteId(tableShape(db, table).pk);
  return db
    .prepare(`SELECT p.count FROM ${quoteId(table)} t LEFT JOIN cgm_population p ON p.area_code = CAST(t.code AS TEXT) AND p.base_kind = ? ORDER BY t.${pk}`)
    .pluck()
    .all(base) as (number | null)[];
}

/** One area's assignment row: the area's index in key order, its segment and its weight (count, else the area's persons, else 1). */
export type OwnAssignment = [area: number, segment: string, weight: number];

/**
 * The scheme's segment of each area in key order (null where none) when no
 * area has more than one, else every assignment row with its area's index,
 * in key order and by segment code within an area.
 */
export function ownAssignments(db: Database.Database, table: string, scheme: string): { single: (string | null)[] } | { rows: OwnAssignment[] } {
  const pk = quoteId(tableShape(db, table).pk);
  const t = quoteId(table);
  const join = `FROM ${t} t LEFT JOIN cgm_assignments a ON a.scheme = ? AND a.area_code = CAST(t.code AS TEXT)`;
  const single = db.prepare(`SELECT a.segment_code ${join} ORDER BY t.${pk}, a.segment_code`).pluck().all(scheme) as (string | null)[];
  const areas = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  if (single.length === areas) return { single };
  const rows = db
    .prepare(
      `SELECT t.${pk}, a.segment_code, coalesce(a.count, p.count, 1) ${join}
       LEFT JOIN cgm_population p ON p.area_code = a.area_code AND p.base_kind = 'persons'
       ORDER BY t.${pk}, a.segment_code`,
    )
    .raw()
    .all(scheme) as [number, string | null, number][];
  // Each area has a row at least (the LEFT JOIN's), so a new key is the next area.
  const out: OwnAssignment[] = [];
  let area = -1;
  let last: number | undefined;
  for (const [key, segment, weight] of rows) {
    if (key !== last) [area, last] = [area + 1, key];
    if (segment !== null) out.push([area, segment, weight]);
  }
  return { rows: out };
}
