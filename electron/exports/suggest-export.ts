// Suggested sites as CSV: the covered need after each added site, the table
// `cgm suggest --format csv` prints, as a file (`cgm suggest --out`, and the
// app's Export dialog). Need is modelled from population and rates, not a
// count of service users, so no disclosure rule applies to it.
import type { SuggestResult } from '../routing/suggest';
import { toCsv } from './csv-writer';
import { exportFile, safeFilename, type ExportFile } from './export-file';

export const SUGGEST_COLUMNS = ['rank', 'source', 'candidate', 'name', 'lon', 'lat', 'addedNeed', 'coveredNeed', 'coveredPct'] as const;

export function suggestionsCsv(result: SuggestResult): ExportFile {
  const csv = toCsv(result.sites as unknown as Record<string, string | number | null>[], SUGGEST_COLUMNS.map((key) => ({ key })));
  return exportFile(safeFilename(`suggested sites ${result.service} ${result.minutes} min`, '.csv'), csv);
}
