// cgm export gpkg: chosen layers copied into a new GeoPackage for QGIS/ArcGIS, counts disclosed.
import type { Command } from '../command';
import { requireOption } from '../command';
import { exportGeoPackage } from '../../exports/export-service';
import { PARAM_OPTIONS, paramsFrom, requireExtension, runExport } from './export-common';

export const exportGpkgCommand: Command = {
  name: 'export gpkg',
  summary: 'layers into a new GeoPackage (with analysis attributes, counts disclosed)',
  options: {
    project: { description: 'project file', required: true },
    layers: { description: 'comma-separated layer names, e.g. area_lsoa,gaps,service_sites,indicator:households_without_car_pct', required: true },
    out: { description: 'output file (.gpkg)', required: true },
    ...PARAM_OPTIONS,
  },
  async run(options, io) {
    requireExtension(requireOption(options, 'out'), ['.gpkg']);
    const layers = requireOption(options, 'layers').split(',').map((l) => l.trim()).filter(Boolean);
    await runExport(options, io, (project) => exportGeoPackage(project, layers, paramsFrom(options)));
  },
};
