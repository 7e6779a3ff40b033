// cgm bands: % of each segment's population within 5/10/15/20/25 minutes of the nearest site.
import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { outputFormat, printJson, printRows } from '../output';
import { bandTable, DEFAULT_BAND_LIMITS } from '../../../shared/travel/bands';
import { loadProfile } from '../../routing/network';
import { indicatorRates, pickScheme, segmentBases } from '../../routing/project-population';
import { serviceAccess } from '../../routing/service-access';
import { openProject } from '../../store/project';
import { minutesOption, modeOption } from './travel-options';

export const bandsCommand: Command = {
  name: 'bands',
  summary: 'travel-time band table: cumulative % of each segment within each band of the nearest site',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    service: { description: 'service name in service_sites', required: true },
    mode: { description: 'walk or drive', required: true },
    minutes: { description: 'band limits (default 5,10,15,20,25)' },
    indicator: { description: 'need indicator: ranks segments by need (base × prevalence)' },
    scheme: { description: 'segmentation scheme (default: the indicator’s, or the only one)' },
    'segment-level': { description: 'roll segments up to this level (e.g. supergroup)' },
    profile: { description: 'travel profile JSON (default: built-in)' },
    format: { description: 'csv or json (default json)' },
  },
  async run(options, io) {
    const mode = modeOption(options);
    const format = outputFormat(options);
    const limits = minutesOption(options, 'minutes', DEFAULT_BAND_LIMITS);
    const profile = await loadProfile(mode, stringOption(options, 'profile'));
    const project = openProject(requireOption(options, 'project'));
    try {
      const indicator = stringOption(options, 'indicator');
      const ind = indicator ? indicatorRates(project.db, indicator) : null;
      const scheme = ind?.scheme ?? pickScheme(project.db, stringOption(options, 'scheme'));
      const seg = segmentBases(project.db, scheme, stringOption(options, 'segment-level'));
      const access = serviceAccess(project, { service: requireOption(options, 'service'), profile, level: seg.level ?? undefined });
      const table = bandTable({
        areaTimes: access.areas.map((a) => ({ areaCode: a.code, minutes: a.seconds === null ? null : a.seconds / 60 })),
        bases: seg.bases, rates: ind?.rates, population: seg.population, limits,
      });
      const unreachable = access.areas.filter((a) => a.seconds === null).map((a) => a.code);
      if (format === 'json') {
        printJson(io, { service: requireOption(options, 'service'), mode, scheme, indicator: indicator ?? null, level: access.level,
          labels: table.labels, rows: table.rows, unreachableAreas: unreachable });
        return;
      }
      const columns = ['rank', 'segment', 'base', 'need', ...table.labels, 'unreachable'];
      const rows = table.rows.map((r) => ({
        rank: r.rank ?? '', segment: r.segmentCode ?? 'All population', base: r.base, need: r.need === null ? '' : r.need.toFixed(1),
        ...Object.fromEntries(table.labels.map((l, i) => [l, r.cumulativePct[i] === null ? '' : r.cumulativePct[i]!.toFixed(1)])),
        unreachable: r.unreachablePct === null ? '' : r.unreachablePct.toFixed(1),
      }));
      printRows(io, 'csv', rows, columns);
    } finally {
      project.close();
    }
  },
};
