// cgm export csv: a table for Excel (UTF-8 with BOM, CRLF, formula-safe), counts disclosed.
import type { Command } from '../command';
import { requireOption } from '../command';
import { exportTableCsv } from '../../exports/export-service';
import { TABLE_NAMES } from '../../exports/export-tables';
import { PARAM_OPTIONS, paramsFrom, requireExtension, runExport } from './export-common';

export const exportCsvCommand: Command = {
  name: 'export csv',
  summary: `a table as CSV for Excel, counts disclosed: ${TABLE_NAMES.join(' | ')}`,
  options: {
    project: { description: 'project file', required: true },
    table: { description: `${TABLE_NAMES.join(' | ')} (gaps and strata end in a gap_thresholds column: the thresholds they were judged by)`, required: true },
    out: { description: 'output file (.csv)', required: true },
    ...PARAM_OPTIONS,
  },
  async run(options, io) {
    requireExtension(requireOption(options, 'out'), ['.csv']);
    await runExport(options, io, (project) => exportTableCsv(project, requireOption(options, 'table'), paramsFrom(options)));
  },
};
