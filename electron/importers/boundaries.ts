// Boundary importer: one geography level (OA, LSOA, ward, custom...) from
// GeoJSON, Shapefile or a GeoPackage layer into the feature table area_<level>.
import { currentParents, replaceAreaLevel } from '../store/area-level';
import { insertEncodedFeatures } from '../store/gpkg-features';
import { BlobSlab, encodeFlatMultiPolygon, flatEnvelope } from '../store/gpkg-flat-geometry';
import type { Envelope } from '../store/gpkg-geometry';
import { levelPolygons, type LevelAreas } from '../store/level-geometry';
import { coordinateShape, crsFromCode, reprojectToWgs84InPlace } from './crs';
import { FlatBuilder, firstVertexWhere } from './flat-polygons';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, inputName, quote, slug } from './importer';
import { decideCrs } from './layer-crs';
import type { ProjectHandle } from './project-tables';
import { geographies, levelCodes, recordDataset } from './project-tables';
import { checkFlatPolygon } from './polygon-check';
import { readPolygonLayer, type PolygonLayer } from './polygon-layer';
import { layerField, propertyText } from './vector-read';

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

/**
 * Degree-sized numbers off the globe, named by area before the CRS is guessed
 * from the layer's bounds (where a longitude of -200 passed as British National
 * Grid metres). A projected CRS, declared or given, says they are metres; metre-sized
 * numbers in a file declared WGS 84 get decideCrs's "try EPSG:27700" instead.
 */
function checkDegrees(layer: PolygonLayer, options: BoundaryOptions, where: (n: number) => string, codeField: string): void {
  const declared = options.crs ? crsFromCode(options.crs) : layer.declaredCrs;
  if (coordinateShape(layer.rawBbox) !== 'degrees-out-of-range' || (declared && declared.def !== null)) return;
  const outside = firstVertexWhere(layer.geometry, (x, y) => !(x >= -180 && x <= 180 && y >= -90 && y <= 90));
  if (!outside) return;
  const code = propertyText(layer.properties[outside.feature]?.[codeField], () => `${where(outside.feature + 1)}, field "${codeField}"`);
  const [what, value, range] = outside.x >= -180 && outside.x <= 180 ? ['latitude', outside.y, '-90..90'] : ['longitude', outside.x, '-180..180'];
  throw new ImportError(`${where(outside.feature + 1)} (code ${quote(code)}): the geometry has ${what} ${value}, outside ${range}`);
}

