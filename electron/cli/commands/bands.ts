// cgm bands: % of each segment's population within 5/10/15/20/25 minutes of the nearest site.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import type { TravelMode } from '../../../shared/domain';
import { projectRealisticBands, type RealisticBands } from '../../routing/project-bands-realistic';
import { outputFormat, printJson, printRows } from '../output';
import { DEFAULT_BAND_LIMITS } from '../../../shared/travel/bands';
import { loadProfile } from '../../routing/network';
import { projectBands } from '../../routing/project-bands';
import { minutesOption, modeOption, transitOption } from './travel-options';
import { TRANSIT_ASSUMPTIONS } from '../../transit/transit-access';
import { baseOption, baseOptionSpec } from './base-option';
import { transitColumnsOption } from './export-common';
import { departWords, transitColumnGroup, transitRowFor, type TransitColumnGroup } from '../../transit/transit-bands';
import { withProject } from '../with-project';

function transitCsvCells(labels: string[], row: TransitColumnGroup['rows'][number] | null, pct: (v: number | null | undefined) => string): Record<string, string> {
  return Object.fromEntries(labels.map((l, i) => [l, pct(i < labels.length - 1 ? row?.cumulativePct[i] : row?.unreachablePct)]));
}

export const bandsCommand: Command = {
  name: 'bands',
  summary: 'travel-time band table: cumulative % of each segment within each band of the nearest site',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    service: { description: 'service name in service_sites', required: true },
    mode: { description: 'walk, drive, realistic (households without a car at their walking time, the rest driving; needs TS045 imported with cgm import indicators) or transit (public transport from the imported GTFS feed, walking to, between and from stops)', required: true },
    depart: { description: 'with --date: departure window HH:MM-HH:MM, each area’s time the median over its departure minutes (default 08:00-09:00); or opening-hours: every minute a site is open that day, counting only journeys that reach a site while it is open (needs every site’s hours)' },
    date: { description: 'the day of the imported timetable, YYYY-MM-DD: required with --mode transit; with --mode realistic, households without a car go by public transport; with --mode walk or drive, adds a public-transport column group (CSV: "Public transport: Within 5 min"…; JSON: transit)' },
    minutes: { description: 'band limits (default 5,10,15,20,25)' },
    indicator: { description: 'need indicator: ranks segments by risk (prevalence; equal rates share a rank) and gives their need (base × prevalence); without one, segments rank by base and there is no need column' },
    scheme: { description: 'segmentation scheme (default: the indicator’s, or the only one)' },
    'segment-level': { description: 'roll segments up to this level (e.g. supergroup)' },
    base: baseOptionSpec,
    'include-proposed': { description: 'count what-if (proposed) sites as open, as the app’s what-if view does', flag: true },
    profile: { description: 'travel profile JSON (default: built-in)' },
    format: { description: 'csv or json (default json)' },
  },
  example: 'cgm bands --project p.gpkg --service GP --mode realistic --format csv',
  async run(options, io) {
    const realistic = options.mode === 'realistic';
    const transit = transitOption(options);
    if ((realistic || transit) && stringOption(options, 'profile')) throw new CliError(`--profile goes with --mode walk or drive; --mode ${String(options.mode)} uses the built-in walk and drive profiles`);
    const mode = realistic ? 'realistic' : transit ? 'transit' : modeOption(options);
    const carlessTransit = realistic ? transit : null;
    const format = outputFormat(options);
    const limits = minutesOption(options, 'minutes', DEFAULT_BAND_LIMITS);
    // Transit walks its legs with the built-in walk profile.
    const profile = realistic ? null : await loadProfile(transit ? 'walk' : (mode as TravelMode), transit ? undefined : stringOption(options, 'profile'));
    return await withProject(requireOption(options, 'project'), async (project) => {
      const indicator = stringOption(options, 'indicator');
      const service = requireOption(options, 'service');
      const includeProposed = Boolean(options['include-proposed']);
      const basis = { service, indicator, scheme: stringOption(options, 'scheme'), segmentLevel: stringOption(options, 'segment-level'), base: baseOption(options), limits, includeProposed };
      const result = profile
        ? projectBands(project, { ...basis, profile, transit: transit ?? undefined })
        : projectRealisticBands(project, { ...basis, walk: await loadProfile('walk'), drive: await loadProfile('drive'), transit: carlessTransit ?? undefined });
      const { table, scheme, baseKind, level, unreachableAreas, proposedSites } = result;
      // Walk or drive with a day: public transport as a column group beside the road columns.
      const columnsChoice = profile && !transit ? transitColumnsOption(options).transit : undefined;
      const group = columnsChoice ? transitColumnGroup(project, basis, columnsChoice) : null;
      const carAccess = 'carAccess' in result ? (result as RealisticBands).carAccess : null;
      // Without an indicator there is no need to show: the column is left out, not printed empty (segments rank by base).
      const accessOnly = indicator === undefined;
      if (format === 'json') {
        const rows = accessOnly ? table.rows.map(({ need: _n, prevalence: _p, ...r }) => r) : table.rows;
        printJson(io, { service, mode, ...(transit ? { date: stringOption(options, 'date'), depart: stringOption(options, 'depart') ?? '08:00-09:00', assumptions: TRANSIT_ASSUMPTIONS } : {}), scheme, base: baseKind, indicator: indicator ?? null, level, includeProposed, proposedSites,
          labels: table.labels, rows, unreachableAreas, ...(carAccess ? { carAccess } : {}), ...(group ? { transit: group } : {}) });
        return;
      }
      if (proposedSites > 0) io.stderr(`note: ${proposedSites} proposed site(s) counted as open\n`);
      if (carAccess) {
        io.stderr(`note: households without a car counted at their walking time, the rest at their driving time (${carAccess.method})\n`);
        if (carAccess.areasWithoutValue.length) io.stderr(`note: ${carAccess.areasWithoutValue.length} area(s) without car availability take the study area's ${carAccess.fallbackPct.toFixed(1)}% (${carAccess.areasWithoutValue.slice(0, 3).join(', ')})\n`);
      }
      const transitLabels = group ? [...group.labels.map((l) => `Public transport: ${l}`), 'Public transport: unreachable'] : [];
      const columns = ['rank', 'segment', 'base', ...(accessOnly ? [] : ['need']), ...table.labels, 'unreachable', ...transitLabels];
      const pct = (v: number | null | undefined) => (v === null || v === undefined ? '' : v.toFixed(1));
      const rows = table.rows.map((r) => ({
        rank: r.rank ?? '', segment: r.segmentCode ?? 'All population', base: r.base, ...(accessOnly ? {} : { need: r.need === null ? '' : r.need.toFixed(1) }),
        ...Object.fromEntries(table.labels.map((l, i) => [l, r.cumulativePct[i] === null ? '' : r.cumulativePct[i]!.toFixed(1)])),
        unreachable: r.unreachablePct === null ? '' : r.unreachablePct.toFixed(1),
        ...(group ? transitCsvCells(transitLabels, transitRowFor(group, r.segmentCode), pct) : {}),
      }));
      if (group) io.stderr(`note: public transport on ${group.date}, leaving ${departWords(group.depart)}: ${group.assumptions}\n`);
      printRows(io, 'csv', rows, columns);
    });
  },
};
