// Segment profile: per-segment behaviour the gap rules read — working-age and
// employed shares (availability), car access, the contact channels the segment
// responds to (awareness) and key facts from its pen portrait. One row per
// segment code of a scheme; a re-import replaces the scheme's previous profile.
import { isMostlyWorking, type SegmentAttributes } from '../../shared/analysis/segment-profile';
import { SEGMENT_PROFILE_KEYS } from '../../shared/contract/project';
import { cell, openCsv } from './csv-read';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import type { ProjectHandle } from './project-tables';
import { recordDataset, schemes, segmentCodes } from './project-tables';
import { cellError, optionalColumn, parseNumber, pickColumn } from './tabular';

export interface SegmentProfileOptions {
  /** May be omitted when the project has one scheme. */
  scheme?: string;
  segmentField?: string;
  workingAgeField?: string;
  employedField?: string;
  carAccessField?: string;
  /** Channels separated by ";" or "|", most effective first, e.g. "text; web; face to face". */
  channelsField?: string;
  keyFactsField?: string;
}

/** The attribute keys a profile owns; a re-import clears them first (flags set by other means stay). */
export const PROFILE_KEYS = SEGMENT_PROFILE_KEYS;

/** "0.62", "62%" or "62" → 0.62; shares above 1 are read as percentages. */
function share(file: string, row: number, field: string, text: string): number | undefined {
  if (!text) return undefined;
  const n = parseNumber(text);
  if (!n || n.value < 0) throw cellError(file, row, field, text, 'is not a share (expected e.g. 0.62 or 62%)');
  const value = n.percent || n.value > 1 ? n.value / 100 : n.value;
  if (value > 1) throw cellError(file, row, field, text, 'is above 100%');
  return value;
}

export function parseChannels(text: string): string[] {
  return text.split(/[;|]/).map((c) => c.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

export async function importSegmentProfile(
  project: ProjectHandle, input: ImportInput, options: SegmentProfileOptions, ctx?: ImportContext,
): Promise<ImportSummary> {
  const db = project.db;
  const all = schemes(db);
  const scheme = options.scheme?.trim() || (all.length === 1 ? all[0] : '');
  if (!scheme) throw new ImportError(all.length ? `several schemes (${all.join(', ')}); say which with --scheme` : 'import a segmentation scheme before its profile');
  if (!all.includes(scheme)) throw new ImportError(`no scheme ${quote(scheme)} in the project (it has ${all.join(', ') || 'none'})`);

  const csv = await openCsv(input);
  const { file } = csv;
  const kind = 'segment-profile';
  const iSeg = pickColumn(csv, kind, options.segmentField, 'segment', 'segment-field');
  const iWork = optionalColumn(csv, kind, options.workingAgeField, 'workingAge', 'working-age-field');
  const iEmp = optionalColumn(csv, kind, options.employedField, 'employed', 'employed-field');
  const iCar = optionalColumn(csv, kind, options.carAccessField, 'carAccess', 'car-access-field');
  const iChan = optionalColumn(csv, kind, options.channelsField, 'channels', 'channels-field');
  const iFacts = optionalColumn(csv, kind, options.keyFactsField, 'keyFacts', 'key-facts-field');
  if ([iWork, iEmp, iCar, iChan, iFacts].every((i) => i === null)) {
    throw new ImportError(`${file}: no profile columns found (working_age_share, employed_share, car_access_share, channels, key_facts); name them with --employed-field etc.`);
  }
  const h = (i: number) => csv.headers[i];
  const defined = segmentCodes(db, scheme);
  const tally = new RejectTally();
  const seen = new Map<string, number>();
  const profiles = new Map<string, SegmentAttributes>();
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const code = cell(rec, iSeg);
    if (!code) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iSeg)}": empty, expected a segment code`);
    if (seen.has(code)) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iSeg)}": segment ${quote(code)} already has a profile on row ${fmt(seen.get(code)!)}`);
    seen.set(code, rec.row);
    const shareAt = (i: number | null) => (i === null ? undefined : share(file, rec.row, h(i), cell(rec, i)));
    const profile: SegmentAttributes = {
      workingAgeShare: shareAt(iWork), employedShare: shareAt(iEmp), carAccessShare: shareAt(iCar),
      channels: iChan === null ? undefined : parseChannels(cell(rec, iChan)),
      keyFacts: iFacts === null ? undefined : cell(rec, iFacts) || undefined,
    };
    if (!defined.has(code)) { tally.add('segment not in scheme', code); continue; }
    profiles.set(code, Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))));
  }
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);
  if (profiles.size === 0) throw new ImportError(`${file}: none of its segment codes are in scheme ${quote(scheme)} (e.g. ${[...seen.keys()].slice(0, 3).join(', ')})`);
  const warnings = tally.warnings('row');
  const undecided = [...profiles].filter(([, p]) => isMostlyWorking(p) === null).map(([c]) => c);
  if (undecided.length) warnings.push(`${undecided.length} segment(s) have no working-age or employed share, so availability cannot be judged where they dominate: ${undecided.slice(0, 5).join(', ')}`);
  const summary: ImportSummary = {
    kind, dataset: scheme, file, rowsRead, imported: profiles.size, rejected: tally.counts, warnings,
    details: { scheme, columns: [iWork, iEmp, iCar, iChan, iFacts].filter((i): i is number => i !== null).map(h) },
  };
  checkAborted(ctx, file);
  const rows = db.prepare('SELECT code, attributes FROM cgm_segments WHERE scheme = ?').all(scheme) as { code: string; attributes: string }[];
  const write = db.prepare('UPDATE cgm_segments SET attributes = ? WHERE scheme = ? AND code = ?');
  db.transaction(() => {
    for (const r of rows) {
      const kept = JSON.parse(r.attributes || '{}') as Record<string, unknown>;
      for (const k of PROFILE_KEYS) delete kept[k];
      write.run(JSON.stringify({ ...kept, ...profiles.get(r.code) }), scheme, r.code);
    }
    recordDataset(db, kind, scheme, file, rowsRead, profiles.size, summary);
  })();
  return summary;
}
