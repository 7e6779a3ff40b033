// Postcode -> segment lookups (Mosaic and Acorn are sold this way). A user's
// segment then comes from their own postcode, which is finer than the area's
// assignment; the area's base is unchanged (that still comes from the
// scheme's area assignments or counts). Only postcodes of the project's
// directory are kept: the lookup is for the study area.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import { checkPostcode } from './postcode';
import type { ProjectHandle } from './project-tables';
import { recordDataset, segmentCodes } from './project-tables';
import { pickColumn } from './tabular';

export interface PostcodeSegmentOptions {
  scheme: string;
  postcodeField: string;
  segmentField: string;
}

export async function importPostcodeSegments(
  project: ProjectHandle,
  input: ImportInput,
  options: PostcodeSegmentOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const scheme = options.scheme.trim();
  if (!scheme) throw new ImportError('a scheme name is required');
  const db = project.db;
  const directory = new Set(db.prepare('SELECT postcode FROM cgm_postcodes').pluck().all() as string[]);
  if (directory.size === 0) throw new ImportError('the project has no postcode directory; import postcodes before a postcode lookup');
  const defined = segmentCodes(db, scheme);
  if (defined.size === 0) throw new ImportError(`scheme ${quote(scheme)} has no segments yet; import its segments (or area assignments) before a postcode lookup`);
  const csv = await openCsv(input);
  const { file } = csv;
  const iPc = columnIndex(csv, options.postcodeField, 'postcode-field');
  const iSeg = pickColumn(csv, 'assignments', options.segmentField, 'segment', 'segment-field');

  const lookup = new Map<string, { segment: string; row: number }>();
  const tally = new RejectTally();
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const pc = checkPostcode(cell(rec, iPc));
    const segment = cell(rec, iSeg);
    if (!pc.ok) { tally.add('invalid postcode', `row ${fmt(rec.row)}`); continue; }
    if (!segment) { tally.add('no segment', `row ${fmt(rec.row)}`); continue; }
    if (!defined.has(segment)) { tally.add('segment not in scheme', `${segment} (row ${fmt(rec.row)})`); continue; }
    if (!directory.has(pc.postcode)) { tally.add('not in postcode directory'); continue; }
    const prev = lookup.get(pc.postcode);
    if (prev && prev.segment !== segment) {
      throw new ImportError(`${file} row ${fmt(rec.row)}, field "${csv.headers[iPc]}": postcode ${quote(pc.postcode)} is already in segment ${quote(prev.segment)} on row ${fmt(prev.row)}`);
    }
    lookup.set(pc.postcode, { segment, row: rec.row });
  }
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);
  if (lookup.size === 0) throw new ImportError(`${file}: no row gives a ${scheme} segment for a postcode of the project's directory`);
  const summary: ImportSummary = {
    kind: 'assignments', dataset: scheme, file, rowsRead, imported: lookup.size, rejected: tally.counts, warnings: tally.warnings('row'),
    details: { mode: 'postcode lookup', segmentField: csv.headers[iSeg], directoryCovered: `${fmt(lookup.size)} of ${fmt(directory.size)} postcodes` },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('DELETE FROM cgm_postcode_segments WHERE scheme = ?').run(scheme);
    const insert = db.prepare('INSERT INTO cgm_postcode_segments (scheme, postcode, segment_code) VALUES (?, ?, ?)');
    for (const [postcode, v] of lookup) insert.run(scheme, postcode, v.segment);
    recordDataset(db, 'postcode lookup', scheme, file, rowsRead, lookup.size, summary);
  })();
  return summary;
}
