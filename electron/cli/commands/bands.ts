// cgm bands: % of each segment's population within 5/10/15/20/25 minutes of the nearest site.
import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { outputFormat, printJson, printRows } from '../output';
import { DEFAULT_BAND_LIMITS } from '../../../shared/travel/bands';
import { loadProfile } from '../../routing/network';
import { projectBands } from '../../routing/project-bands';
import { openProject } from '../../store/project';
import { minutesOption, modeOption } from './travel-options';
import { baseOption, baseOptionSpec } from './base-option';

export const bandsCommand: Command = {
  name: 'bands',
  summary: 'travel-time band table: cumulative % of each segment within each band of the nearest site',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    service: { description: 'service name in service_sites', required: true },
    mode: { description: 'walk or drive', required: true },
    minutes: { description: 'band limits (default 5,10,15,20,25)' },
    indicator: { description: 'need indicator: ranks segments by risk (prevalence; equal rates share a rank) and gives their need (base × prevalence); without one, segments rank by base and there is no need column' },
    scheme: { description: 'segmentation scheme (default: the indicator’s, or the only one)' },
    'segment-level': { description: 'roll segments up to this level (e.g. supergroup)' },
    base: baseOptionSpec,
    'include-proposed': { description: 'count what-if (proposed) sites as open, as the app’s what-if view does', flag: true },
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
      const service = requireOption(options, 'service');
      const includeProposed = Boolean(options['include-proposed']);
      const { table, scheme, baseKind, level, unreachableAreas, proposedSites } = projectBands(project, {
        service, profile, indicator, scheme: stringOption(options, 'scheme'), segmentLevel: stringOption(options, 'segment-level'), base: baseOption(options),
        limits, includeProposed,
      });
      // Without an indicator there is no need to show: the column is left out, not printed empty (segments rank by base).
      const accessOnly = indicator === undefined;
      if (format === 'json') {
        const rows = accessOnly ? table.rows.map(({ need: _n, prevalence: _p, ...r }) => r) : table.rows;
        printJson(io, { service, mode, scheme, base: baseKind, indicator: indicator ?? null, level, includeProposed, proposedSites,
          labels: table.labels, rows, unreachableAreas });
        return;
      }
      if (proposedSites > 0) io.stderr(`note: ${proposedSites} proposed site(s) counted as open\n`);
      const columns = ['rank', 'segment', 'base', ...(accessOnly ? [] : ['need']), ...table.labels, 'unreachable'];
      const rows = table.rows.map((r) => ({
        rank: r.rank ?? '', segment: r.segmentCode ?? 'All population', base: r.base, ...(accessOnly ? {} : { need: r.need === null ? '' : r.need.toFixed(1) }),
        ...Object.fromEntries(table.labels.map((l, i) => [l, r.cumulativePct[i] === null ? '' : r.cumulativePct[i]!.toFixed(1)])),
        unreachable: r.unreachablePct === null ? '' : r.unreachablePct.toFixed(1),
      }));
      printRows(io, 'csv', rows, columns);
    } finally {
      project.close();
    }
  },
};
