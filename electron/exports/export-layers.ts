// The layers an analyst can export, by name:
//   - every feature table of the project GeoPackage, as stored (area_oa,
//     area_lsoa, roads, service_sites...);
//   - gaps_<level> (gaps_oa, gaps_lsoa...): that level's areas with the gap
//     analysis attributes (need, users, uptake ratio and intervals, unmet need
//     and rank, access, gap type), counts disclosed with the project rule;
//   - gaps: the same at the level asked for (the map's, from the app), else the finest;
//   - strata: the finest areas with their proposed, decided and effective stratum;
//   - proposed_sites: the service's what-if sites (proposed-layer.ts);
//   - isochrones: travel-time bands around a service's sites (isochrone-layer.ts);
//   - transit_isochrones: the same by public transport for a day and window (transit-isochrone-layer.ts);
//   - indicator:<name>: an area indicator at the level asked for (indicator-layer.ts).
// On a map layer a suppressed value is NULL (so QGIS can still style the
// numeric column) and `suppressed` = 1 says why; CSV tables show "*".
import type * as GeoJSON from 'geojson';
import type { AreaResult } from '../../shared/contract';
import { SUPPRESSED } from '../../shared/analysis/disclosure';
import type { DisclosureRule } from '../../shared/domain';
import { describeGapSettings } from '../../shared/analysis/gaps';
import { chosenSegmentRows } from './chosen-segments';
import { gapTypeText } from '../analysis/gap-table';
import { finestLevel } from '../analysis/inputs';
import { scenarioAreaRows } from '../analysis/scenario-rows';
import { whatIfSentence } from '../../shared/analysis/what-if';
import { crsFromCode, toWgs84 } from '../importers/crs';
import { geographies } from '../services/area-layer';
import { listFeatureTables, readFeatures, type ColumnType, type GeometryTypeName } from '../store/gpkg';
import { tableShape } from '../store/gpkg-features';
import type { Project } from '../store/project';
import { strataExport } from './export-tables';
import { hasIsochroneLayer, ISOCHRONE_LAYER, isochroneLayer } from './isochrone-layer';
import { hasTransitIsochroneLayer, TRANSIT_ISOCHRONE_LAYER, transitIsochroneLayer } from './transit-isochrone-layer';
import { resolveExportParams, resolveTravelParams, type ExportParams, type ExportParamsRequest } from './params';
import { PROPOSED_LAYER, proposedSitesLayer } from './proposed-layer';
import { INDICATOR_LAYER_PREFIX, indicatorExportLayers, indicatorLayer } from './indicator-layer';
import { InputError } from '../../shared/errors';

export interface ExportLayerInfo {
  name: string;
  title: string;
  kind: 'table' | 'analysis';
  geometryType: GeometryTypeName;
}

export interface ExportLayer extends ExportLayerInfo {
  columns: { name: string; type: ColumnType }[];
  /** WGS 84 lon/lat. */
  collection: GeoJSON.FeatureCollection;
  /** Dataset kinds the layer is made from, for its attributions. */
  sources: string[];
  /** Set on analysis layers. */
  disclosed: boolean;
  /** Notes about how the layer was made (e.g. the gap thresholds), written with it. */
  notes?: Record<string, string>;
}

const ANALYSIS_SOURCES = ['boundaries', 'segments', 'assignments', 'population', 'postcodes', 'rates', 'users', 'sites', 'roads'];

const levelSlug = (table: string) => table.replace(/^area_/, '');

function tableSources(table: string): string[] {
  if (table.startsWith('area_')) return ['boundaries'];
  if (table === 'roads') return ['roads'];
  if (table === 'service_sites') return ['sites'];
  return [];
}

export function listExportLayers(project: Project): ExportLayerInfo[] {
  const tables = listFeatureTables(project.db).map(
    (t): ExportLayerInfo => ({ name: t.table, title: t.title, kind: 'table', geometryType: t.geometryType as GeometryTypeName }),
  );
  const levels = geographies(project.db);
  const analysis: ExportLayerInfo[] = levels.length
    ? [
        { name: 'gaps', title: 'Gap analysis (finest areas)', kind: 'analysis', geometryType: 'MULTIPOLYGON' },
        ...levels.map((g): ExportLayerInfo => ({ name: `gaps_${levelSlug(g.table_name)}`, title: `Gap analysis (${g.level})`, kind: 'analysis', geometryType: 'MULTIPOLYGON' })),
        { name: 'strata', title: 'Strata (finest areas)', kind: 'analysis', geometryType: 'MULTIPOLYGON' },
      ]
    : [];
  if (tables.some((t) => t.name === 'service_sites')) analysis.push({ name: PROPOSED_LAYER, title: 'Proposed (what-if) sites', kind: 'analysis', geometryType: 'POINT' });
  return [...tables, ...analysis, ...(hasIsochroneLayer(project) ? [ISOCHRONE_LAYER] : []), ...(hasTransitIsochroneLayer(project) ? [TRANSIT_ISOCHRONE_LAYER] : []), ...(levels.length ? indicatorExportLayers(project.db) : [])];
}

