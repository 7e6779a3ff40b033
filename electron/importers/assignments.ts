// Area -> segment assignments: one segment per area (OAC) or counts per
// area x segment (Mosaic / Acorn household counts, a Census table in long
// format), or with a postcode field a postcode -> segment lookup.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import { cell, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { recordDataset, segmentCodes } from './project-tables';
import { areaMatchWarnings, cellError, matchAreas, parseNumber, pickColumn } from './tabular';
import { importPostcodeSegments } from './postcode-segments';
import { importSegmentLevels } from './segment-levels';
import { BASE_KINDS } from '../../shared/analysis/base-choice';
import { oacName, oacVersionOf } from '../../shared/segments/oac-names';
import type { BaseKind } from '../../shared/domain';

export interface AssignmentOptions {
  scheme: string;
  areaField?: string;
  /** The segment column; absent: the suggested one (or the finest of levelFields). */
  segmentField?: string;
  /** Every level's code column, coarsest first: segments and assignments in one go (segment-levels.ts). */
  levelFields?: string[];
  /** With levelFields: each level's name column, '' where it has none. */
  nameFields?: string[];
  /** Present for count-based schemes; absent means the whole area is in one segment. */
  countField?: string;
  /**
   * What the scheme's base is: for counts, what they count (default
   * households, as Mosaic and Acorn counts are sold); for one segment per
   * area, the base its analyses default to.
   */
  base?: BaseKind;
  /** A postcode -> segment lookup instead of area assignments (postcode-segments.ts). */
  postcodeField?: string;
}

export async function importAssignments(
  project: ProjectHandle,
  input: ImportInput,
  options: AssignmentOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const scheme = options.scheme.trim();
  if (!scheme) throw new ImportError('a scheme name is required');
  if (options.base !== undefined && !BASE_KINDS.includes(options.base)) throw new ImportError(`--base must be persons or households, not ${quote(options.base)}`);
  if (options.levelFields?.length) {
    if (options.postcodeField || options.countField) throw new ImportError('--levels imports one segment per area: it cannot be combined with --postcode-field or --count-field');
    return importSegmentLevels(project, input, { scheme, areaField: options.areaField, levelFields: options.levelFields, nameFields: options.nameFields, base: options.base }, ctx);
  }
  if (options.postcodeField) {
    if (!options.segmentField) throw new ImportError('a postcode lookup needs --segment-field');
    return importPostcodeSegments(project, input, { scheme: options.scheme, postcodeField: options.postcodeField, segmentField: options.segmentField }, ctx);
  }
  const csv = await openCsv(input);
  const { file } = csv;
  const iArea = pickColumn(csv, 'assignments', options.areaField, 'areaCode', 'area-field');
  const iSeg = pickColumn(csv, 'assignments', options.segmentField, 'segment', 'segment-field');
  const iCount = options.countField ? pickColumn(csv, 'assignments', options.countField, 'count', 'count-field') : null;
  const h = (i: number) => csv.headers[i];

  const rows: { area: string; segment: string; count: number | null; row: number }[] = [];
  const seen = new Map<string, { row: number; segment: string }>();
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const area = cell(rec, iArea);
    const segment = cell(rec, iSeg);
    if (!area) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iArea)}": empty, expected an area code`);
    if (!segment) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iSeg)}": empty, expected a segment code for area ${area}`);
    let count: number | null = null;
    if (iCount !== null) {
      const raw = cell(rec, iCount);
      const n = parseNumber(raw);
      if (!n || n.percent || n.value < 0) throw cellError(file, rec.row, h(iCount), raw, 'is not a count (expected a number >= 0)');
      count = n.value;
    }
    const key = iCount === null ? area : `${area}\u0000${segment}`;
    const prev = seen.get(key);
    if (prev) {
      const what = iCount === null ? `area ${quote(area)} is already assigned to segment ${quote(prev.segment)}` : `area ${quote(area)} x segment ${quote(segment)} already appears`;
      throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iArea)}": ${what} on row ${fmt(prev.row)}`);
    }
    seen.set(key, { row: rec.row, segment });
    rows.push({ area, segment, count, row: rec.row });
  }
  if (rows.length === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  const db = project.db;
  const match = matchAreas(db, rows.map((r) => r.area));
  const warnings = areaMatchWarnings(match, `${scheme} assignment`);
  const tally = new RejectTally();
  const defined = segmentCodes(db, scheme);
  const keep = rows.filter((r) => {
    if (match.unmatched.has(r.area)) return tally.add('no matching boundary', r.area), false;
    if (defined.size && !defined.has(r.segment)) return tally.add('segment not in scheme', `${r.segment} (row ${fmt(r.row)})`), false;
    return true;
  });
  if (tally.counts['segment not in scheme']) warnings.push(...tally.warnings('row').filter((w) => w.includes('segment not in scheme')));
  // Without definitions the codes become provisional segments, named by code (or
  // by the published OAC name), so analysis works now and a later `import segments` names them.
  const oac = oacVersionOf(scheme);
  const created = defined.size ? [] : [...new Set(keep.map((r) => r.segment))].sort();
  if (created.length) warnings.push(`scheme ${scheme} has no segment definitions yet; created ${created.length} segments named ${oac ? `as published for ${oac} (where the code is one of its own, else by code)` : 'by their codes (import segments to name them)'}`);
  if (keep.length === 0) throw new ImportError(`${file}: no row matches the project's boundaries and the ${scheme} segments`);
  // Counts are the base, so what they count is stated, never guessed silently.
  const base = options.base ?? (iCount !== null ? 'households' : undefined);
  if (iCount !== null && options.base === undefined) warnings.push(`the counts were taken as households (give --base persons if they count persons)`);

  const summary: ImportSummary = {
    kind: 'assignments', dataset: scheme, file, rowsRead, imported: keep.length, rejected: tally.counts, warnings,
    details: { mode: iCount === null ? 'one segment per area' : 'counts per area x segment', segmentField: h(iSeg), createdSegments: created.length, base: base ?? 'unchanged' },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO cgm_schemes (name) VALUES (?)').run(scheme);
    if (base) db.prepare('UPDATE cgm_schemes SET base_kind = ? WHERE name = ?').run(base, scheme);
    const seg = db.prepare('INSERT OR IGNORE INTO cgm_segments (scheme, code, name, level) VALUES (?, ?, ?, ?)');
    for (const code of created) seg.run(scheme, code, (oac && oacName(oac, code)) || code, h(iSeg));
    db.prepare('DELETE FROM cgm_assignments WHERE scheme = ?').run(scheme);
    const insert = db.prepare('INSERT INTO cgm_assignments (scheme, area_code, segment_code, count) VALUES (?, ?, ?, ?)');
    for (const r of keep) insert.run(scheme, r.area, r.segment, r.count);
    recordDataset(db, 'assignments', scheme, file, rowsRead, keep.length, summary);
  })();
  return summary;
}
