// Population base per area (usual residents or households), e.g. Census TS001.
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, checkAborted, fmt, quote } from './importer';
import { cell, openCsv } from './csv-read';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { areaMatchWarnings, cellError, matchAreas, parseNumber, pickColumn } from './tabular';

export interface PopulationOptions {
  areaField?: string;
  countField: string;
  base?: 'persons' | 'households';
  /** Column with residents of communal establishments (TS001 in_communal_establishments), so the analyst can leave them out of the base. */
  communalField?: string;
}

export async function importPopulation(
  project: ProjectHandle,
  input: ImportInput,
  options: PopulationOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const base = options.base ?? 'persons';
  if (base !== 'persons' && base !== 'households') throw new ImportError(`--base must be persons or households, not ${quote(base)}`);
  const csv = await openCsv(input);
  const { file } = csv;
  const iArea = pickColumn(csv, 'population', options.areaField, 'areaCode', 'area-field');
  const iCount = pickColumn(csv, 'population', options.countField, 'count', 'count-field');
  if (options.communalField && base !== 'persons') throw new ImportError('--communal-field goes with a persons base (communal residents are not households)');
  const iCommunal = options.communalField ? pickColumn(csv, 'population', options.communalField, 'count', 'communal-field') : null;
  const h = (i: number) => csv.headers[i];
  const counts = new Map<string, { count: number; communal: number | null; row: number }>();
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const area = cell(rec, iArea);
    if (!area) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iArea)}": empty, expected an area code`);
    const raw = cell(rec, iCount);
    const n = parseNumber(raw);
    if (!n || n.percent || n.value < 0) throw cellError(file, rec.row, h(iCount), raw, `is not a ${base} count (expected a number >= 0)`);
    const prev = counts.get(area);
    if (prev) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iArea)}": duplicate area code ${quote(area)} (also row ${fmt(prev.row)})`);
    let communal: number | null = null;
    if (iCommunal !== null) {
      const text = cell(rec, iCommunal);
      const c = parseNumber(text);
      if (!c || c.percent || c.value < 0) throw cellError(file, rec.row, h(iCommunal), text, 'is not a count of communal residents (expected a number >= 0)');
      if (c.value > n.value) throw cellError(file, rec.row, h(iCommunal), text, `is more than the area's ${fmt(n.value)} ${base}`);
      communal = c.value;
    }
    counts.set(area, { count: n.value, communal, row: rec.row });
  }
  if (counts.size === 0) throw new ImportError(`${file}: has a header row but no data rows`);
  const db = project.db;
  const match = matchAreas(db, counts.keys());
  const warnings = areaMatchWarnings(match, 'population row');
  const keep = [...counts.entries()].filter(([area]) => !match.unmatched.has(area));
  if (keep.length === 0) throw new ImportError(`${file}: none of its ${fmt(counts.size)} area codes match the project's boundaries (e.g. ${[...counts.keys()].slice(0, 3).join(', ')})`);
  const total = keep.reduce((s, [, v]) => s + v.count, 0);
  const summary: ImportSummary = {
    kind: 'population', dataset: base, file, rowsRead, imported: keep.length,
    rejected: match.unmatched.size ? { 'no matching boundary': match.unmatched.size } : {},
    warnings,
    details: {
      base, total, countField: h(iCount),
      ...(iCommunal === null ? {} : { communalField: h(iCommunal), communal: keep.reduce((s, [, v]) => s + (v.communal ?? 0), 0) }),
    },
  };
  checkAborted(ctx, file);
  db.transaction(() => {
    db.prepare('DELETE FROM cgm_population WHERE base_kind = ?').run(base);
    const insert = db.prepare('INSERT INTO cgm_population (area_code, base_kind, count, communal) VALUES (?, ?, ?, ?)');
    for (const [area, v] of keep) insert.run(area, base, v.count, v.communal);
    recordDataset(db, 'population', base, file, rowsRead, keep.length, summary);
  })();
  return summary;
}
