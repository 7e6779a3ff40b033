// The comparator columns of a profile: the stored comparator base lifted to
// the profile's segment level, set beside the rows as shown.
import type Database from 'better-sqlite3';
import { comparatorAtLevel, comparatorColumns, type ComparatorColumns } from '../../shared/analysis/comparator';
import type { DisclosedProfile } from '../../shared/analysis/disclosure';
import { comparatorCounts } from '../store/area-indicators';
import { schemeSegments } from './inputs';
import { segmentLifter } from './segment-levels';

export function profileComparator(db: Database.Database, name: string, scheme: string, segmentLevel: string | undefined, shown: DisclosedProfile): Map<string, ComparatorColumns> {
  const lift = segmentLifter(schemeSegments(db, scheme), segmentLevel);
  return comparatorColumns(shown, comparatorAtLevel(comparatorCounts(db, name, scheme), lift));
}
