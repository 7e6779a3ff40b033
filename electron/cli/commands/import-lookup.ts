import type { Command } from '../command';
import { importLookup } from '../../importers/lookup';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importLookupCommand: Command = {
  name: 'import lookup',
  summary: 'Import a lookup (e.g. ONS OA to LSOA, MSOA or ward) as a new geography level, its boundaries dissolved from the smaller areas',
  options: {
    ...projectAndFile,
    'parent-level': { description: 'name of the new level: LSOA, MSOA, ward or a custom name', required: true },
    'child-level': { description: 'level whose codes the file lists (default: the finest, e.g. OA)' },
    'child-field': { description: 'column with the child codes (default: named after the level, e.g. OA21CD, oa11cd)' },
    'parent-field': { description: 'column with the new level\'s codes (default: named after it, e.g. LSOA21CD, WD22CD)' },
    'name-field': { description: 'column with the new level\'s names (default: e.g. WD22NM when present)' },
  },
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importLookup(project, file, {
        parentLevel: requireOption(options, 'parent-level'),
        childLevel: stringOption(options, 'child-level'),
        childField: stringOption(options, 'child-field'),
        parentField: stringOption(options, 'parent-field'),
        nameField: stringOption(options, 'name-field'),
      }, ctx),
    ),
};
