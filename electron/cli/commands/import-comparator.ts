import type { Command } from '../command';
import { importComparator } from '../../importers/comparator';
import { projectAndFile, requireOption, runImport } from './import-common';

export const importComparatorCommand: Command = {
  name: 'import comparator',
  summary: 'Import a comparator base: counts per segment for England, a region or a neighbour (profile --comparator)',
  options: {
    ...projectAndFile,
    scheme: { description: 'scheme of the segment codes', required: true },
    'segment-field': { description: 'column with the segment code', required: true },
    'count-field': { description: 'column with the count', required: true },
    name: { description: 'name of the comparator, e.g. England', required: true },
  },
  example: 'cgm import comparator --project p.gpkg --file england_oac.csv --scheme "OAC 2021" --segment-field code --count-field persons --name England',
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importComparator(project, file, {
        name: requireOption(options, 'name'), scheme: requireOption(options, 'scheme'),
        segmentField: requireOption(options, 'segment-field'), countField: requireOption(options, 'count-field'),
      }, ctx),
    ),
};
