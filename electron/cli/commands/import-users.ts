import type { Command } from '../command';
import { CliError } from '../command';
import { importUsers } from '../../importers/users';
import type { PeriodKind } from '../../importers/user-periods';
import { projectAndFile, requireOption, runImport, stringOption } from './import-common';

const PERIODS = ['month', 'quarter', 'year', 'financial-year'];

export const importUsersCommand: Command = {
  name: 'import users',
  summary: 'Import service users as aggregated counts per area and segment (no personal data kept)',
  options: {
    ...projectAndFile,
    service: { description: 'service name', required: true },
    'postcode-field': { description: 'column with the postcode', required: true },
    'date-field': { description: 'column with the date of contact, grouped by --period' },
    period: { description: 'month (default), quarter, year or financial-year' },
    scheme: { description: 'attribute users to this scheme only (default: every scheme with assignments or a postcode lookup)' },
    'segment-field': { description: "column with each user's segment, already coded in --scheme (Mosaic, Acorn); wins over the postcode lookup and the area" },
  },
  run: (options, io) => {
    const period = stringOption(options, 'period') ?? 'month';
    if (!PERIODS.includes(period)) throw new CliError(`--period must be one of ${PERIODS.join(', ')}`);
    const scheme = stringOption(options, 'scheme');
    return runImport(options, io, (project, file, ctx) =>
      importUsers(project, file, {
        service: requireOption(options, 'service'), postcodeField: requireOption(options, 'postcode-field'),
        dateField: stringOption(options, 'date-field'), period: period as PeriodKind, schemes: scheme ? [scheme] : undefined,
        segmentField: stringOption(options, 'segment-field'), segmentScheme: scheme,
      }, ctx),
    );
  },
};
