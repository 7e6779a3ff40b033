import type { Command } from '../command';
import { importSiteHours } from '../../importers/site-hours';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importSiteHoursCommand: Command = {
  name: 'import site-hours',
  summary: 'Import opening hours (OSM opening_hours syntax) for sites already imported, keyed by site code',
  options: {
    ...projectAndFile,
    service: { description: 'service whose sites the codes belong to', required: true },
    'code-field': { description: 'column with the site code (default: code, ods_code, osm_id…)' },
    'hours-field': { description: 'column with the opening hours (default: opening_hours)' },
  },
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importSiteHours(project, file, {
        service: requireOption(options, 'service'), codeField: stringOption(options, 'code-field'), hoursField: stringOption(options, 'hours-field'),
      }, ctx),
    ),
};
