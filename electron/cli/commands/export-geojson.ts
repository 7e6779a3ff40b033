// cgm export geojson: one layer (a project table or an analysis layer) as RFC 7946 GeoJSON.
import type { Command } from '../command';
import { requireOption } from '../command';
import { exportLayerGeoJson } from '../../exports/export-service';
import { PARAM_OPTIONS, paramsFrom, requireExtension, runExport } from './export-common';

export const exportGeojsonCommand: Command = {
  name: 'export geojson',
  summary: 'a layer as GeoJSON (WGS 84, RFC 7946), counts disclosed: area_oa, roads, gaps, gaps_lsoa, strata, isochrones, indicator:NAME...',
  options: {
    project: { description: 'project file', required: true },
    layer: { description: 'layer name: a project table or gaps, gaps_<level>, strata, isochrones (needs only --service and --mode), indicator:NAME (an area indicator at --level, default the finest; needs nothing else)', required: true },
    out: { description: 'output file (.geojson or .json)', required: true },
    ...PARAM_OPTIONS,
  },
  async run(options, io) {
    requireExtension(requireOption(options, 'out'), ['.geojson', '.json']);
    await runExport(options, io, (project) => exportLayerGeoJson(project, requireOption(options, 'layer'), paramsFrom(options)));
  },
};
