import type { Command } from '../command';
import { CliError } from '../command';
import { importIndicators } from '../../importers/area-indicators';
import { INDICATOR_KINDS, type IndicatorKind } from '../../../shared/analysis/area-indicators';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

/** "Income Score (rate)=rate,X=count" → { field: kind }. */
function parseKinds(text: string | undefined): Record<string, IndicatorKind> | undefined {
  if (!text) return undefined;
  const out: Record<string, IndicatorKind> = {};
  for (const pair of text.split(/,(?=[^,=]*=)/)) {
    const at = pair.lastIndexOf('=');
    const kind = pair.slice(at + 1).trim() as IndicatorKind;
    if (at < 1 || !INDICATOR_KINDS.includes(kind)) throw new CliError(`--kinds takes FIELD=KIND pairs, KIND one of ${INDICATOR_KINDS.join(', ')} (got "${pair}")`);
    out[pair.slice(0, at).trim()] = kind;
  }
  return out;
}

export const importIndicatorsCommand: Command = {
  name: 'import indicators',
  summary: 'Import area indicators keyed by area code at one level (IMD File 7 by LSOA, Census tables such as TS045 by OA)',
  options: {
    ...projectAndFile,
    'area-field': { description: 'column with the area code, e.g. "LSOA code (2011)"', required: true },
    level: { description: 'geography level of those codes, e.g. LSOA', required: true },
    fields: { description: 'indicator columns, comma-separated (default: every column of numbers)' },
    kinds: { description: 'FIELD=KIND where the name does not say: score, rate, count, rank or decile' },
  },
  example: 'cgm import indicators --project p.gpkg --file car_availability_census2021_ts045_by_oa.csv --area-field oa_code --level OA',
  run: (options, io) =>
    runImport(options, io, (project, file, ctx) =>
      importIndicators(project, file, {
        areaField: requireOption(options, 'area-field'), level: requireOption(options, 'level'),
        fields: stringOption(options, 'fields'), kinds: parseKinds(stringOption(options, 'kinds')),
      }, ctx),
    ),
};
