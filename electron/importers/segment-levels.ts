// One file holding every level of a scheme per area (OAC: oa_code, supergroup,
// group, subgroup; with or without name columns) imported in one go: the
// segment hierarchy, each code's parent being the code in the column before,
// and the assignments at the finest level. Codes without a name column take
// the published OAC names when the scheme declares OAC 2011 or 2021.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { areaMatchWarnings, matchAreas, pickColumn } from './tabular';
import { OAC_LEVELS, oacName, oacVersionOf } from '../../shared/segments/oac-names';
import type { BaseKind } from '../../shared/domain';

export interface SegmentLevelOptions {
  scheme: string;
  areaField?: string;
  /** Columns with each level's code, coarsest first (e.g. supergroup, group, subgroup). */
  levelFields: string[];
  /** Columns with each level's name, in the same order; '' where a level has none. */
  nameFields?: string[];
  base?: BaseKind;
}

interface LevelSegment { code: string; name: string; parent: string | null; level: string; row: number }

/** Level names: OAC's own for an OAC scheme of three levels, else the code columns' headers. */
function levelNames(scheme: string, headers: string[]): string[] {
  return oacVersionOf(scheme) && headers.length === OAC_LEVELS.length ? [...OAC_LEVELS] : headers;
}

export async function importSegmentLevels(project: ProjectHandle, input: ImportInput, options: SegmentLevelOptions, ctx?: ImportContext): Promise<ImportSummary> {
  const scheme = options.scheme.trim();
  const oac = oacVersionOf(scheme);
  const csv = await openCsv(input);
  const { file } = csv;
  if (options.levelFields.length < 2) throw new ImportError(`${file}: --levels needs at least two columns, coarsest first (e.g. supergroup,group,subgroup)`);
  if ((options.nameFields?.length ?? 0) > options.levelFields.length) {
    throw new ImportError(`${file}: --name-fields lists ${options.nameFields!.length} columns for ${options.levelFields.length} levels`);
  }
  const iArea = pickColumn(csv, 'assignments', options.areaField, 'areaCode', 'area-field');
  const iCodes = options.levelFields.map((f) => columnIndex(csv, f, 'levels'));
  const iNames = options.levelFields.map((_, k) => (options.nameFields?.[k] ? columnIndex(csv, options.nameFields[k], 'name-fields') : null));
  const levels = levelNames(scheme, iCodes.map((i) => csv.headers[i]));
  const h = (i: number) => csv.headers[i];

  const segments = new Map<string, LevelSegment>();
  const areas: { area: string; segment: string; row: number }[] = [];
  const areaRow = new Map<string, number>();
  for await (const rec of csv.records(ctx)) {
    const area = cell(rec, iArea);
    if (!area) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iArea)}": empty, expected an area code`);
    const prev = areaRow.get(area);
    if (prev !== undefined) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iArea)}": area ${quote(area)} already appears on row ${fmt(prev)}`);
    areaRow.set(area, rec.row);
    let parent: string | null = null;
    iCodes.forEach((i, k) => {
      const code = cell(rec, i);
      if (!code) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(i)}": empty, expected the ${levels[k]} code of area ${area}`);
      const given = iNames[k] === null ? '' : cell(rec, iNames[k]!);
      const known = segments.get(code);
      // One code, one place in the tree: the same code at two levels or under two parents is refused by row.
      if (!known) {
        segments.set(code, { code, name: given || (oac && oacName(oac, code)) || code, parent, level: levels[k], row: rec.row });
      } else if (known.level !== levels[k]) {
        throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(i)}": code ${quote(code)} is a ${known.level} on row ${fmt(known.row)}, not a ${levels[k]}`);
      } else if (known.parent !== parent) {
        throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(i)}": ${levels[k]} ${quote(code)} is under ${quote(parent)} here but under ${quote(known.parent)} on row ${fmt(known.row)}`);
      } else if (given && given !== known.name) {
        throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iNames[k]!)}": ${levels[k]} ${quote(code)} is named ${quote(given)} here but ${quote(known.name)} on row ${fmt(known.row)}`);
      }
      parent = code;
    });
    areas.push({ area, segment: parent!, row: rec.row });
  }
  if (areas.length === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  const db = project.db;
  const match = matchAreas(db, areas.map((r) => r.area));
  const warnings = areaMatchWarnings(match, `${scheme} assignment`);
  const tally = new RejectTally();
  const keep = areas.filter((r) => (match.unmatched.has(r.area) ? (tally.add('no matching boundary', r.area), false) : true));
  if (keep.length === 0) throw new ImportError(`${file}: no row matches the project's boundaries`);
  const unnamed = [...segments.values()].filter((s) => s.name === s.code).map((s) => s.code);
  if (unnamed.length) warnings.push(`${fmt(unnamed.length)} segments have no name in the file${oac ? ` nor in the published ${oac}` : ''} and are named by their codes (e.g. ${unnamed.slice(0, 5).join(', ')})`);
  const perLevel = Object.fromEntries(levels.map((l) => [l, [...segments.values()].filter((s) => s.level === l).length]));
  const summary: ImportSummary = {
    kind: 'assignments', dataset: scheme, file, rowsRead: areas.length, imported: keep.length, rejected: tally.counts, warnings,
    details: { mode: 'all levels at once', levels: levels.join(' > '), segmentsPerLevel: perLevel, names: oac ? `published ${oac} names where the file has none` : 'from the file', base: options.base ?? 'unchanged' },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO cgm_schemes (name) VALUES (?)').run(scheme);
    if (options.base) db.prepare('UPDATE cgm_schemes SET base_kind = ? WHERE name = ?').run(options.base, scheme);
    // The file defines the whole hierarchy, so earlier definitions and assignments of the scheme go;
    // what the analyst added to a code that stays (colour, description, segment profile) is kept.
    const kept = new Map(
      (db.prepare('SELECT code, colour, description, attributes FROM cgm_segments WHERE scheme = ?').all(scheme) as { code: string; colour: string | null; description: string | null; attributes: string }[])
        .map((r) => [r.code, r]),
    );
    db.prepare('DELETE FROM cgm_assignments WHERE scheme = ?').run(scheme);
    db.prepare('DELETE FROM cgm_segments WHERE scheme = ?').run(scheme);
    const seg = db.prepare('INSERT INTO cgm_segments (scheme, code, name, parent_code, level, colour, description, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of segments.values()) {
      const k = kept.get(s.code);
      seg.run(scheme, s.code, s.name, s.parent, s.level, k?.colour ?? null, k?.description ?? null, k?.attributes ?? '{}');
    }
    const insert = db.prepare('INSERT INTO cgm_assignments (scheme, area_code, segment_code, count) VALUES (?, ?, ?, NULL)');
    for (const r of keep) insert.run(scheme, r.area, r.segment);
    recordDataset(db, 'segments', scheme, file, segments.size, segments.size, summary);
    recordDataset(db, 'assignments', scheme, file, areas.length, keep.length, summary);
  })();
  return summary;
}
