// Risk rates per segment: a prevalence, or an index (100 = reference) with the
// reference prevalence. Always stored as a proportion 0..1.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import { cell, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { recordDataset, schemes, segmentCodes } from './project-tables';
import { ratesBelowAssignments } from '../../shared/analysis/need';
import { cellError, parseNumber, pickColumn } from './tabular';

export interface RateOptions {
  indicator: string;
  /** Segmentation scheme the codes belong to; may be omitted when the project has one. */
  scheme?: string;
  segmentField: string;
  rateField?: string;
  indexField?: string;
  /** Reference prevalence for an index: "0.14", "14%". */
  referenceRate?: string | number;
  /** How plain numbers in --rate-field read; auto: all <= 1 means proportions, else percentages. */
  rateUnit?: 'auto' | 'proportion' | 'percent' | 'per1000';
  note?: string;
}

export function parseReferenceRate(value: string | number): number {
  const n = typeof value === 'number' ? { value, percent: false } : parseNumber(value);
  if (!n) throw new ImportError(`--reference-rate ${quote(value)} is not a number (expected e.g. 0.14 or 14%)`);
  const p = n.percent ? n.value / 100 : n.value;
  if (!(p > 0 && p <= 1)) throw new ImportError(`--reference-rate ${quote(value)} must be a prevalence between 0 and 1 (or a percentage)`);
  return p;
}

export async function importRates(
  project: ProjectHandle,
  input: ImportInput,
  options: RateOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const indicator = options.indicator.trim();
  if (!indicator) throw new ImportError('an indicator name is required (e.g. "Smoking")');
  if (!!options.rateField === !!options.indexField) throw new ImportError('give either --rate-field or --index-field with --reference-rate');
  const reference = options.indexField ? (options.referenceRate === undefined ? null : parseReferenceRate(options.referenceRate)) : null;
  if (options.indexField && reference === null) throw new ImportError('--index-field needs --reference-rate (the prevalence an index of 100 stands for)');
  const db = project.db;
  const all = schemes(db);
  const scheme = options.scheme?.trim() || (all.length === 1 ? all[0] : '');
  if (!scheme) throw new ImportError(all.length ? `several schemes (${all.join(', ')}); say which with --scheme` : 'import a segmentation scheme before its rates');
  if (!all.includes(scheme)) throw new ImportError(`no scheme ${quote(scheme)} in the project (it has ${all.join(', ') || 'none'})`);

  const csv = await openCsv(input);
  const { file } = csv;
  const iSeg = pickColumn(csv, 'rates', options.segmentField, 'segment', 'segment-field');
  const iVal = options.rateField ? pickColumn(csv, 'rates', options.rateField, 'rate', 'rate-field') : pickColumn(csv, 'rates', options.indexField, 'index', 'index-field');
  const h = (i: number) => csv.headers[i];
  const raw: { segment: string; value: number; percent: boolean; row: number; text: string }[] = [];
  const seen = new Map<string, number>();
  for await (const rec of csv.records(ctx)) {
    const segment = cell(rec, iSeg);
    if (!segment) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iSeg)}": empty, expected a segment code`);
    if (seen.has(segment)) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iSeg)}": segment ${quote(segment)} already has a rate on row ${fmt(seen.get(segment)!)}`);
    seen.set(segment, rec.row);
    const text = cell(rec, iVal);
    const n = parseNumber(text);
    if (!n || n.value < 0) throw cellError(file, rec.row, h(iVal), text, options.indexField ? 'is not an index (expected a number >= 0, 100 = reference)' : 'is not a rate (expected e.g. 0.12 or 12%)');
    raw.push({ segment, value: n.value, percent: n.percent, row: rec.row, text });
  }
  if (raw.length === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  const warnings: string[] = [];
  let unit = options.rateUnit ?? 'auto';
  if (options.rateField && unit === 'auto') {
    unit = raw.every((r) => r.percent || r.value <= 1) ? 'proportion' : 'percent';
    if (unit === 'percent') warnings.push(`rates above 1 found, so plain numbers in "${h(iVal)}" were read as percentages`);
  }
  const rates = raw.map((r) => {
    let prevalence: number;
    if (options.indexField) prevalence = (r.value / 100) * reference!;
    else if (r.percent || unit === 'percent') prevalence = r.value / 100;
    else if (unit === 'per1000') prevalence = r.value / 1000;
    else prevalence = r.value;
    if (prevalence > 1) throw cellError(file, r.row, h(iVal), r.text, `gives a prevalence of ${prevalence.toFixed(3)}, above 1`);
    return { segment: r.segment, prevalence, index: options.indexField ? r.value : null };
  });
  const defined = segmentCodes(db, scheme);
  const tally = new RejectTally();
  const keep = rates.filter((r) => defined.has(r.segment) || (tally.add('segment not in scheme', r.segment), false));
  warnings.push(...tally.warnings('row'));
  if (keep.length === 0) throw new ImportError(`${file}: none of its segment codes are in scheme ${quote(scheme)} (e.g. ${rates.slice(0, 3).map((r) => r.segment).join(', ')})`);
  warnings.push(...checkRateLevels(db, scheme, file, keep.map((r) => r.segment)));
  const summary: ImportSummary = {
    kind: 'rates', dataset: indicator, file, rowsRead: raw.length, imported: keep.length, rejected: tally.counts, warnings,
    details: { scheme, referenceRate: reference, unit: options.indexField ? 'index' : unit },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO cgm_indicators (name, scheme, reference_rate, note) VALUES (?, ?, ?, ?)').run(indicator, scheme, reference, options.note ?? null);
    db.prepare('DELETE FROM cgm_rates WHERE indicator = ?').run(indicator);
    const insert = db.prepare('INSERT INTO cgm_rates (indicator, segment_code, prevalence, index_value) VALUES (?, ?, ?, ?)');
    for (const r of keep) insert.run(indicator, r.segment, r.prevalence, r.index);
    recordDataset(db, 'rates', indicator, file, raw.length, keep.length, summary);
  })();
  return summary;
}

