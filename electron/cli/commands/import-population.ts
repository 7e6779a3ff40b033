import type { Command } from '../command';
import { CliError } from '../command';
import { importPopulation } from '../../importers/population';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importPopulationCommand: Command = {
  name: 'import population',
  summary: 'Import the population base per area (persons or households)',
  options: {
    ...projectAndFile,
    'area-field': { description: 'column with the area code', required: true },
    'count-field': { description: 'column with the count', required: true },
    base: { description: 'persons (default) or households' },
    'communal-field': { description: 'column with residents of communal establishments (e.g. in_communal_establishments), for --exclude-communal' },
  },
  run: (options, io) => {
    const base = stringOption(options, 'base') ?? 'persons';
    if (base !== 'persons' && base !== 'households') throw new CliError(`--base must be persons or households, not "${base}"`);
    return runImport(options, io, (project, file, ctx) =>
      importPopulation(project, file, { areaField: requireOption(options, 'area-field'), countField: requireOption(options, 'count-field'), base, communalField: stringOption(options, 'communal-field') }, ctx),
    );
  },
};
