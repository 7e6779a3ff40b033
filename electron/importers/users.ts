// Service users: geocode each row's postcode through the project's postcode
// directory to an area and its segment, and keep ONLY aggregated counts
// (service x area x scheme x segment x period x where the segment came from).
// The most specific segment wins: the users file's own segment column, then
// the scheme's postcode lookup, then the area's one segment; in an area with
// counts per segment the analysis shares the rest out (attribution.ts). Names, NHS numbers, dates of
// birth and every other column are read past and never stored; rejects are
// kept by row number and reason only.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, quote } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import { checkPostcode, outwardCode } from './postcode';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { pickColumn } from './tabular';
import { parseUkDate, periodOf } from './user-periods';
import type { PeriodKind } from './user-periods';

export interface UserOptions {
  service: string;
  postcodeField?: string;
  dateField?: string;
  /** How dates are grouped (default month). */
  period?: PeriodKind;
  /** Schemes to attribute users to (default: every scheme with assignments or a postcode lookup). */
  schemes?: string[];
  /** Column with each user's segment, already coded (Mosaic, Acorn) in `segmentScheme`. */
  segmentField?: string;
  /** The scheme of `segmentField` (default: the only scheme attributed to). */
  segmentScheme?: string;
}

export type UserRejectReason =
  | 'missing postcode'
  | 'invalid format'
  | 'pseudo-postcode'
  | 'not in directory'
  | 'outside study area'
  | 'invalid date'
  | 'segment not in scheme';

export async function importUsers(
  project: ProjectHandle,
  input: ImportInput,
  options: UserOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const service = options.service.trim();
  if (!service) throw new ImportError('a service name is required');
  const db = project.db;
  // One pass over the directory (2.3M rows nationally): area, district and terminated status together.
  const directory = new Map<string, string | null>();
  const districts = new Set<string>();
  const terminatedSet = new Set<string>();
  const rows = db.prepare('SELECT postcode, area_code, status FROM cgm_postcodes').raw().iterate() as Iterable<[string, string | null, string]>;
  for (const [postcode, area, status] of rows) {
    directory.set(postcode, area);
    districts.add(outwardCode(postcode));
    if (status === 'terminated') terminatedSet.add(postcode);
  }
  if (directory.size === 0) throw new ImportError('the project has no postcode directory; import postcodes before service users');

  const schemeNames =
    options.schemes ??
    (db.prepare('SELECT scheme FROM cgm_assignments UNION SELECT scheme FROM cgm_postcode_segments ORDER BY scheme').pluck().all() as string[]);
  const sources = new Map<string, SchemeSources>();
  for (const scheme of schemeNames) sources.set(scheme, schemeSources(db, scheme));
  const segmentScheme = options.segmentField ? (options.segmentScheme ?? (schemeNames.length === 1 ? schemeNames[0] : undefined)) : undefined;
  if (options.segmentField && !segmentScheme) {
    throw new ImportError(`which scheme is the users file's segment column in? Pass --scheme (schemes: ${schemeNames.join(', ') || 'none'})`);
  }
  if (segmentScheme && !sources.has(segmentScheme)) throw new ImportError(`scheme ${quote(segmentScheme)} has no assignments to profile users against`);
  const schemeCodes = segmentScheme ? new Set(db.prepare('SELECT code FROM cgm_segments WHERE scheme = ?').pluck().all(segmentScheme) as string[]) : null;

  const csv = await openCsv(input);
  const { file } = csv;
  const iPc = pickColumn(csv, 'users', options.postcodeField, 'postcode', 'postcode-field');
  const iDate = options.dateField ? pickColumn(csv, 'users', options.dateField, 'date', 'date-field') : null;
  const iSeg = options.segmentField ? columnIndex(csv, options.segmentField, 'segment-field') : null;
  const periodKind = options.period ?? 'month';

  const counts = new Map<string, number>();
  const rejects: { row: number; reason: UserRejectReason }[] = [];
  const tally = new RejectTally();
  const reject = (row: number, reason: UserRejectReason) => {
    rejects.push({ row, reason });
    tally.add(reason, `row ${row}`);
  };
  let rowsRead = 0;
  let terminated = 0;
  let matched = 0;
  const wanted = [iPc, iDate, iSeg].filter((i): i is number => i !== null);
  for await (const batch of csv.batches(ctx, wanted)) for (const rec of batch) {
    rowsRead++;
    const pc = checkPostcode(cell(rec, iPc));
    if (!pc.ok) { reject(rec.row, pc.reason === 'missing' ? 'missing postcode' : 'invalid format'); continue; }
    if (pc.pseudo) { reject(rec.row, 'pseudo-postcode'); continue; }
    let period = '';
    if (iDate !== null) {
      const date = parseUkDate(cell(rec, iDate));
      if (!date) { reject(rec.row, 'invalid date'); continue; }
      period = periodOf(date, periodKind);
    }
    const ownSegment = iSeg === null ? '' : cell(rec, iSeg);
    if (ownSegment && !schemeCodes!.has(ownSegment)) { reject(rec.row, 'segment not in scheme'); continue; }
    const area = directory.get(pc.postcode);
    if (area === undefined) {
      // A district we hold is in the study area, so a miss there is a gap in the directory.
      reject(rec.row, districts.has(outwardCode(pc.postcode)) ? 'not in directory' : 'outside study area');
      continue;
    }
    if (area === null) { reject(rec.row, 'outside study area'); continue; }
    if (terminatedSet.has(pc.postcode)) terminated++;
    matched++;
    if (sources.size === 0) bump(counts, [area, '', '', period, 'area']);
    for (const [scheme, s] of sources) {
      const [segment, source] =
        scheme === segmentScheme && ownSegment ? [ownSegment, 'users-file']
        : s.byPostcode.has(pc.postcode) ? [s.byPostcode.get(pc.postcode)!, 'postcode']
        : [s.byArea.get(area) ?? '', 'area'];
      bump(counts, [area, scheme, segment, period, source]);
    }
  }
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  // Rejects name the row and the column, never the value: it may be a person's postcode or date.
  const pcField = csv.headers[iPc];
  const fields: Record<UserRejectReason, string> = {
    'missing postcode': pcField, 'invalid format': pcField, 'pseudo-postcode': pcField, 'not in directory': pcField, 'outside study area': pcField,
    'invalid date': iDate === null ? '' : csv.headers[iDate],
    'segment not in scheme': iSeg === null ? '' : csv.headers[iSeg],
  };
  const warnings = tally.warnings('row', fields);
  if (terminated) warnings.push(`${terminated} rows have a terminated postcode; they were placed at its last known area`);
  const summary: ImportSummary = {
    kind: 'users', dataset: service, file, rowsRead, imported: matched, rejected: tally.counts, warnings,
    details: { schemes: schemeNames, period: iDate === null ? 'none' : periodKind, cells: counts.size, segmentSources: sourceTotals(counts) },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO cgm_services (name) VALUES (?)').run(service);
    db.prepare('DELETE FROM cgm_user_counts WHERE service = ?').run(service);
    db.prepare('DELETE FROM cgm_user_rejects WHERE service = ?').run(service);
    const insert = db.prepare('INSERT INTO cgm_user_counts (service, area_code, scheme, segment_code, period, segment_source, count) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const [key, n] of counts) insert.run(service, ...key.split('\u0000'), n);
    const rej = db.prepare('INSERT INTO cgm_user_rejects (service, row_number, reason) VALUES (?, ?, ?)');
    for (const r of rejects) rej.run(service, r.row, r.reason);
    recordDataset(db, 'users', service, file, rowsRead, matched, summary);
  })();
  return summary;
}

