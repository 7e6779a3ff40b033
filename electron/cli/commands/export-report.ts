// cgm export report: the profiling workbook as HTML or PDF (A4, contents, page numbers).
import type { Command } from '../command';
import { requireOption } from '../command';
import { exportReport } from '../../exports/export-service';
import { PARAM_OPTIONS, paramsFrom, requireExtension, runExport } from './export-common';

export const exportReportCommand: Command = {
  name: 'export report',
  summary: 'the workbook report as PDF or HTML, tables disclosed, with sources',
  options: {
    project: { description: 'project file', required: true },
    out: { description: 'output file (.pdf or .html)', required: true },
    ...PARAM_OPTIONS,
  },
  async run(options, io) {
    const ext = requireExtension(requireOption(options, 'out'), ['.pdf', '.html', '.htm']);
    await runExport(options, io, (project) => exportReport(project, ext === '.pdf' ? 'pdf' : 'html', paramsFrom(options)));
  },
};
