// The `--where` filter (shared/import/row-filter.ts) against one file's
// fields, and the count the import dialog shows before importing: both go
// through keepRow, so the dialog's "keeps 4 of 10" is the rows the import keeps.
import { parseRowFilter, rowKept, RowFilterError, type RowCondition } from '../../shared/import/row-filter';
import { openCsv } from './csv-read';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, fmt, inputName, quote } from './importer';
import { propertyText, readVectorLayer } from './vector-read';

export type RowTest = (get: (field: string) => string) => boolean;

/** The filter's conditions with each field spelt as the file spells it; errors name the file and its fields. */
export function compileRowFilter(where: string | undefined, fields: readonly string[], file: string): RowTest {
  let conditions: RowCondition[];
  try {
    conditions = parseRowFilter(where);
  } catch (error) {
    if (error instanceof RowFilterError) throw new ImportError(`--where ${quote(where ?? '')}: ${error.message}`);
    throw error;
  }
  const resolved = conditions.map((c) => {
    const found = fields.find((f) => f.toLowerCase() === c.field.toLowerCase());
    if (!found) throw new ImportError(`${file}: no field ${quote(c.field)} (--where); it has ${fields.map((f) => quote(f)).join(', ')}`);
    return { ...c, field: found };
  });
  return (get) => rowKept(resolved, get);
}

export interface FilterCount {
  rows: number;
  kept: number;
}

/** How many rows of a file the filter keeps, read as the sites importer reads them (CSV cells and properties trimmed). */
export async function countKeptRows(input: ImportInput, where: string | undefined, ctx?: ImportContext): Promise<FilterCount> {
  const file = inputName(input);
  let rows = 0;
  let kept = 0;
  if (/\.(csv|tsv|txt)$/i.test(file)) {
    const csv = await openCsv(input);
    const keep = compileRowFilter(where, csv.headers, csv.file);
    const lower = csv.headers.map((h) => h.toLowerCase());
    for await (const rec of csv.records(ctx)) {
      rows++;
      if (keep((k) => (rec.values[lower.indexOf(k.toLowerCase())] ?? '').trim())) kept++;
    }
    return { rows, kept };
  }
  const layer = await readVectorLayer(input, {}, ctx);
  const keep = compileRowFilter(where, layer.fields, layer.file);
  for (const f of layer.features) {
    rows++;
    if (keep((k) => propertyText(f.properties[k], () => `${layer.file} ${layer.unit} ${fmt(f.number)}, field "${k}"`))) kept++;
  }
  return { rows, kept };
}
