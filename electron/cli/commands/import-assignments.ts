import type { Command } from '../command';
import { importAssignments } from '../../importers/assignments';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';
import { baseOption } from './base-option';

export const importAssignmentsCommand: Command = {
  name: 'import assignments',
  summary: 'Import area-to-segment assignments (one per area, or counts per area x segment)',
  options: {
    ...projectAndFile,
    scheme: { description: 'scheme name', required: true },
    'area-field': { description: 'column with the area code (required unless --postcode-field)' },
    'postcode-field': { description: 'column with the postcode: the file is a postcode -> segment lookup (Mosaic, Acorn), finer than areas' },
    'segment-field': { description: 'column with the segment code (e.g. supergroup or group)', required: true },
    'count-field': { description: 'column with households/persons per area x segment (Mosaic, Acorn, a Census table in long format)' },
    base: { description: 'what the counts count: households (default with --count-field) or persons; without counts, the base analyses default to' },
  },
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importAssignments(project, file, {
        scheme: requireOption(options, 'scheme'),
        areaField: stringOption(options, 'postcode-field') ? undefined : requireOption(options, 'area-field'),
        postcodeField: stringOption(options, 'postcode-field'),
        base: baseOption(options),
        segmentField: requireOption(options, 'segment-field'),
        countField: stringOption(options, 'count-field'),
      }, ctx),
    ),
};
