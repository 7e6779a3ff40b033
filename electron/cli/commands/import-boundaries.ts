import type { Command } from '../command';
import { CliError } from '../command';
import { importBoundaries } from '../../importers/boundaries';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importBoundariesCommand: Command = {
  name: 'import boundaries',
  summary: 'Import area boundaries (GeoJSON, Shapefile, GeoPackage) as one geography level',
  example: 'cgm import boundaries --project area.gpkg --file OA_2021_EW_BFC.shp --level OA --code-field OA21CD',
  options: {
    ...projectAndFile,
    level: { description: 'geography level: OA, LSOA, MSOA, ward, LAD or a custom name', required: true },
    'code-field': { description: 'field holding the area code', required: true },
    'name-field': { description: 'field holding the area name' },
    'parent-field': { description: 'field holding the code of the containing area' },
    'parent-level': { description: 'level of the parent codes (with --parent-field)' },
    crs: { description: 'coordinate system when the file has none or it is wrong, e.g. EPSG:27700' },
    layer: { description: 'GeoPackage layer name' },
    'no-repair': { description: 'refuse self-intersecting polygons instead of repairing them', flag: true },
  },
  run: (options, io) => {
    // A shapefile without .prj is refused by the importer unless --crs states the CRS.
    if (stringOption(options, 'parent-field') && !stringOption(options, 'parent-level')) throw new CliError('--parent-field needs --parent-level');
    return runImport(options, io, (project, f, ctx) =>
      importBoundaries(project, f, {
        level: requireOption(options, 'level'),
        codeField: requireOption(options, 'code-field'),
        nameField: stringOption(options, 'name-field'),
        parentField: stringOption(options, 'parent-field'),
        parentLevel: stringOption(options, 'parent-level'),
        crs: stringOption(options, 'crs'),
        layer: stringOption(options, 'layer'),
        repair: options['no-repair'] !== true,
      }, ctx),
    );
  },
};
