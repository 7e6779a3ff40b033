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
import { checkPostcode } from './postcode';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { pickColumn } from './tabular';
import { parseUkDate, periodOf } from './user-periods';
import { UserDirectory } from './user-directory';
import { insertRows } from './batch-insert';
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
  const directory = new UserDirectory(db);
  if (directory.isEmpty()) throw new ImportError('the project has no postcode directory; import postcodes before service users');

  const schemeNames =
    options.schemes ??
    (db.prepare('SELECT scheme FROM cgm_assignments UNION SELECT scheme FROM cgm_postcode_segments ORDER BY scheme').pluck().all() as string[]);
  const sources = new Map<string, SchemeSources>();
  for (const scheme of schemeNames) sources.set(scheme, schemeSources(db, directory, scheme));
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
  // A batch's rows are checked first and their postcodes looked up together; then
  // counted or rejected in row order, so the rejects read as they always did.
  const pending: Pending[] = [];
  // A users file repeats its dates (a few thousand distinct days): parse each text once.
  const periods = new Map<string, string | null>();
  const periodFor = (text: string): string | null => {
    let period = periods.get(text);
    if (period === undefined) {
      const date = parseUkDate(text);
      period = date ? periodOf(date, periodKind) : null;
      if (periods.size >= 100_000) periods.clear(); // date-times are all distinct: keep the cache bounded
      periods.set(text, period);
    }
    return period;
  };
  for await (const batch of csv.batches(ctx, wanted)) {
    pending.length = 0;
    for (const rec of batch) {
      rowsRead++;
      const pc = checkPostcode(cell(rec, iPc));
      if (!pc.ok) { pending.push({ row: rec.row, reason: pc.reason === 'missing' ? 'missing postcode' : 'invalid format' }); continue; }
      if (pc.pseudo) { pending.push({ row: rec.row, reason: 'pseudo-postcode' }); continue; }
      let period = '';
      if (iDate !== null) {
        const p = periodFor(cell(rec, iDate));
        if (p === null) { pending.push({ row: rec.row, reason: 'invalid date' }); continue; }
        period = p;
      }
      const ownSegment = iSeg === null ? '' : cell(rec, iSeg);
      if (ownSegment && !schemeCodes!.has(ownSegment)) { pending.push({ row: rec.row, reason: 'segment not in scheme' }); continue; }
      pending.push({ row: rec.row, postcode: pc.postcode, period, ownSegment });
    }
    const postcodes = pending.flatMap((p) => (p.postcode === undefined ? [] : [p.postcode]));
    const found = directory.find(postcodes);
    const byPostcode = new Map<string, Map<string, string>>();
    for (const [scheme, s] of sources) if (s.hasLookup) byPostcode.set(scheme, directory.segments(scheme, postcodes));
    for (const p of pending) {
      if (p.postcode === undefined) { reject(p.row, p.reason!); continue; }
      const entry = found.get(p.postcode);
      if (entry === undefined) {
        // A district we hold is in the study area, so a miss there is a gap in the directory.
        reject(p.row, directory.holdsDistrict(p.postcode) ? 'not in directory' : 'outside study area');
        continue;
      }
      const area = entry.area;
      if (area === null) { reject(p.row, 'outside study area'); continue; }
      if (entry.terminated) terminated++;
      matched++;
      const period = p.period!;
      if (sources.size === 0) bump(counts, [area, '', '', period, 'area']);
      for (const [scheme, s] of sources) {
        const lookedUp = byPostcode.get(scheme)?.get(p.postcode);
        const [segment, source] =
          scheme === segmentScheme && p.ownSegment ? [p.ownSegment, 'users-file']
          : lookedUp !== undefined ? [lookedUp, 'postcode']
          : [s.byArea.get(area) ?? '', 'area'];
        bump(counts, [area, scheme, segment, period, source]);
      }
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
    // In key order the primary-key index grows at its end; in file order (random areas) each insert
    // lands on another page, which cost most of writing a national import's ~800k cells.
    const keys = [...counts.keys()].sort();
    insertRows(db, 'cgm_user_counts', ['service', 'area_code', 'scheme', 'segment_code', 'period', 'segment_source', 'count'],
      (function* () { for (const key of keys) yield [service, ...key.split('\u0000'), counts.get(key)!]; })());
    insertRows(db, 'cgm_user_rejects', ['service', 'row_number', 'reason'], (function* () { for (const r of rejects) yield [service, r.row, r.reason]; })());
    recordDataset(db, 'users', service, file, rowsRead, matched, summary);
  })();
  return summary;
}

/** A users row once checked: a reason to reject it, or what it needs looked up. */
interface Pending {
  row: number;
  reason?: UserRejectReason;
  postcode?: string;
  period?: string;
  ownSegment?: string;
}

interface SchemeSources {
  /** Whether the scheme has a postcode lookup (looked up a batch at a time, as the directory is). */
  hasLookup: boolean;
  /** Area -> segment where the area is in one segment (OAC); count-based areas are shared out at analysis. */
  byArea: Map<string, string>;
}

function schemeSources(db: ProjectHandle['db'], directory: UserDirectory, scheme: string): SchemeSources {
  const hasLookup = directory.hasSegmentLookup(scheme);
  const areas = db.prepare('SELECT area_code, segment_code FROM cgm_assignments WHERE scheme = ? AND count IS NULL').all(scheme) as { area_code: string; segment_code: string }[];
  const counted = db.prepare('SELECT 1 FROM cgm_assignments WHERE scheme = ? AND count IS NOT NULL LIMIT 1').get(scheme);
  if (!hasLookup && !areas.length && !counted) throw new ImportError(`scheme ${quote(scheme)} has no assignments or postcode lookup to attribute users to`);
  return { hasLookup, byArea: new Map(areas.map((r) => [r.area_code, r.segment_code])) };
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

function bump(counts: Map<string, number>, key: readonly [string, string, string, string, string]): void {
  const k = `${key[0]}\u0000${key[1]}\u0000${key[2]}\u0000${key[3]}\u0000${key[4]}`;
  counts.set(k, (counts.get(k) ?? 0) + 1);
}
