// Service users: geocode each row's postcode through the project's postcode
// directory to an area and its segment, and keep ONLY aggregated counts
// (service x area x scheme x segment x period). Names, NHS numbers, dates of
// birth and every other column are read past and never stored; rejects are
// kept by row number and reason only.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, quote } from './importer';
import { cell, openCsv } from './csv-read';
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
  /** Schemes to attribute users to (default: every scheme with one segment per area). */
  schemes?: string[];
}

export type UserRejectReason =
  | 'missing postcode'
  | 'invalid format'
  | 'pseudo-postcode'
  | 'not in directory'
  | 'outside study area'
  | 'invalid date';

export async function importUsers(
  project: ProjectHandle,
  input: ImportInput,
  options: UserOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const service = options.service.trim();
  if (!service) throw new ImportError('a service name is required');
  const db = project.db;
  const directory = new Map<string, string | null>();
  for (const r of db.prepare('SELECT postcode, area_code FROM cgm_postcodes').iterate() as Iterable<{ postcode: string; area_code: string | null }>) {
    directory.set(r.postcode, r.area_code);
  }
  if (directory.size === 0) throw new ImportError('the project has no postcode directory; import postcodes before service users');
  const districts = new Set([...directory.keys()].map(outwardCode));

  // Area -> segment for each scheme where an area belongs to one segment (OAC-like).
  const schemeNames = options.schemes ?? (db.prepare('SELECT DISTINCT scheme FROM cgm_assignments WHERE count IS NULL ORDER BY scheme').pluck().all() as string[]);
  const segmentOf = new Map<string, Map<string, string>>();
  for (const scheme of schemeNames) {
    const rows = db.prepare('SELECT area_code, segment_code FROM cgm_assignments WHERE scheme = ? AND count IS NULL').all(scheme) as { area_code: string; segment_code: string }[];
    if (rows.length === 0) throw new ImportError(`scheme ${quote(scheme)} has no one-segment-per-area assignments to attribute users to`);
    segmentOf.set(scheme, new Map(rows.map((r) => [r.area_code, r.segment_code])));
  }

  const csv = await openCsv(input);
  const { file } = csv;
  const iPc = pickColumn(csv, 'users', options.postcodeField, 'postcode', 'postcode-field');
  const iDate = options.dateField ? pickColumn(csv, 'users', options.dateField, 'date', 'date-field') : null;
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
  const terminatedSet = new Set(db.prepare("SELECT postcode FROM cgm_postcodes WHERE status = 'terminated'").pluck().all() as string[]);
  for await (const rec of csv.records(ctx)) {
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
    const area = directory.get(pc.postcode);
    if (area === undefined) {
      // A district we hold is in the study area, so a miss there is a gap in the directory.
      reject(rec.row, districts.has(outwardCode(pc.postcode)) ? 'not in directory' : 'outside study area');
      continue;
    }
    if (area === null) { reject(rec.row, 'outside study area'); continue; }
    if (terminatedSet.has(pc.postcode)) terminated++;
    matched++;
    if (segmentOf.size === 0) bump(counts, [area, '', '', period]);
    for (const [scheme, map] of segmentOf) bump(counts, [area, scheme, map.get(area) ?? '', period]);
  }
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  // Rejects name the row and the column, never the value: it may be a person's postcode or date.
  const pcField = csv.headers[iPc];
  const fields: Record<UserRejectReason, string> = {
    'missing postcode': pcField, 'invalid format': pcField, 'pseudo-postcode': pcField, 'not in directory': pcField, 'outside study area': pcField,
    'invalid date': iDate === null ? '' : csv.headers[iDate],
  };
  const warnings = tally.warnings('row', fields);
  if (terminated) warnings.push(`${terminated} rows have a terminated postcode; they were placed at its last known area`);
  const summary: ImportSummary = {
    kind: 'users', dataset: service, file, rowsRead, imported: matched, rejected: tally.counts, warnings,
    details: { schemes: schemeNames, period: iDate === null ? 'none' : periodKind, cells: counts.size },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO cgm_services (name) VALUES (?)').run(service);
    db.prepare('DELETE FROM cgm_user_counts WHERE service = ?').run(service);
    db.prepare('DELETE FROM cgm_user_rejects WHERE service = ?').run(service);
    const insert = db.prepare('INSERT INTO cgm_user_counts (service, area_code, scheme, segment_code, period, count) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [key, n] of counts) insert.run(service, ...key.split('\u0000'), n);
    const rej = db.prepare('INSERT INTO cgm_user_rejects (service, row_number, reason) VALUES (?, ?, ?)');
    for (const r of rejects) rej.run(service, r.row, r.reason);
    recordDataset(db, 'users', service, file, rowsRead, matched, summary);
  })();
  return summary;
}

function bump(counts: Map<string, number>, key: string[]): void {
  const k = key.join('\u0000');
  counts.set(k, (counts.get(k) ?? 0) + 1);
}
