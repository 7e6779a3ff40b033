// Boundary importer: one geography level (OA, LSOA, ward, custom...) from
// GeoJSON, Shapefile or a GeoPackage layer into the feature table area_<level>.
import type * as GeoJSON from 'geojson';
import { createFeatureTable, dropFeatureTable, insertFeatures } from '../store/gpkg';
import { toWgs84 } from './crs';
import { checkPolygon, emptyBbox, extendBbox } from './geometry';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, inputName, quote, slug } from './importer';
import { decideCrs } from './layer-crs';
import type { ProjectHandle } from './project-tables';
import { geographies, levelCodes, recordDataset } from './project-tables';
import { layerField, readVectorLayer } from './vector-read';

export interface BoundaryOptions {
  /** Geography level name: OA, LSOA, MSOA, ward, LAD or any custom name. */
  level: string;
  codeField: string;
  nameField?: string;
  parentField?: string;
  parentLevel?: string;
  /** Overrides or supplies the CRS, e.g. "EPSG:27700" for a shapefile without .prj. */
  crs?: string;
  /** GeoPackage layer name when the file has several. */
  layer?: string;
  /** Split self-intersecting rings (default) instead of refusing the file. */
  repair?: boolean;
}

/** Smaller areas first; unknown names sit after LAD unless they have a parent. */
const LEVEL_RANK: Record<string, number> = { oa: 10, dz: 10, sa: 10, lsoa: 20, msoa: 30, ward: 30, lad: 40, ua: 40, county: 50, region: 60 };