interface SchemeSources {
  /** The scheme's postcode lookup, if it has one. */
  byPostcode: Map<string, string>;
  /** Area -> segment where the area is in one segment (OAC); count-based areas are shared out at analysis. */
  byArea: Map<string, string>;
}

function schemeSources(db: ProjectHandle['db'], scheme: string): SchemeSources {
  const lookup = db.prepare('SELECT postcode, segment_code FROM cgm_postcode_segments WHERE scheme = ?').all(scheme) as { postcode: string; segment_code: string }[];
  const areas = db.prepare('SELECT area_code, segment_code FROM cgm_assignments WHERE scheme = ? AND count IS NULL').all(scheme) as { area_code: string; segment_code: string }[];
  const counted = db.prepare('SELECT 1 FROM cgm_assignments WHERE scheme = ? AND count IS NOT NULL LIMIT 1').get(scheme);
  if (!lookup.length && !areas.length && !counted) throw new ImportError(`scheme ${quote(scheme)} has no assignments or postcode lookup to attribute users to`);
  return { byPostcode: new Map(lookup.map((r) => [r.postcode, r.segment_code])), byArea: new Map(areas.map((r) => [r.area_code, r.segment_code])) };
}

/** Users per scheme by where their segment came from: what the import summary reports. */
function sourceTotals(counts: Map<string, number>): Record<string, Record<string, number>> {
  const totals: Record<string, Record<string, number>> = {};
  for (const [key, n] of counts) {
    const [, scheme, , , source] = key.split('\u0000');
    if (!scheme) continue;
    const t = (totals[scheme] ??= {});
    t[source] = (t[source] ?? 0) + n;
  }
  return totals;
}

function bump(counts: Map<string, number>, key: string[]): void {
  const k = key.join('\u0000');
  counts.set(k, (counts.get(k) ?? 0) + 1);
}
