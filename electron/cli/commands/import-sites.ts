import type { Command } from '../command';
import { importSites } from '../../importers/sites';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importSitesCommand: Command = {
  name: 'import sites',
  summary: 'Import service sites (CSV with lat/lon, easting/northing or postcode; or GeoJSON)',
  options: {
    ...projectAndFile,
    service: { description: 'service name', required: true },
    'code-field': { description: 'column with the site code (e.g. ods_code): a site already in the service with that code is updated; a site-hours file is keyed by it' },
    replace: { description: 'replace the service\'s sites with the file\'s (default: add them; what-if sites always stay)', flag: true },
    'name-field': { description: 'column with the site name' },
    'type-field': { description: 'column with the site type' },
    type: { description: 'site type when the file has no type column' },
    'hours-field': { description: 'column with OSM opening_hours' },
    'postcode-field': { description: 'column with the postcode (used when there are no coordinates)' },
    'lat-field': { description: 'latitude column' },
    'lon-field': { description: 'longitude column' },
    'easting-field': { description: 'easting column' },
    'northing-field': { description: 'northing column' },
    'proposed-field': { description: 'column marking proposed sites (1/yes/true)' },
    where: { description: 'keep only rows passing every condition: field=value, or != < <= > >= (numbers), ~ (contains); e.g. status_code=A,prescribing_setting=4 (active GP practices); a value with a comma in "double quotes"' },
    crs: { description: 'CRS of easting/northing or of a GeoJSON without one' },
  },
  run: (options, io) => {
    const s = (k: string) => stringOption(options, k);
    return runImport(options, io, (project, file, ctx) =>
      importSites(project, file, {
        service: requireOption(options, 'service'), codeField: s('code-field'), replace: options.replace === true, nameField: s('name-field'), typeField: s('type-field'), type: s('type'),
        hoursField: s('hours-field'), postcodeField: s('postcode-field'), latField: s('lat-field'), lonField: s('lon-field'),
        eastingField: s('easting-field'), northingField: s('northing-field'), proposedField: s('proposed-field'),
        where: s('where'), crs: s('crs'),
      }, ctx),
    );
  },
};
