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
import { columnIndex, openCsv } from './csv-read';
import { checkPostcode } from './postcode';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { pickColumn } from './tabular';
import { dateKeyAt, parseUkDate, periodOf } from './user-periods';
import type { CellSpans } from './csv-spans';
import { UserDirectory } from './user-directory';
import { SOURCE_ID, UserCounts } from './user-counts';
import { postcodeKey, postcodeOfKey, validPostcodeKeyAt } from './postcode-key';
import { BatchInsert, insertRows } from './batch-insert';
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

  // Streamed even when small enough to read whole: the file is personal data, read once and never kept.
  const csv = await openCsv(input, { stream: true });
  const { file } = csv;
  let iPc: number, iDate: number | null, iSeg: number | null;
  try {
    iPc = pickColumn(csv, 'users', options.postcodeField, 'postcode', 'postcode-field');
    iDate = options.dateField ? pickColumn(csv, 'users', options.dateField, 'date', 'date-field') : null;
    iSeg = options.segmentField ? columnIndex(csv, options.segmentField, 'segment-field') : null;
  } catch (error) {
    await csv.close(); // held open from openCsv; reading it to its end would have closed it
    throw error;
  }
  const periodKind = options.period ?? 'month';

  // Counted by number, not by a joined string: each cell's key is its parts' dictionary ids (user-counts.ts).
  const counts = new UserCounts(directory.index.areaCodes, schemeNames, periodKind);
  const rejects: { row: number; reason: UserRejectReason }[] = [];
  const tally = new RejectTally();
  const reject = (row: number, reason: UserRejectReason) => {
    rejects.push({ row, reason });
    tally.add(reason, `row ${row}`);
  };
  let rowsRead = 0;
  let terminated = 0;
  let matched = 0;
  const columns = [...new Set([iPc, iDate, iSeg].filter((i): i is number => i !== null))];
  const [sPc, sDate, sSeg] = [iPc, iDate, iSeg].map((i) => (i === null ? -1 : columns.indexOf(i)));
  // A users file repeats its dates (a few thousand distinct days): parse each text once, and look
  // the usual shapes up by a number read in place (dateKeyAt), without a string a row.
  const periodsByText = new Map<string, number>();
  const periodsByKey = new Map<number, number>();
  const periodOfText = (text: string): number => {
    const date = parseUkDate(text);
    return date ? counts.periodId(periodOf(date, periodKind)) : -1;
  };
  const cached = <K>(cache: Map<K, number>, key: K, spans: CellSpans, r: number): number => {
    let period = cache.get(key);
    if (period === undefined) {
      period = periodOfText(spans.cell(r, sDate));
      if (cache.size >= 100_000) cache.clear(); // date-times are all distinct: keep the caches bounded
      cache.set(key, period);
    }
    return period;
  };
  const periodAt = (spans: CellSpans, r: number): number => {
    const at = r * spans.width + sDate;
    const key = dateKeyAt(spans.text, spans.start[at], spans.end[at]);
    return key >= 0 ? cached(periodsByKey, key, spans, r) : cached(periodsByText, spans.cell(r, sDate), spans, r);
  };
  const schemeList = [...sources];
  const lookupSchemes = schemeList.filter(([, s]) => s.hasLookup).map(([scheme]) => scheme);
  // Each scheme's segment per area (byArea), by the index's area numbers.
  const areaSegments = schemeList.map(([, s]) => directory.index.areaCodes.map((code) => counts.segmentId(s.byArea.get(code) ?? '')));
  const segmentSchemeAt = segmentScheme === undefined ? -1 : schemeNames.indexOf(segmentScheme);
  // A chunk's rows are checked first; then, where a scheme has a postcode lookup, the chunk's
  // postcodes are looked up together; then counted or rejected in row order, as the rejects always read.
  let reason = new Uint8Array(4096);
  let keyOf = new Float64Array(4096);
  let periodOfRow = new Int32Array(4096);
  const ownSegments: string[] = [];
  const noPeriod = counts.periodId('');
  const noSegment = counts.segmentId('');
  for await (const spans of csv.spans(ctx, columns)) {
    const n = spans.count;
    if (n > reason.length) { reason = new Uint8Array(n); keyOf = new Float64Array(n); periodOfRow = new Int32Array(n); }
    const { text, start, end, width } = spans;
    for (let r = 0; r < n; r++) {
      rowsRead++;
      const at = r * width;
      reason[r] = 0;
      let key = validPostcodeKeyAt(text, start[at + sPc], end[at + sPc]);
      if (key < 0) {
        const pc = checkPostcode(spans.cell(r, sPc));
        if (!pc.ok) { reason[r] = REASON_CODE[pc.reason === 'missing' ? 'missing postcode' : 'invalid format']; continue; }
        if (pc.pseudo) { reason[r] = REASON_CODE['pseudo-postcode']; continue; }
        key = postcodeKey(pc.postcode);
      }
      keyOf[r] = key;
      periodOfRow[r] = noPeriod;
      if (sDate >= 0) {
        const p = periodAt(spans, r);
        if (p < 0) { reason[r] = REASON_CODE['invalid date']; continue; }
        periodOfRow[r] = p;
      }
      const ownSegment = sSeg < 0 ? '' : spans.cell(r, sSeg);
      if (ownSegment && !schemeCodes!.has(ownSegment)) { reason[r] = REASON_CODE['segment not in scheme']; continue; }
      if (sSeg >= 0) ownSegments[r] = ownSegment;
    }
    const lookedUp = new Map<string, Map<string, string>>();
    if (lookupSchemes.length) {
      const postcodes: string[] = [];
      for (let r = 0; r < n; r++) if (reason[r] === 0) postcodes.push(postcodeOfKey(keyOf[r]));
      for (const scheme of lookupSchemes) lookedUp.set(scheme, directory.segments(scheme, postcodes));
    }
    for (let r = 0; r < n; r++) {
      const row = spans.rows[r];
      if (reason[r] !== 0) { reject(row, REASONS[reason[r]]); continue; }
      const key = keyOf[r];
      const position = directory.position(key);
      if (position < 0) {
        // A district we hold is in the study area, so a miss there is a gap in the directory.
        reject(row, directory.holdsDistrictOf(key) ? 'not in directory' : 'outside study area');
        continue;
      }
      const area = directory.areaAt(position);
      if (area < 0) { reject(row, 'outside study area'); continue; }
      if (directory.terminatedAt(position)) terminated++;
      matched++;
      const period = periodOfRow[r];
      if (schemeList.length === 0) counts.add(area, -1, noSegment, period, SOURCE_ID.area);
      for (let k = 0; k < schemeList.length; k++) {
        const own = k === segmentSchemeAt ? ownSegments[r] : '';
        const fromLookup = lookupSchemes.length ? lookedUp.get(schemeList[k][0])?.get(postcodeOfKey(key)) : undefined;
        if (own) counts.add(area, k, counts.segmentId(own), period, SOURCE_ID['users-file']);
        else if (fromLookup !== undefined) counts.add(area, k, counts.segmentId(fromLookup), period, SOURCE_ID.postcode);
        else counts.add(area, k, areaSegments[k][area], period, SOURCE_ID.area);
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
    details: { schemes: schemeNames, period: iDate === null ? 'none' : periodKind, cells: counts.size, segmentSources: counts.sourceTotals() },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO cgm_services (name) VALUES (?)').run(service);
    db.prepare('DELETE FROM cgm_user_counts WHERE service = ?').run(service);
    db.prepare('DELETE FROM cgm_user_rejects WHERE service = ?').run(service);
    // In key order the primary-key index grows at its end; in file order (random areas) each insert
    // lands on another page, which cost most of writing a national import's ~800k cells.
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('cache_size = -131072'); // 128 MiB, for this write only (as the postcode directory's): fewer spills mid-transaction
    try {
      const cells = new BatchInsert(db, 'cgm_user_counts', ['service', 'area_code', 'scheme', 'segment_code', 'period', 'segment_source', 'count']);
      const { params } = cells;
      counts.forEachSorted((area, scheme, segment, period, source, count) => {
        const at = cells.next();
        params[at] = service; params[at + 1] = area; params[at + 2] = scheme; params[at + 3] = segment;
        params[at + 4] = period; params[at + 5] = source; params[at + 6] = count;
      });
      cells.end();
    } finally {
      db.pragma(`cache_size = ${cacheSize}`);
    }
    insertRows(db, 'cgm_user_rejects', ['service', 'row_number', 'reason'], (function* () { for (const r of rejects) yield [service, r.row, r.reason]; })());
    recordDataset(db, 'users', service, file, rowsRead, matched, summary);
  })();
  return summary;
}