/**
 * Rates reach areas down the scheme's hierarchy (a supergroup rate applies to
 * its groups), never up: a rate finer than every assignment level matches no
 * area, so it is refused by code rather than left to give zero need.
 */
function checkRateLevels(db: ProjectHandle['db'], scheme: string, file: string, codes: string[]): string[] {
  const segs = db.prepare('SELECT code, parent_code, level FROM cgm_segments WHERE scheme = ?').all(scheme) as { code: string; parent_code: string | null; level: string }[];
  const parents = Object.fromEntries(segs.map((s) => [s.code, s.parent_code]));
  const levelOf = new Map(segs.map((s) => [s.code, s.level]));
  const assigned = db.prepare('SELECT DISTINCT segment_code FROM cgm_assignments WHERE scheme = ?').pluck().all(scheme) as string[];
  const levels = (cs: string[]) => [...new Set(cs.map((c) => levelOf.get(c) ?? '?'))].sort().join(', ');
  const below = ratesBelowAssignments(codes, assigned, parents);
  if (below.length) {
    const shown = below.slice(0, 8).join(', ') + (below.length > 8 ? ` and ${fmt(below.length - 8)} more` : '');
    throw new ImportError(
      `${file}: rates for ${shown} (${levels(below)}) are finer than the level areas are assigned at in scheme ${quote(scheme)} (${levels(assigned)}), so they match no area; give rates at that level or above`,
    );
  }
  const rateLevels = levels(codes);
  const assignedLevels = levels(assigned);
  return assigned.length && rateLevels !== assignedLevels ? [`rates at ${rateLevels} level apply to every ${assignedLevels} below them (the most specific rate wins)`] : [];
}