function sqlColumnType(declared: string): ColumnType {
  const t = declared.toUpperCase();
  if (/INT|BOOL/.test(t)) return 'INTEGER';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'REAL';
  return 'TEXT';
}

function reprojected(fc: GeoJSON.FeatureCollection, srsId: number): GeoJSON.FeatureCollection {
  if (srsId === 4326 || srsId === 4258) return fc;
  const crs = crsFromCode(String(srsId));
  if (!crs) throw new Error(`cannot reproject a layer in spatial reference system ${srsId} to WGS 84`);
  const to = toWgs84(crs);
  const map = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? to(c as number[]) : (c as unknown[]).map(map));
  for (const f of fc.features) {
    if (f.geometry && 'coordinates' in f.geometry) (f.geometry as { coordinates: unknown }).coordinates = map(f.geometry.coordinates);
  }
  return fc;
}

/** Features of a project table in WGS 84, whatever the table is stored in. */
function readWgs84(project: Project, table: string, columns?: string[]): GeoJSON.FeatureCollection {
  // The table's own SRS, read alone (listing every table counted each one's rows).
  const srsId = tableShape(project.db, table).srsId;
  return reprojected(readFeatures(project.db, table, { columns, chunked: true }), srsId);
}

function tableLayer(project: Project, info: ExportLayerInfo): ExportLayer {
  const { db } = project;
  const geomColumn = db.prepare('SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?').pluck().get(info.name) as string;
  const columns = (db.prepare(`PRAGMA table_info("${info.name.replace(/"/g, '""')}")`).all() as { name: string; type: string; pk: number }[])
    .filter((c) => c.pk !== 1 && c.name !== geomColumn)
    .map((c) => ({ name: c.name, type: sqlColumnType(c.type) }));
  const collection = readWgs84(project, info.name);
  return { ...info, columns, collection, sources: tableSources(info.name), disclosed: false };
}

const num = (v: AreaResult['users'] | AreaResult['ratio']) => (v === SUPPRESSED ? null : v);
const ci = (v: AreaResult['ci95'], end: 'lower' | 'upper') => (v === SUPPRESSED || v === null ? null : v[end]);

const GAP_LAYER_COLUMNS: { name: string; type: ColumnType }[] = [
  ['area_code', 'TEXT'], ['area_name', 'TEXT'], ['dominant_segment', 'TEXT'], ['base', 'INTEGER'], ['need', 'REAL'],
  ['need_index', 'INTEGER'], ['users', 'INTEGER'], ['expected_users', 'REAL'], ['uptake_ratio', 'REAL'],
  ['ci95_lower', 'REAL'], ['ci95_upper', 'REAL'], ['ci998_lower', 'REAL'], ['ci998_upper', 'REAL'], ['significance', 'TEXT'],
  ['unmet_need', 'REAL'], ['unmet_rank', 'INTEGER'], ['nearest_site', 'TEXT'], ['access_minutes', 'REAL'], ['access_km', 'REAL'],
  ['hours_outside_office', 'REAL'], ['gap_type', 'TEXT'], ['rule', 'TEXT'], ['gap_state', 'TEXT'], ['suppressed', 'INTEGER'],
].map(([name, type]) => ({ name, type: type as ColumnType }));

export function gapLayerProperties(r: AreaResult): Record<string, string | number | null> {
  return {
    area_code: r.code, area_name: r.name, dominant_segment: r.dominantSegment, base: num(r.base), need: r.need,
    need_index: r.needIndex, users: num(r.users), expected_users: r.expectedUsers, uptake_ratio: num(r.ratio),
    ci95_lower: ci(r.ci95, 'lower'), ci95_upper: ci(r.ci95, 'upper'), ci998_lower: ci(r.ci998, 'lower'), ci998_upper: ci(r.ci998, 'upper'),
    significance: r.significance, unmet_need: num(r.unmet), unmet_rank: r.unmetRank, nearest_site: r.nearestSite,
    access_minutes: r.accessMinutes, access_km: r.accessKm, hours_outside_office: r.hoursOutsideOffice,
    gap_type: gapTypeText(r), rule: r.rules.join(' | ') || null, gap_state: r.gapState, suppressed: r.users === SUPPRESSED ? 1 : 0,
  };
}

