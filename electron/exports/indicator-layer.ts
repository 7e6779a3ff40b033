// An area indicator as an export layer (indicator:<name>, e.g.
// indicator:households_without_car_pct): the areas of a level with the
// indicator's value there, the same values the map layer draws and `cgm
// indicators` prints, and the method that took them to that level as a note.
// No service-user counts, so no disclosure rule applies.
import type * as GeoJSON from 'geojson';
import type Database from 'better-sqlite3';
import { indicatorLayerValues } from '../analysis/area-indicator-levels';
import { listAreaIndicators } from '../store/area-indicators';
import type { ColumnType } from '../store/gpkg';
import type { ExportLayer, ExportLayerInfo } from './export-layers';

export const INDICATOR_LAYER_PREFIX = 'indicator:';

const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: 'area_code', type: 'TEXT' }, { name: 'area_name', type: 'TEXT' }, { name: 'value', type: 'REAL' },
];

export function indicatorExportLayers(db: Database.Database): ExportLayerInfo[] {
  return listAreaIndicators(db).map((i) => ({ name: `${INDICATOR_LAYER_PREFIX}${i.name}`, title: `${i.name} (area indicator)`, kind: 'analysis', geometryType: 'MULTIPOLYGON' }));
}

/** "indicator_households_without_car_pct": a GeoPackage table name QGIS and GDAL take without quoting. */
export function indicatorTableName(indicator: string): string {
  return `indicator_${indicator.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase()}`.slice(0, 63);
}

/**
 * `areas`: the level's polygons in WGS 84 with their code and name. Areas the
 * method gives no value keep their polygon with a NULL value, so the layer
 * covers the map as the app's does (drawn as "no value").
 */
export function indicatorLayer(db: Database.Database, info: ExportLayerInfo, level: string, areas: GeoJSON.FeatureCollection): ExportLayer {
  const name = info.name.slice(INDICATOR_LAYER_PREFIX.length);
  const r = indicatorLayerValues(db, name, level);
  const values = new Map(r.values.map((v) => [v.code, v.value]));
  const features = areas.features.map((f) => {
    const code = String(f.properties?.code);
    return { ...f, properties: { area_code: code, area_name: f.properties?.name ?? null, value: values.get(code) ?? null } };
  });
  return {
    ...info, name: indicatorTableName(name), columns: COLUMNS, collection: { type: 'FeatureCollection', features },
    sources: ['boundaries', 'indicators', 'population'], disclosed: false,
    notes: {
      indicator: `${r.indicator.name} (${r.indicator.kind}), imported at ${r.indicator.level}${r.indicator.note ? ` from ${r.indicator.note}` : ''}`,
      method: r.method,
      ...(r.problem ? { no_values: r.problem } : {}),
    },
  };
}