export async function importBoundaries(
  project: ProjectHandle,
  input: ImportInput,
  options: BoundaryOptions,
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const file = inputName(input);
  const level = options.level.trim();
  if (!level) throw new ImportError('a geography level name is required (e.g. OA, LSOA, ward)');
  if (options.parentField && !options.parentLevel) throw new ImportError('--parent-field needs --parent-level (the level its codes belong to)');
  ctx?.progress?.(`Reading ${file}`, 0);
  const layer = await readVectorLayer(input, { layer: options.layer }, ctx);
  if (layer.features.length === 0) throw new ImportError(`${file}: the layer has no ${layer.unit}s`);
  const codeField = layerField(layer, options.codeField, 'code-field');
  const nameField = options.nameField ? layerField(layer, options.nameField, 'name-field') : null;
  const parentField = options.parentField ? layerField(layer, options.parentField, 'parent-field') : null;

  const rawBbox = emptyBbox();
  for (const f of layer.features) if (f.geometry) extendBbox(rawBbox, f.geometry);
  if (!Number.isFinite(rawBbox[0])) throw new ImportError(`${file}: no ${layer.unit} has a geometry`);
  const { crs, warning } = decideCrs(file, layer.format, layer.declaredCrs, layer.crsSource, options.crs, rawBbox);
  const warnings: string[] = warning ? [warning] : [];
  const project4326 = toWgs84(crs);

  const where = (n: number, field?: string) => `${file} ${layer.unit} ${fmt(n)}${field ? `, field "${field}"` : ''}`;
  const firstSeen = new Map<string, number>();
  const rows: { geometry: GeoJSON.MultiPolygon; properties: Record<string, unknown> }[] = [];
  const repairs = new RejectTally();
  layer.features.forEach((f, i) => {
    if ((i & 255) === 0) {
      checkAborted(ctx, file);
      ctx?.progress?.(`Checking ${file}: ${layer.unit} ${fmt(f.number)}`, 0.3 + (0.5 * i) / layer.features.length);
    }
    const code = String(f.properties[codeField] ?? '').trim();
    if (!code) throw new ImportError(`${where(f.number, codeField)}: empty, expected an area code`);
    const dup = firstSeen.get(code);
    if (dup !== undefined) {
      throw new ImportError(`${where(f.number, codeField)}: duplicate area code ${quote(code)} (also ${layer.unit} ${fmt(dup)}); each area must appear once`);
    }
    firstSeen.set(code, f.number);
    const check = checkPolygon(f.geometry, project4326);
    // The raw geometry is not needed again; letting it go keeps one copy of a
    // national file's vertices in memory instead of two (GC time, not just space).
    f.geometry = null;
    if (!check.ok) throw new ImportError(`${where(f.number)} (code ${quote(code)}): the geometry ${check.problem}`);
    if (check.repaired) {
      if (options.repair === false) throw new ImportError(`${where(f.number)} (code ${quote(code)}): invalid polygon (${check.repaired} would be needed)`);
      repairs.add(check.repaired, code);
    }
    const geometry = check.geometry;
    const out = emptyBbox();
    extendBbox(out, geometry);
    if (!(out[0] >= -180 && out[2] <= 180 && out[1] >= -90 && out[3] <= 90)) {
      throw new ImportError(`${where(f.number)} (code ${quote(code)}): coordinates fall outside the globe after conversion from ${crs.label}`);
    }
    const name = nameField ? String(f.properties[nameField] ?? '').trim() || null : null;
    const parent = parentField ? String(f.properties[parentField] ?? '').trim() || null : null;
    rows.push({ geometry, properties: { code, name, parent_code: parent } });
  });
  for (const w of repairs.warnings(layer.unit)) warnings.push(w.replace('rejected: ', 'repaired: '));

  // Hierarchy checks are warnings: the parent level may be imported afterwards.
  const table = `area_${slug(level)}`;
  const parentLevel = options.parentLevel?.trim() || null;
  if (parentLevel) {
    const parents = levelCodes(project.db, parentLevel);
    if (parents) {
      const missing = rows.map((r) => r.properties.parent_code as string | null).filter((p): p is string => !!p && !parents.has(p));
      if (missing.length) warnings.push(`${fmt(missing.length)} ${layer.unit}s have a ${parentLevel} code with no ${parentLevel} boundary (e.g. ${[...new Set(missing)].slice(0, 5).join(', ')})`);
    } else warnings.push(`parent level ${parentLevel} has no boundaries yet; parent codes not checked`);
  }
  const existing = geographies(project.db);
  const clash = existing.find((g) => g.table_name === table && g.level !== level);
  if (clash) throw new ImportError(`level ${quote(level)} would reuse the table of level ${quote(clash.level)}; choose another name`);
  const rank = LEVEL_RANK[slug(level)] ?? (parentLevel ? Math.max(0, (existing.find((g) => g.level === parentLevel)?.rank ?? 50) - 5) : 45);

  const summary: ImportSummary = {
    kind: 'boundaries',
    dataset: level,
    file,
    rowsRead: layer.features.length,
    imported: rows.length,
    rejected: {},
    warnings,
    details: { table, crs: crs.id, crsSource: options.crs ? `--crs ${options.crs}` : layer.crsSource, format: layer.format },
  };
  checkAborted(ctx, file);
  ctx?.progress?.(`Writing ${fmt(rows.length)} areas to ${table}`, 0.85);
  const db = project.db;
  db.transaction(() => {
    dropFeatureTable(db, table);
    createFeatureTable(db, {
      table,
      geometryType: 'MULTIPOLYGON',
      columns: [
        { name: 'code', type: 'TEXT' },
        { name: 'name', type: 'TEXT' },
        { name: 'parent_code', type: 'TEXT' },
      ],
      title: `${level} boundaries`,
      description: `Imported from ${file}`,
    });
    insertFeatures(db, table, rows);
    db.exec(`CREATE UNIQUE INDEX "${table}_code" ON "${table}" (code)`);
    db.prepare('DELETE FROM cgm_geographies WHERE level = ? OR table_name = ?').run(level, table);
    db.prepare('INSERT INTO cgm_geographies (level, table_name, parent_level, rank) VALUES (?, ?, ?, ?)').run(level, table, parentLevel, rank);
    recordDataset(db, 'boundaries', level, file, summary.rowsRead, summary.imported, summary);
  })();
  ctx?.progress?.(`Imported ${fmt(rows.length)} ${level} areas`, 1);
  return summary;
}
