import type { Command } from '../command';
import { CliError } from '../command';
import { importRates } from '../../importers/rates';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

export const importRatesCommand: Command = {
  name: 'import rates',
  summary: 'Import risk rates per segment (prevalence, or index with a reference prevalence)',
  options: {
    ...projectAndFile,
    indicator: { description: 'indicator name, e.g. Smoking', required: true },
    scheme: { description: 'scheme of the segment codes (default: the only scheme)' },
    'segment-field': { description: 'column with the segment code', required: true },
    'rate-field': { description: 'column with the prevalence (0.12 or 12%)' },
    'index-field': { description: 'column with the index (100 = reference)' },
    'reference-rate': { description: 'prevalence an index of 100 stands for, e.g. 0.14 or 14%' },
    'rate-unit': { description: 'auto (default), proportion, percent or per1000' },
    note: { description: 'note shown with the indicator, e.g. its source' },
  },
  run: (options, io) => {
    const s = (k: string) => stringOption(options, k);
    if (!s('rate-field') === !s('index-field')) throw new CliError('give --rate-field, or --index-field with --reference-rate');
    if (s('index-field') && !s('reference-rate')) throw new CliError('--index-field needs --reference-rate');
    const unit = s('rate-unit') ?? 'auto';
    if (!['auto', 'proportion', 'percent', 'per1000'].includes(unit)) throw new CliError(`--rate-unit must be auto, proportion, percent or per1000`);
    return runImport(options, io, (project, file, ctx) =>
      importRates(project, file, {
        indicator: requireOption(options, 'indicator'), scheme: s('scheme'), segmentField: requireOption(options, 'segment-field'),
        rateField: s('rate-field'), indexField: s('index-field'), referenceRate: s('reference-rate'),
        rateUnit: unit as 'auto', note: s('note'),
      }, ctx),
    );
  },
};
