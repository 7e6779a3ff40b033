// Where a lookup's parent codes are kept. The project's hierarchy is one chain
// of parent codes (OA → LSOA → MSOA), which every analysis walks to lift counts.
// A lookup from OAs to a new level writes on the OAs when they have no parent
// yet; when they already have one (OA → LSOA) and the new level nests in it,
// its codes go on that level instead (LSOA → MSOA), so the chain stays one.
// A level that does not nest (wards beside LSOAs) is kept beside the chain:
// chainLink says so with null, and the level's table lists its members.
import type Database from 'better-sqlite3';
import { ImportError } from './importer';
import type { GeographyRow } from './project-tables';

export interface ChainLink {
  /** The level whose rows get the new parent codes. */
  level: GeographyRow;
  /** Its code → code at the new level. */
  parentOf: Map<string, string>;
}

export function chainLink(
  db: Database.Database,
  levels: readonly GeographyRow[],
  child: GeographyRow,
  parentLevel: string,
  parentOf: ReadonlyMap<string, string>,
  file: string,
): ChainLink | null {
  // A level below the child in the chain cannot become its parent: that would be a loop.
  for (let l: GeographyRow | undefined = levels.find((g) => g.level === parentLevel), depth = 0; l && depth < 10; depth++) {
    if (l.parent_level === child.level) throw new ImportError(`${file}: ${parentLevel} lies inside ${child.level} already; a lookup cannot make it ${child.level}'s parent`);
    l = levels.find((g) => g.level === l!.parent_level);
  }
  const existing = child.parent_level ? levels.find((g) => g.level === child.parent_level) : undefined;
  if (!existing || existing.level === parentLevel) return { level: child, parentOf: new Map(parentOf) };

  // The child already lies in `existing` (e.g. OA in LSOA): the new level must contain whole `existing` areas.
  if (existing.parent_level && existing.parent_level !== parentLevel && levels.some((g) => g.level === existing.parent_level)) return null;
  const middle = db.prepare(`SELECT code, parent_code FROM "${child.table_name}" WHERE parent_code IS NOT NULL`).all() as { code: string; parent_code: string }[];
  const up = new Map<string, string>();
  for (const r of middle) {
    const target = parentOf.get(r.code);
    if (!target) continue;
    const other = up.get(r.parent_code);
    if (other !== undefined && other !== target) return null; // e.g. an LSOA split between two wards
    up.set(r.parent_code, target);
  }
  if (up.size === 0) return null;
  return { level: existing, parentOf: up };
}
