import type { Command, ParsedOptions } from '../command';
import { CliError } from '../command';
import { importAssignments } from '../../importers/assignments';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';
import { baseOption } from './base-option';

/** "supergroup,group,subgroup" -> the columns; name lists keep empty entries ("supgrpname,,subgrpname"). */
const columnList = (options: ParsedOptions, key: string, keepEmpty = false) =>
  stringOption(options, key)?.split(',').map((c) => c.trim()).filter((c) => keepEmpty || c);

export const importAssignmentsCommand: Command = {
  name: 'import assignments',
  summary: 'Import area-to-segment assignments (one per area, counts per area x segment, or every level of a scheme at once)',
  options: {
    ...projectAndFile,
    scheme: { description: 'scheme name ("OAC 2011" or "OAC 2021" names codes without names as ONS published them)', required: true },
    'area-field': { description: 'column with the area code (required unless --postcode-field)' },
    'postcode-field': { description: 'column with the postcode: the file is a postcode -> segment lookup (Mosaic, Acorn), finer than areas' },
    'segment-field': { description: 'column with the segment code (e.g. supergroup or group); required unless --levels' },
    levels: { description: 'every level\'s code column, coarsest first (e.g. supergroup,group,subgroup): defines the scheme\'s segments and parents and assigns areas at the finest level' },
    'name-fields': { description: 'with --levels: each level\'s name column in the same order, empty where none (e.g. supgrpname,grpname,subgrpname)' },
    'count-field': { description: 'column with households/persons per area x segment (Mosaic, Acorn, a Census table in long format)' },
    base: { description: 'what the counts count: households (default with --count-field) or persons; without counts, the base analyses default to' },
  },
  run: (options, io) => {
    const levelFields = columnList(options, 'levels');
    if (!levelFields?.length && !stringOption(options, 'segment-field')) throw new CliError('import assignments: --segment-field is required (or --levels with every level\'s column)');
    if (stringOption(options, 'name-fields') && !levelFields?.length) throw new CliError('import assignments: --name-fields goes with --levels');
    return runImport(options, io, (project, file, ctx) =>
      importAssignments(project, file, {
        scheme: requireOption(options, 'scheme'),
        areaField: stringOption(options, 'postcode-field') ? undefined : requireOption(options, 'area-field'),
        postcodeField: stringOption(options, 'postcode-field'),
        base: baseOption(options),
        segmentField: stringOption(options, 'segment-field'),
        levelFields,
        nameFields: columnList(options, 'name-fields', true),
        countField: stringOption(options, 'count-field'),
      }, ctx),
    );
  },
};
