import type { Command } from '../command';
import { importSegmentProfile } from '../../importers/segment-profile';
import { projectAndFile, runImport, stringOption } from './import-common';

export const importSegmentProfileCommand: Command = {
  name: 'import segment-profile',
  summary: 'Import per-segment working-age and employed shares, car access, preferred channels and key facts',
  options: {
    ...projectAndFile,
    scheme: { description: 'scheme of the segment codes (default: the only scheme)' },
    'segment-field': { description: 'column with the segment code (default: segment, supergroup…)' },
    'working-age-field': { description: 'column with the share aged 16–64 (0.62 or 62%)' },
    'employed-field': { description: 'column with the share in employment' },
    'car-access-field': { description: 'column with the share of households with a car' },
    'channels-field': { description: 'column with preferred contact channels, ";"-separated, most effective first' },
    'key-facts-field': { description: 'column with key facts about the segment' },
  },
  run: (options, io) => {
    const s = (k: string) => stringOption(options, k);
    return runImport(options, io, (project, file, ctx) =>
      importSegmentProfile(project, file, {
        scheme: s('scheme'), segmentField: s('segment-field'), workingAgeField: s('working-age-field'), employedField: s('employed-field'),
        carAccessField: s('car-access-field'), channelsField: s('channels-field'), keyFactsField: s('key-facts-field'),
      }, ctx),
    );
  },
};
