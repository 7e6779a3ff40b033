// Lookup importer: a file saying which coarser area each small area lies in
// (ONS's OA → LSOA → MSOA, OA → ward), turned into a new geography level whose
// boundaries the app dissolves from the small areas. The new level is an
// ordinary level with parent codes, so the map, tables and exports use it as
// they use imported boundaries.
import type * as GeoJSON from 'geojson';
import { currentParents, replaceAreaLevel } from '../store/area-level';
import { insertFeatures, readFeatures } from '../store/gpkg';
import { LEVEL_RANK } from './boundaries';
import { columnIndex, openCsv } from './csv-read';
import { dissolveGroup, type AreaPolygon } from './dissolve';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, checkAborted, fmt, quote, slug } from './importer';
import { chainLink } from './lookup-chain';
import { levelColumn, lookupColumn, readLookupRows } from './lookup-read';
import type { ProjectHandle } from './project-tables';
import { finestLevel, geographies, levelCodes, recordDataset } from './project-tables';

export interface LookupOptions {
  /** The coarser level the lookup defines: LSOA, MSOA, ward or any name. */
  parentLevel: string;
  /** The level whose codes the file lists (default: the project's finest, e.g. OA). */
  childLevel?: string;
  childField?: string;
  parentField?: string;
  nameField?: string;
}

