// A comparator base: counts per segment for England, a region or a neighbour,
// so the profile can index the study area's users and base against it.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, checkAborted, fmt, quote } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { recordDataset, schemes, segmentCodes } from './project-tables';
import { cellError, parseNumber } from './tabular';
import { writeComparator } from '../store/area-indicators';

export interface ComparatorOptions {
  /** Its name in the profile's columns, e.g. England. */
  name: string;
  scheme: string;
  segmentField: string;
  countField: string;
}

export async function importComparator(project: ProjectHandle, input: ImportInput, options: ComparatorOptions, ctx?: ImportContext): Promise<ImportSummary> {
  const db = project.db;
  const name = options.name.trim();
  if (!name) throw new ImportError('a comparator name is required (e.g. England)');
  const all = schemes(db);
  if (!all.includes(options.scheme)) throw new ImportError(`no scheme ${quote(options.scheme)} in the project (it has ${all.join(', ') || 'none'})`);
  const csv = await openCsv(input);
  const { file } = csv;
  const iSeg = columnIndex(csv, options.segmentField, 'segment-field');
  const iCount = columnIndex(csv, options.countField, 'count-field');
  const counts = new Map<string, number>();
  const rowOf = new Map<string, number>();
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const segment = cell(rec, iSeg);
    if (!segment) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${csv.headers[iSeg]}": empty, expected a segment code`);
    if (rowOf.has(segment)) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${csv.headers[iSeg]}": segment ${quote(segment)} already has a count on row ${fmt(rowOf.get(segment)!)}`);
    rowOf.set(segment, rec.row);
    const text = cell(rec, iCount);
    const n = parseNumber(text);
    if (!n || n.percent || n.value < 0) throw cellError(file, rec.row, csv.headers[iCount], text, 'is not a count (expected a number >= 0)');
    counts.set(segment, n.value);
  }
  if (counts.size === 0) throw new ImportError(`${file}: has a header row but no data rows`);
  // England has segments a study area lacks, and the project may define only its own: such rows stay in the
  // comparator's total (its shares are of the whole of England), with a warning in case one is a typing error.
  const defined = segmentCodes(db, options.scheme);
  const foreign = [...counts.keys()].filter((c) => !defined.has(c));
  if (foreign.length === counts.size) throw new ImportError(`${file}: none of its segment codes are in scheme ${quote(options.scheme)} (e.g. ${foreign.slice(0, 3).join(', ')})`);
  const warnings = foreign.length
    ? [`${fmt(foreign.length)} segment${foreign.length === 1 ? '' : 's'} not in the project's scheme (${foreign.slice(0, 8).join(', ')}${foreign.length > 8 ? ', ...' : ''}) kept in the comparator's total only`]
    : [];
  const summary: ImportSummary = {
    kind: 'comparator', dataset: `${name} (${options.scheme})`, file, rowsRead, imported: counts.size, rejected: {},
    warnings, details: { name, scheme: options.scheme, total: [...counts.values()].reduce((a, b) => a + b, 0) },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    writeComparator(db, name, options.scheme, counts);
    recordDataset(db, 'comparator', summary.dataset, file, rowsRead, counts.size, summary);
  })();
  return summary;
}
