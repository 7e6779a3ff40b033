// cgm indicators: the area indicators a project holds, or one at any level with
// the method that took it there (the same values the map layer draws).
import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { listAreaIndicators } from '../../store/area-indicators';
import { methodNote, readIndicatorAtLevel } from '../../analysis/area-indicator-levels';
import { withProject } from '../with-project';

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: 'list area indicators, or one indicator per area at a level (apportioned down or aggregated up, method stated)',
  options: {
    project: { description: 'project file', required: true },
    indicator: { description: 'indicator name; without it, the list' },
    level: { description: 'geography level (default the finest)' },
    format: { description: 'csv | json (default csv)' },
  },
  example: 'cgm indicators --project p.gpkg --indicator households_without_car_pct --level LSOA',
  async run(options, io) {
    return await withProject(requireOption(options, 'project'), async (project) => {
      const name = stringOption(options, 'indicator');
      const format = outputFormat(options, 'csv');
      if (!name) {
        const list = listAreaIndicators(project.db);
        if (format === 'json') printJson(io, list);
        else printCsv(io, list, ['name', 'level', 'kind', 'note']);
        return;
      }
      const r = readIndicatorAtLevel(project.db, name, stringOption(options, 'level'));
      const rows = [...r.values].map(([area_code, value]) => ({ area_code, value }));
      if (format === 'json') {
        printJson(io, { indicator: r.indicator, level: r.level, direction: r.direction, method: r.method, weightedBy: r.weightedBy, missing: r.missing, rows });
        return;
      }
      io.stderr(`note: ${methodNote(r)}\n`);
      if (r.missing.length) io.stderr(`note: ${r.missing.length} ${r.level} area(s) have no value\n`);
      printCsv(io, rows, ['area_code', 'value']);
    });
  },
};