export async function importLookup(project: ProjectHandle, input: ImportInput, options: LookupOptions, ctx?: ImportContext): Promise<ImportSummary> {
  const db = project.db;
  const parentLevel = options.parentLevel?.trim();
  if (!parentLevel) throw new ImportError('a name for the new geography level is required (--parent-level, e.g. LSOA, ward, MSOA)');
  const levels = geographies(db);
  if (levels.length === 0) throw new ImportError('import the boundaries of the small areas (e.g. OA) before a lookup: the new level is dissolved from them');
  const childName = options.childLevel?.trim();
  const child = childName ? levels.find((g) => g.level === childName) : finestLevel(db)!;
  if (!child) throw new ImportError(`the project has no geography level ${quote(childName)} (levels: ${levels.map((g) => g.level).join(', ')})`);
  if (child.level === parentLevel || `area_${slug(parentLevel)}` === child.table_name) throw new ImportError(`the lookup's two levels must differ (both are ${quote(parentLevel)})`);
  const table = `area_${slug(parentLevel)}`;
  const clash = levels.find((g) => g.table_name === table && g.level !== parentLevel);
  if (clash) throw new ImportError(`level ${quote(parentLevel)} would reuse the table of level ${quote(clash.level)}; choose another name`);

  const csv = await openCsv(input);
  const { file } = csv;
  const iChild = lookupColumn(csv, options.childField, child.level, 'child-field');
  const iParent = lookupColumn(csv, options.parentField, parentLevel, 'parent-field');
  if (iChild === iParent) throw new ImportError(`${file}: the ${child.level} and ${parentLevel} codes cannot both come from column ${quote(csv.headers[iChild])}`);
  const nameGuess = options.nameField ?? levelColumn(csv.headers, parentLevel, 'nm');
  const iName = nameGuess ? columnIndex(csv, nameGuess, 'name-field') : null;
  const projectChildren = levelCodes(db, child.level)!;
  ctx?.progress?.(`Reading ${file}`, 0);
  const rows = await readLookupRows(csv, { child: iChild, parent: iParent, name: iName }, { child: child.level, parent: parentLevel }, projectChildren, ctx);
  if (rows.rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);
  if (rows.parentOf.size === 0) {
    throw new ImportError(
      `${file}: none of the codes in field ${quote(csv.headers[iChild])} are ${child.level} areas of the project (the file has e.g. ${rows.outsideExamples.join(', ')}; the project has e.g. ${[...projectChildren].slice(0, 3).join(', ')})`,
    );
  }
  const link = chainLink(db, levels, child, parentLevel, rows.parentOf, file);
  // Beside the chain: each area lists its members, which analyses at this level lift to it (inputs.ts areaParents).
  const members = new Map<string, string[]>();
  if (!link) for (const [c, p] of rows.parentOf) members.set(p, [...(members.get(p) ?? []), c]);

  const warnings = rows.outside.warnings('row');
  const orphans = [...projectChildren].filter((c) => !rows.parentOf.has(c));
  if (orphans.length) warnings.push(`${fmt(orphans.length)} of ${fmt(projectChildren.size)} ${child.level} areas are not in the lookup and belong to no ${parentLevel}: ${orphans.slice(0, 10).join(', ')}${orphans.length > 10 ? ', ...' : ''}`);
  if (!link) warnings.push(`${parentLevel} does not nest in the ${child.level} areas' ${child.parent_level} chain, so it is kept beside it: maps, tables and exports work at ${parentLevel} as at any level`);
  if (rows.partialParents.size) {
    const ex = [...rows.partialParents].slice(0, 5);
    warnings.push(`${fmt(rows.partialParents.size)} ${parentLevel} areas also hold ${child.level}s the project lacks, so their boundaries cover only the project's part (e.g. ${ex.join(', ')})`);
  }

  // Dissolve: the children's polygons, grouped by parent, in code order.
  checkAborted(ctx, file);
  const groups = new Map<string, AreaPolygon[]>();
  for (const f of readFeatures(db, child.table_name, { columns: ['code'] }).features) {
    const parent = rows.parentOf.get(String(f.properties?.code));
    if (!parent || !f.geometry) continue;
    const list = groups.get(parent) ?? [];
    list.push(f.geometry as AreaPolygon);
    groups.set(parent, list);
  }
  const started = Date.now();
  const methods: Record<string, number> = {};
  const codes = [...groups.keys()].sort();
  // A level replaced by this one keeps the parent codes its areas had (LSOA → MSOA).
  const previous = levels.find((g) => g.level === parentLevel);
  const keptParents = currentParents(db, previous?.table_name);
  const features: { geometry: GeoJSON.MultiPolygon | null; properties: Record<string, unknown> }[] = [];
  for (let i = 0; i < codes.length; i++) {
    if ((i & 255) === 0) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      checkAborted(ctx, file);
      ctx?.progress?.(`Dissolving ${child.level} into ${parentLevel}: ${fmt(i)} of ${fmt(codes.length)}`, 0.3 + (0.6 * i) / codes.length);
    }
    const code = codes[i];
    let geometry: GeoJSON.MultiPolygon | null;
    try {
      geometry = dissolveGroup(groups.get(code)!, (m) => (methods[m] = (methods[m] ?? 0) + 1));
    } catch (error) {
      throw new ImportError(`${file}: the ${child.level} polygons of ${parentLevel} ${quote(code)} could not be dissolved (${(error as Error).message})`);
    }
    const listed = members.get(code);
    features.push({ geometry, properties: { code, name: rows.names.get(code) ?? null, parent_code: keptParents.get(code) ?? null, members: listed ? JSON.stringify(listed.sort()) : null } });
  }
  const dissolveMs = Date.now() - started;

  const rank = LEVEL_RANK[slug(parentLevel)] ?? (previous?.rank ?? child.rank + 5);
  const summary: ImportSummary = {
    kind: 'lookup',
    dataset: parentLevel,
    file,
    rowsRead: rows.rowsRead,
    imported: rows.parentOf.size,
    rejected: rows.outside.counts,
    warnings,
    details: { table, childLevel: child.level, areas: codes.length, parentCodesOn: link?.level.level ?? null, besideChain: !link, dissolveMs, dissolvedBy: methods },
  };
  checkAborted(ctx, file);
  ctx?.progress?.(`Writing ${fmt(codes.length)} ${parentLevel} areas to ${table}`, 0.92);
  db.transaction(() => {
    const memberColumn = link ? [] : [{ name: 'members', type: 'TEXT' as const }];
    replaceAreaLevel(
      db,
      { level: parentLevel, table, parentLevel: previous?.parent_level ?? null, rank, title: `${parentLevel} boundaries`, description: `Dissolved from ${child.level} by ${file}`, extraColumns: memberColumn },
      () => insertFeatures(db, table, features),
    );
    if (link) {
      const linkTable = link.level.table_name;
      db.prepare(`UPDATE "${linkTable}" SET parent_code = NULL`).run();
      const write = db.prepare(`UPDATE "${linkTable}" SET parent_code = ? WHERE code = ?`);
      for (const [code, parent] of link.parentOf) write.run(parent, code);
      db.prepare('UPDATE cgm_geographies SET parent_level = ? WHERE level = ?').run(parentLevel, link.level.level);
    }
    recordDataset(db, 'lookup', parentLevel, file, rows.rowsRead, rows.parentOf.size, summary);
  })();
  ctx?.progress?.(`Imported ${fmt(codes.length)} ${parentLevel} areas dissolved from ${child.level}`, 1);
  return summary;
}
