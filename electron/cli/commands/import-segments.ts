import type { Command } from '../command';
import { importSegments } from '../../importers/segments';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importSegmentsCommand: Command = {
  name: 'import segments',
  summary: 'Import segment definitions of a scheme (code,name[,parent_code,level,colour,description])',
  options: {
    ...projectAndFile,
    scheme: { description: 'scheme name, e.g. "OAC 2021"', required: true },
    'code-field': { description: 'column with the segment code (default: code)' },
    'name-field': { description: 'column with the segment name (default: name)' },
    'parent-field': { description: 'column with the parent segment code' },
    level: { description: 'level name when the file has no level column' },
  },
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importSegments(project, file, {
        scheme: requireOption(options, 'scheme'),
        codeField: stringOption(options, 'code-field'),
        nameField: stringOption(options, 'name-field'),
        parentField: stringOption(options, 'parent-field'),
        level: stringOption(options, 'level'),
      }, ctx),
    ),
};
