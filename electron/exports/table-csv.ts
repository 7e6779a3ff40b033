// An export table as a CSV file. A table judged by the gap thresholds (gaps,
// strata) carries them in a last column, gap_thresholds, the same sentence on
// every row: the file stays one plain table that spreadsheets, csv-parse and
// GIS joins read as is (leading "#" lines would be read as a data row by
// most), and a row copied or filtered out of it still says how it was judged.
import { describeGapSettings } from '../../shared/analysis/gaps';
import { EXCEL_CSV, toCsv, type CsvLayout } from './csv-writer';
import type { ExportTable } from './export-tables';

export const THRESHOLDS_COLUMN = 'gap_thresholds';

export function tableCsv(t: ExportTable, layout: CsvLayout = EXCEL_CSV): string {
  const columns = t.columns.map((c) => ({ key: c.key }));
  if (!t.gapSettings) return toCsv(t.rows, columns, layout);
  const thresholds = describeGapSettings(t.gapSettings);
  return toCsv(t.rows.map((r) => ({ ...r, [THRESHOLDS_COLUMN]: thresholds })), [...columns, { key: THRESHOLDS_COLUMN }], layout);
}
