// An export table as a CSV file. A table judged by the gap thresholds (gaps,
// strata) carries them in a last column, gap_thresholds, the same sentence on
// every row: the file stays one plain table that spreadsheets, csv-parse and
// GIS joins read as is (leading "#" lines would be read as a data row by
// most), and a row copied or filtered out of it still says how it was judged.
// A what-if table (proposed sites counted as open) ends in a what_if column,
// a band table with public-transport columns in a public_transport column.
import { describeGapSettings } from '../../shared/analysis/gaps';
import { EXCEL_CSV, toCsv, type CsvLayout } from './csv-writer';
import type { ExportTable } from './export-tables';

export const THRESHOLDS_COLUMN = 'gap_thresholds';
/** A table counting proposed sites as open says so the same way, in a what_if column. */
export const WHAT_IF_COLUMN = 'what_if';
/** A band table with public-transport columns says which day and window, in a public_transport column. */
export const PUBLIC_TRANSPORT_COLUMN = 'public_transport';

export function tableCsv(t: ExportTable, layout: CsvLayout = EXCEL_CSV): string {
  const extra: Record<string, string> = {
    ...(t.gapSettings ? { [THRESHOLDS_COLUMN]: describeGapSettings(t.gapSettings) } : {}),
    ...(t.whatIf ? { [WHAT_IF_COLUMN]: t.whatIf } : {}),
    ...(t.publicTransport ? { [PUBLIC_TRANSPORT_COLUMN]: t.publicTransport } : {}),
  };
  const columns = [...t.columns.map((c) => ({ key: c.key })), ...Object.keys(extra).map((key) => ({ key }))];
  return toCsv(Object.keys(extra).length ? t.rows.map((r) => ({ ...r, ...extra })) : t.rows, columns, layout);
}
