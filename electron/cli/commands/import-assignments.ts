import type { Command } from '../command';
import { importAssignments } from '../../importers/assignments';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importAssignmentsCommand: Command = {
  name: 'import assignments',
  summary: 'Import area-to-segment assignments (one per area, or counts per area x segment)',
  options: {
    ...projectAndFile,
    scheme: { description: 'scheme name', required: true },
    'area-field': { description: 'column with the area code', required: true },
    'segment-field': { description: 'column with the segment code (e.g. supergroup or group)', required: true },
    'count-field': { description: 'column with households/persons per area x segment (Mosaic, Acorn)' },
  },
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importAssignments(project, file, {
        scheme: requireOption(options, 'scheme'),
        areaField: requireOption(options, 'area-field'),
        segmentField: requireOption(options, 'segment-field'),
        countField: stringOption(options, 'count-field'),
      }, ctx),
    ),
};
