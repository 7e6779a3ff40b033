// Area indicators: any table keyed by area code at one geography level, e.g.
// IMD 2019 "File 7" by LSOA (score, rank and decile of the index and of each
// domain) or a Census table by OA (TS045 car availability). Each chosen column
// becomes one indicator, read at other levels by its kind's method
// (shared/analysis/area-indicators.ts). Any bad cell fails the whole import,
// naming file, row and field, so nothing is half-imported.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { geographies, levelCodes, recordDataset } from './project-tables';
import { cellError, parseNumber } from './tabular';
import { guessIndicatorKind, INDICATOR_KINDS, NO_CAR_SHARE, type IndicatorKind } from '../../shared/analysis/area-indicators';
import { writeAreaIndicators, type IndicatorWrite } from '../store/area-indicators';

export interface IndicatorOptions {
  areaField: string;
  /** The geography level of the file's area codes (LSOA for IMD, OA for Census output-area tables). */
  level: string;
  /**
   * Columns to import, comma-separated; default every column but the area
   * code's whose cells are all numbers. IMD's "Education, Skills and Training
   * Score" has a comma of its own, so pieces are joined back into headers.
   */
  fields?: string;
  /** Kind per column where its name does not say (see guessIndicatorKind). */
  kinds?: Record<string, IndicatorKind>;
}


export async function importIndicators(project: ProjectHandle, input: ImportInput, options: IndicatorOptions, ctx?: ImportContext): Promise<ImportSummary> {
  const db = project.db;
  const level = options.level.trim();
  const levels = geographies(db).map((g) => g.level);
  if (!levels.includes(level)) throw new ImportError(`no geography level ${quote(level)} in the project (it has ${levels.join(', ') || 'none: import boundaries first'})`);
  const csv = await openCsv(input);
  const { file } = csv;
  const iArea = columnIndex(csv, options.areaField, 'area-field');
  const chosen = options.fields?.trim() ? fieldList(options.fields, csv.headers).map((f) => columnIndex(csv, f, 'fields')) : null;
  const candidates = chosen ?? csv.headers.map((_, i) => i).filter((i) => i !== iArea);
  for (const [field, kind] of Object.entries(options.kinds ?? {})) {
    if (!INDICATOR_KINDS.includes(kind)) throw new ImportError(`--kinds: ${quote(kind)} for ${quote(field)} is not one of ${INDICATOR_KINDS.join(', ')}`);
    if (!candidates.some((i) => csv.headers[i] === field)) throw new ImportError(`--kinds names ${quote(field)}, which is not a column being imported`);
  }

  const rows: { area: string; row: number; cells: string[] }[] = [];
  const seen = new Map<string, number>();
  for await (const rec of csv.records(ctx)) {
    const area = cell(rec, iArea);
    if (!area) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${csv.headers[iArea]}": empty, expected an area code`);
    if (seen.has(area)) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${csv.headers[iArea]}": duplicate area code ${quote(area)} (also row ${fmt(seen.get(area)!)})`);
    seen.set(area, rec.row);
    rows.push({ area, row: rec.row, cells: candidates.map((i) => cell(rec, i)) });
  }
  if (rows.length === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  // Without --fields, text columns (LSOA names, district names) are left out; a chosen column must be all numbers.
  const columns = candidates
    .map((i, k) => ({ header: csv.headers[i], k }))
    .filter((c) => chosen !== null || rows.every((r) => parseNumber(r.cells[c.k]) !== null));
  if (columns.length === 0) throw new ImportError(`${file}: no column besides "${csv.headers[iArea]}" holds numbers in every row; name the indicator columns with --fields`);
  const indicators: IndicatorWrite[] = columns.map(({ header, k }) => {
    const values = rows.map((r) => {
      const n = parseNumber(r.cells[k]);
      if (!n) throw cellError(file, r.row, header, r.cells[k], 'is not a number');
      return n.value;
    });
    const kind = options.kinds?.[header] ?? guessIndicatorKind(header, values);
    rows.forEach((r, j) => checkValue(file, r.row, header, r.cells[k], values[j], kind));
    return { name: header, level, kind, field: header, note: `${file}, column "${header}"`, values: new Map(rows.map((r, j) => [r.area, values[j]])) };
  });
  const derived = carShare(indicators, level, file);
  if (derived) indicators.push(derived);

  const known = levelCodes(db, level)!;
  const tally = new RejectTally();
  for (const r of rows) if (!known.has(r.area)) tally.add(`not a ${level} area of the project`, r.area);
  const matched = rows.length - tally.total();
  if (matched === 0) throw new ImportError(`${file}: none of its ${fmt(rows.length)} area codes are ${level} areas of the project (e.g. ${rows.slice(0, 3).map((r) => r.area).join(', ')})`);
  for (const ind of indicators) for (const code of [...ind.values.keys()]) if (!known.has(code)) (ind.values as Map<string, number>).delete(code);
  const missing = known.size - matched;
  const warnings = [...tally.warnings('row'), ...(missing > 0 ? [`${fmt(missing)} of the project's ${fmt(known.size)} ${level} areas have no row, so no value`] : [])];
  const summary: ImportSummary = {
    kind: 'indicators', dataset: file, file, rowsRead: rows.length, imported: matched, rejected: tally.counts, warnings,
    details: { level, indicators: indicators.map((i) => ({ name: i.name, kind: i.kind })) },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    writeAreaIndicators(db, file, indicators);
    recordDataset(db, 'indicators', file, file, rows.length, matched, summary);
  })();
  return summary;
}

/** "A,Education, Skills and Training Score,B" → the headers it names, joining pieces that are no header on their own. */
export function fieldList(text: string, headers: readonly string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const piece of text.split(',')) {
    pending = pending ? `${pending},${piece}` : piece.trim();
    if (headers.includes(pending.trim())) {
      out.push(pending.trim());
      pending = '';
    }
  }
  if (pending) out.push(pending.trim()); // not a header: columnIndex names it in its error
  return out;
}

function checkValue(file: string, row: number, field: string, text: string, v: number, kind: IndicatorKind): void {
  if (kind === 'decile' && !(Number.isInteger(v) && v >= 1 && v <= 10)) throw cellError(file, row, field, text, 'is not a decile (expected a whole number 1 to 10)');
  if (kind === 'rank' && !(Number.isInteger(v) && v >= 1)) throw cellError(file, row, field, text, 'is not a rank (expected a whole number from 1)');
  if (kind === 'count' && !(v >= 0)) throw cellError(file, row, field, text, 'is not a count (expected a number >= 0)');
}

/** TS045's layout (households, no_car): the share of households without a car, %, per area. */
function carShare(indicators: IndicatorWrite[], level: string, file: string): IndicatorWrite | null {
  const households = indicators.find((i) => i.name === 'households');
  const noCar = indicators.find((i) => i.name === 'no_car');
  if (!households || !noCar) return null;
  const values = new Map<string, number>();
  for (const [area, h] of households.values) if (h > 0) values.set(area, (100 * (noCar.values.get(area) ?? 0)) / h);
  return { name: NO_CAR_SHARE, level, kind: 'rate', field: null, note: `${file}: 100 × no_car / households`, values };
}
