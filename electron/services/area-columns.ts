// getAreaColumns: a level's area attributes and figures as columns, the same
// values getAreaLayer puts in each feature's properties, read without an
// object per area (issue 18).
import type Database from 'better-sqlite3';
import { encodeAreaColumns, type AreaColumns } from '../../shared/contract/area-columns';
import { InputError } from '../../shared/errors';
import { readAttributeColumns } from '../store/gpkg-columns';
import { areaFigures, geographies } from './area-layer';

export function areaColumns(db: Database.Database, level: string, scheme?: string, segmentLevel?: string): AreaColumns {
  const geo = geographies(db).find((g) => g.level === level);
  if (!geo) throw new InputError(`The project has no geography level "${level}".`);
  const { ids, columns } = readAttributeColumns(db, geo.table_name);
  const codes = (columns.find((c) => c.name === 'code')?.values ?? []).map(String);
  return encodeAreaColumns(level, ids, [...columns, ...areaFigures(db, level, codes, scheme, segmentLevel)]);
}
