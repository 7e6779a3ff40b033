// Segmentation scheme definitions (OAC 2011/2021, Mosaic, Acorn, custom):
// code, name, parent code, level, colour, description.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, checkAborted, fmt, quote } from './importer';
import { cell, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { optionalColumn, pickColumn } from './tabular';

export interface SegmentOptions {
  scheme: string;
  codeField?: string;
  nameField?: string;
  parentField?: string;
  levelField?: string;
  colourField?: string;
  descriptionField?: string;
  /** Level name when the file has no level column (default "segment"). */
  level?: string;
}

interface SegmentRow {
  code: string;
  name: string;
  parent: string | null;
  level: string;
  colour: string | null;
  description: string | null;
  row: number;
}

export async function importSegments(
  project: ProjectHandle,
  input: ImportInput,
  options: SegmentOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const scheme = options.scheme.trim();
  if (!scheme) throw new ImportError('a scheme name is required (e.g. "OAC 2021")');
  const csv = await openCsv(input);
  const { file } = csv;
  const iCode = pickColumn(csv, 'segments', options.codeField, 'code', 'code-field');
  const iName = pickColumn(csv, 'segments', options.nameField, 'name', 'name-field');
  const iParent = optionalColumn(csv, 'segments', options.parentField, 'parentCode', 'parent-field');
  const iLevel = optionalColumn(csv, 'segments', options.levelField, 'level', 'level-field');
  const iColour = optionalColumn(csv, 'segments', options.colourField, 'colour', 'colour-field');
  const iDesc = optionalColumn(csv, 'segments', options.descriptionField, 'description', 'description-field');
  const h = (i: number) => csv.headers[i];

  const rows: SegmentRow[] = [];
  const byCode = new Map<string, SegmentRow>();
  for await (const rec of csv.records(ctx)) {
    const code = cell(rec, iCode);
    if (!code) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iCode)}": empty, expected a segment code`);
    const prev = byCode.get(code);
    if (prev) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iCode)}": segment code ${quote(code)} already defined on row ${fmt(prev.row)}`);
    const name = cell(rec, iName);
    if (!name) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iName)}": empty, expected the segment's name`);
    let colour = iColour === null ? null : cell(rec, iColour) || null;
    if (colour !== null) {
      if (!/^#?[0-9a-f]{6}$/i.test(colour)) {
        throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iColour!)}": ${quote(colour)} is not a colour (expected #rrggbb)`);
      }
      colour = (colour.startsWith('#') ? colour : `#${colour}`).toLowerCase();
    }
    const row: SegmentRow = {
      code,
      name,
      parent: iParent === null ? null : cell(rec, iParent) || null,
      level: (iLevel === null ? '' : cell(rec, iLevel)) || options.level || 'segment',
      colour,
      description: iDesc === null ? null : cell(rec, iDesc) || null,
      row: rec.row,
    };
    rows.push(row);
    byCode.set(code, row);
  }
  if (rows.length === 0) throw new ImportError(`${file}: has a header row but no segments`);
  for (const r of rows) {
    if (r.parent && !byCode.has(r.parent)) {
      throw new ImportError(`${file} row ${fmt(r.row)}, field "${h(iParent!)}": ${quote(r.parent)} is not a segment code defined in this file`);
    }
  }
  const db = project.db;
  const assigned = db.prepare('SELECT DISTINCT segment_code FROM cgm_assignments WHERE scheme = ?').pluck().all(scheme) as string[];
  const orphaned = assigned.filter((c) => !byCode.has(c));
  const warnings = orphaned.length
    ? [`${fmt(orphaned.length)} segment codes used by existing ${scheme} assignments are not in this file (e.g. ${orphaned.slice(0, 5).join(', ')})`]
    : [];
  const summary: ImportSummary = { kind: 'segments', dataset: scheme, file, rowsRead: rows.length, imported: rows.length, rejected: {}, warnings };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO cgm_schemes (name) VALUES (?)').run(scheme);
    db.prepare('DELETE FROM cgm_segments WHERE scheme = ?').run(scheme);
    const insert = db.prepare(
      'INSERT INTO cgm_segments (scheme, code, name, parent_code, level, colour, description) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) insert.run(scheme, r.code, r.name, r.parent, r.level, r.colour, r.description);
    recordDataset(db, 'segments', scheme, file, summary.rowsRead, summary.imported, summary);
  })();
  return summary;
}