/** Reject reasons by a one-byte code (0: none), for a chunk's rows held in typed arrays. */
const REASONS = [undefined, 'missing postcode', 'invalid format', 'pseudo-postcode', 'not in directory', 'outside study area', 'invalid date', 'segment not in scheme'] as unknown as UserRejectReason[];
const REASON_CODE = Object.fromEntries(REASONS.map((r, i) => [r, i])) as Record<UserRejectReason, number>;

interface SchemeSources {
  /** Whether the scheme has a postcode lookup (looked up a batch at a time, as the directory is). */
  hasLookup: boolean;
  /** Area -> segment where the area is in one segment (OAC); count-based areas are shared out at analysis. */
  byArea: Map<string, string>;
}

function schemeSources(db: ProjectHandle['db'], directory: UserDirectory, scheme: string): SchemeSources {
  const hasLookup = directory.hasSegmentLookup(scheme);
  // As two JSON arrays, parsed here: a national scheme's 190k rows as a row each were ~5% of an import.
  const [codes, segments] = (db.prepare(
    'SELECT json_group_array(area_code), json_group_array(segment_code) FROM cgm_assignments WHERE scheme = ? AND count IS NULL',
  ).raw().get(scheme) as [string, string]).map((json) => JSON.parse(json) as string[]);
  const byArea = new Map<string, string>();
  for (let i = 0; i < codes.length; i++) byArea.set(codes[i], segments[i]);
  // Asked only when needed: with no counted row it scans the whole table.
  const counted = () => db.prepare('SELECT 1 FROM cgm_assignments WHERE scheme = ? AND count IS NOT NULL LIMIT 1').get(scheme) !== undefined;
  if (!hasLookup && !codes.length && !counted()) throw new ImportError(`scheme ${quote(scheme)} has no assignments or postcode lookup to attribute users to`);
  return { hasLookup, byArea };
}
