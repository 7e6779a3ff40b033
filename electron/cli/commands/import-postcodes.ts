import type { Command } from '../command';
import { CliError } from '../command';
import { importPostcodes } from '../../importers/postcodes';
import { projectAndFile, runImport, stringOption } from './import-common';

export const importPostcodesCommand: Command = {
  name: 'import postcodes',
  summary: 'Import a postcode directory (ONSPD/NSPL, Code-Point Open, any CSV), study area only',
  example: 'cgm import postcodes --project area.gpkg --file ONSPD_FEB_2024_UK.csv',
  options: {
    ...projectAndFile,
    'postcode-field': { description: 'column with the postcode (default: recognised pcds/pcd/postcode)' },
    'lat-field': { description: 'latitude column' },
    'lon-field': { description: 'longitude column' },
    'easting-field': { description: 'easting column (British National Grid)' },
    'northing-field': { description: 'northing column (British National Grid)' },
    'area-field': { description: 'area code column (default: the ONSPD-style column that matches the boundaries best)' },
    'terminated-field': { description: 'termination date column (default: doterm when present)' },
    crs: { description: 'CRS of easting/northing (default EPSG:27700)' },
  },
  run: (options, io) => {
    const s = (k: string) => stringOption(options, k);
    if ((s('lat-field') || s('lon-field')) && (s('easting-field') || s('northing-field'))) {
      throw new CliError('give --lat-field/--lon-field or --easting-field/--northing-field, not both');
    }
    return runImport(options, io, (project, file, ctx) =>
      importPostcodes(project, file, {
        postcodeField: s('postcode-field'), latField: s('lat-field'), lonField: s('lon-field'),
        eastingField: s('easting-field'), northingField: s('northing-field'), areaField: s('area-field'),
        terminatedField: s('terminated-field'), crs: s('crs'),
      }, ctx),
    );
  },
};