/** Smaller areas first; unknown names sit after LAD unless they have a parent. */
export const LEVEL_RANK: Record<string, number> = { oa: 10, dz: 10, sa: 10, lsoa: 20, msoa: 30, ward: 30, lad: 40, ua: 40, county: 50, region: 60 };

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
  const layer = await readPolygonLayer(input, { layer: options.layer }, ctx);
  const count = layer.properties.length;
  if (count === 0) throw new ImportError(`${file}: the layer has no ${layer.unit}s`);
  const codeField = layerField(layer, options.codeField, 'code-field');
  const nameField = options.nameField ? layerField(layer, options.nameField, 'name-field') : null;
  const parentField = options.parentField ? layerField(layer, options.parentField, 'parent-field') : null;

  const rawBbox = layer.rawBbox;
  if (!Number.isFinite(rawBbox[0])) throw new ImportError(`${file}: no ${layer.unit} has a geometry`);
  const where = (n: number, field?: string) => `${file} ${layer.unit} ${fmt(n)}${field ? `, field "${field}"` : ''}`;
  checkDegrees(layer, options, where, codeField);
  const { crs, warning } = decideCrs(file, layer.format, layer.declaredCrs, layer.crsSource, options.crs, rawBbox);
  const warnings: string[] = warning ? [warning] : [];
  checkAborted(ctx, file);
  ctx?.progress?.(`Reprojecting ${file} from ${crs.label}`, 0.25);
  reprojectToWgs84InPlace(crs, layer.geometry.xy);

  // One hash lookup an area (a national layer's 190k codes): a duplicate's first row is looked for only then.
  const seen = new Set<string>();
  // Each area is checked and its bounds taken at once: no GeoJSON per area, and
  // nothing is written until every area has passed. Its blob is encoded as it is
  // written (writeAreas), so a national layer's ~140 MB of blobs are never all held.
  const rows: Record<string, unknown>[] = [];
  const envelopes = new Float64Array(4 * count);
  const envelope: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  const repairs = new RejectTally();
  // Every checked area gathered in one builder (room for each ring to be closed): its
  // arrays are the map's (level-geometry.ts), so the write need not read the blobs back.
  const checked = new FlatBuilder(layer.geometry.xy.length / 2 + layer.geometry.ringEnd.length);
  for (let i = 0; i < count; i++) {
    const number = i + 1;
    if ((i & 255) === 0) {
      // Yield now and then so a cancel (or the window) gets a turn during a national file.
      if ((i & 16383) === 0 && i > 0) await new Promise((resolve) => setImmediate(resolve));
      checkAborted(ctx, file);
      ctx?.progress?.(`Checking ${file}: ${layer.unit} ${fmt(number)}`, 0.3 + (0.5 * i) / count);
    }
    const props = layer.properties[i];
    const code = propertyText(props[codeField], () => where(number, codeField));
    if (!code) throw new ImportError(`${where(number, codeField)}: empty, expected an area code`);
    if (seen.size === seen.add(code).size) {
      const dup = rows.findIndex((r) => r.code === code) + 1;
      throw new ImportError(`${where(number, codeField)}: duplicate area code ${quote(code)} (also ${layer.unit} ${fmt(dup)}); each area must appear once`);
    }
    const fromVertex = checked.vertices;
    const check = checkFlatPolygon(layer.geometry, i, checked);
    if (!check.ok) throw new ImportError(`${where(number)} (code ${quote(code)}): the geometry ${check.problem}`);
    if (check.repaired) {
      if (options.repair === false) throw new ImportError(`${where(number)} (code ${quote(code)}): invalid polygon (${check.repaired} would be needed)`);
      repairs.add(check.repaired, code);
    }
    // The envelope the blob's header will hold: minX, minY, maxX, maxY.
    const [minX, minY, maxX, maxY] = flatEnvelope(checked.xy, fromVertex, checked.vertices, envelope);
    envelopes.set(envelope, 4 * i);
    if (!(minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90)) {
      throw new ImportError(`${where(number)} (code ${quote(code)}): coordinates fall outside the globe after conversion from ${crs.label}`);
    }
    const name = nameField ? propertyText(props[nameField], () => where(number, nameField)) || null : null;
    const parent = parentField ? propertyText(props[parentField], () => where(number, parentField)) || null : null;
    checked.endFeature();
    rows.push({ code, name, parent_code: parent });
  }
  for (const w of repairs.warnings(layer.unit)) warnings.push(w.replace('rejected: ', 'repaired: '));

  // Hierarchy checks are warnings: the parent level may be imported afterwards.
  const table = `area_${slug(level)}`;
  const parentLevel = options.parentLevel?.trim() || null;
  if (parentLevel) {
    const parents = levelCodes(project.db, parentLevel);
    if (parents) {
      const missing = rows.map((r) => r.parent_code as string | null).filter((p): p is string => !!p && !parents.has(p));
      if (missing.length) warnings.push(`${fmt(missing.length)} ${layer.unit}s have a ${parentLevel} code with no ${parentLevel} boundary (e.g. ${[...new Set(missing)].slice(0, 5).join(', ')})`);
    } else warnings.push(`parent level ${parentLevel} has no boundaries yet; parent codes not checked`);
  }
  const existing = geographies(project.db);
  const clash = existing.find((g) => g.table_name === table && g.level !== level);
  if (clash) throw new ImportError(`level ${quote(level)} would reuse the table of level ${quote(clash.level)}; choose another name`);
  // Imported again without parent codes, the areas keep the ones they had (from a lookup
  // or an earlier file), so a level built on them is not cut off.
  const previous = existing.find((g) => g.level === level);
  let keptParent: string | null = null;
  if (!parentField && previous?.parent_level) {
    const before = currentParents(project.db, previous.table_name);
    let kept = 0;
    for (const r of rows) {
      const p = before.get(r.code as string) ?? null;
      r.parent_code = p;
      if (p) kept++;
    }
    if (kept > 0) {
      keptParent = previous.parent_level;
      const lost = rows.length - kept;
      warnings.push(`kept the ${previous.parent_level} codes of ${fmt(kept)} ${level} areas from before${lost ? `; ${fmt(lost)} new or recoded areas have none` : ''}`);
    }
  }
  const rankParent = parentLevel ?? keptParent;
  const rank = LEVEL_RANK[slug(level)] ?? (rankParent ? Math.max(0, (existing.find((g) => g.level === rankParent)?.rank ?? 50) - 5) : 45);

  const summary: ImportSummary = {
    kind: 'boundaries',
    dataset: level,
    file,
    rowsRead: count,
    imported: rows.length,
    rejected: {},
    warnings,
    details: { table, crs: crs.id, crsSource: options.crs ? `--crs ${options.crs}` : layer.crsSource, format: layer.format },
  };
  checkAborted(ctx, file);
  ctx?.progress?.(`Writing ${fmt(rows.length)} areas to ${table}`, 0.85);
  const db = project.db;
  const areas = checked.finish();
  db.transaction(() => {
    replaceAreaLevel(db, { level, table, parentLevel: parentLevel ?? keptParent, rank, title: `${level} boundaries`, description: `Imported from ${file}` }, () =>
      writeAreas(db, table, areas, envelopes, rows),
      // The layer's raw vertices are read no more once checked: the triangles may be gathered in their memory.
      levelPolygons(areas, layer.geometry.xy.buffer),
    );
    recordDataset(db, 'boundaries', level, file, summary.rowsRead, summary.imported, summary);
  })();
  ctx?.progress?.(`Imported ${fmt(rows.length)} ${level} areas`, 1);
  return summary;
}

/**
 * The checked areas (feature i of `areas`, rows[i] its columns) into the level's table, each
 * blob encoded just before it is written, into one slab used again once SQLite has copied
 * a batch: the bytes are those encodeFlatMultiPolygon gives, the envelope the one checked.
 */
function writeAreas(db: ProjectHandle['db'], table: string, areas: LevelAreas, envelopes: Float64Array, rows: Record<string, unknown>[]): void {
  const { xy, ringEnd, partEnd, featureEnd } = areas;
  const slab = new BlobSlab();
  const envelope: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  function* encoded(): Generator<{ geometry: Buffer; properties: Record<string, unknown> }> {
    for (let i = 0; i < rows.length; i++) {
      for (let k = 0; k < 4; k++) envelope[k] = envelopes[4 * i + k];
      const geometry = encodeFlatMultiPolygon(xy, ringEnd, partEnd, featureEnd[i], { from: i ? featureEnd[i - 1] : 0, slab, envelope });
      yield { geometry, properties: rows[i] };
    }
  }
  insertEncodedFeatures(db, table, encoded(), slab.reuse);
}