/** Area polygons of a level with `properties` from `byCode`; areas without a row are left out. */
function areasWith(project: Project, table: string, byCode: Map<string, Record<string, unknown>>): GeoJSON.FeatureCollection {
  const areas = readWgs84(project, table, ['code']);
  const features = areas.features.flatMap((f) => {
    const props = byCode.get(String(f.properties?.code));
    return props ? [{ ...f, properties: props }] : [];
  });
  return { type: 'FeatureCollection', features };
}

function levelTable(project: Project, level: string): string {
  const geo = geographies(project.db).find((g) => g.level === level);
  if (!geo) throw new InputError(`the project has no geography level "${level}"`);
  return geo.table_name;
}

function gapsLayer(project: Project, info: ExportLayerInfo, p: ExportParams, rule: DisclosureRule): ExportLayer {
  const geos = geographies(project.db);
  // "gaps" is at the level asked for (the map's), "gaps_<level>" at its own.
  const level = info.name === 'gaps' ? (p.level ?? finestLevel(project.db)) : geos.find((g) => `gaps_${levelSlug(g.table_name)}` === info.name)!.level;
  // The rows the map and the dock show, what-if sites counted when the export asks for them.
  const { analysis, rows, proposedSites } = scenarioAreaRows(project, {
    service: p.service, indicator: p.indicator, mode: p.mode, level, base: p.base, period: p.period, settings: p.gapSettings, rule, includeProposed: Boolean(p.includeProposed),
  });
  const byCode = new Map(chosenSegmentRows(project, analysis, rows, p).map((r) => [r.code, gapLayerProperties(r)]));
  const collection = areasWith(project, levelTable(project, level), byCode);
  const whatIf = whatIfSentence(proposedSites);
  return {
    ...info, ...(whatIf ? { title: `${info.title}, what-if` } : {}), columns: GAP_LAYER_COLUMNS, collection, sources: ANALYSIS_SOURCES, disclosed: true,
    notes: { ...(whatIf ? { what_if: whatIf } : {}), gap_settings: describeGapSettings(analysis.settings) },
  };
}

function strataLayer(project: Project, info: ExportLayerInfo, p: ExportParams, rule: DisclosureRule): ExportLayer {
  const table = strataExport(project, p, rule);
  const byCode = new Map(table.rows.map((r) => [String(r.area_code), r as Record<string, unknown>]));
  const collection = areasWith(project, levelTable(project, p.level ?? finestLevel(project.db)), byCode);
  const columns = table.columns.map((c) => ({ name: c.key, type: 'TEXT' as ColumnType }));
  return { ...info, columns, collection, sources: ANALYSIS_SOURCES, disclosed: true };
}

/**
 * Parameters are resolved only for the layers that need them: roads export from a
 * project with no service yet, and the isochrones from one without users or need.
 */
export function buildExportLayer(project: Project, name: string, asked: ExportParamsRequest, rule: DisclosureRule): ExportLayer {
  const layers = listExportLayers(project);
  const info = layers.find((l) => l.name === name);
  if (!info) throw new InputError(`no layer "${name}" to export (choose from ${layers.map((l) => l.name).join(', ')})`);
  if (info.kind === 'table') return tableLayer(project, info);
  if (info.name === ISOCHRONE_LAYER.name) return isochroneLayer(project, resolveTravelParams(project.db, asked));
  if (info.name === TRANSIT_ISOCHRONE_LAYER.name) return transitIsochroneLayer(project, resolveTravelParams(project.db, asked));
  if (info.name.startsWith(INDICATOR_LAYER_PREFIX)) {
    // Needs no service or indicator: the map's level (validated), else the finest.
    const table = levelTable(project, asked.level ?? finestLevel(project.db));
    const level = geographies(project.db).find((g) => g.table_name === table)!.level;
    return indicatorLayer(project.db, info, level, readWgs84(project, table, ['code', 'name']));
  }
  if (info.name === PROPOSED_LAYER) return { ...info, ...proposedSitesLayer(project, resolveTravelParams(project.db, asked).service) };
  const params = resolveExportParams(project.db, asked);
  if (info.name === 'strata') return strataLayer(project, info, params, rule);
  return gapsLayer(project, info, params, rule);
}
