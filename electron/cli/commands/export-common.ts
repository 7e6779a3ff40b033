// What every `cgm export` command shares: the analysis choices (each defaults
// to the project's only one), opening the project, and writing --out.
import type { CliIO, OptionSpec, ParsedOptions } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { printJson } from '../output';
import type { ExportFile } from '../../exports/export-file';
import { writeExport } from '../../exports/export-file';
import type { ExportParamsRequest } from '../../exports/params';
import { type Project } from '../../store/project';
import { baseOption, baseOptionSpec } from './base-option';
import { GAP_OPTIONS, gapSettingsPatch } from './gap-options';
import { withProject } from '../with-project';

export const PARAM_OPTIONS: Record<string, OptionSpec> = {
  service: { description: 'service (default: the project’s only one)' },
  indicator: { description: 'need indicator (default: the project’s only one)' },
  scheme: { description: 'segmentation scheme (default: the indicator’s)' },
  'segment-level': { description: 'the scheme’s level for profile, bands and dominant segments (supergroup, group...; default: as imported)' },
  mode: { description: 'walk | drive (default walk)' },
  base: baseOptionSpec,
  period: { description: 'users of one period only, e.g. 2024-Q1 (default: all periods)' },
  level: { description: 'geography level of the gaps and strata tables and layers, e.g. LSOA (default: the finest)' },
  'include-proposed': { description: 'count what-if (proposed) sites as open in gaps, bands and isochrones, as the app’s what-if view does; the files say so', flag: true },
  comparator: { description: 'comparator base (cgm import comparator) for the profile table and the report: its share and the index against it beside the study area’s' },
  date: { description: 'bands: add public-transport columns (transit_isochrones: the day they are for) for this day of the imported timetable, YYYY-MM-DD (default: road columns only)' },
  depart: { description: 'bands: with --date, the departure window HH:MM-HH:MM (default 08:00-09:00), or opening-hours (the sites’ hours that day)' },
  ...GAP_OPTIONS,
};

export function paramsFrom(options: ParsedOptions): ExportParamsRequest {
  const mode = stringOption(options, 'mode');
  if (mode !== undefined && mode !== 'walk' && mode !== 'drive') throw new CliError(`--mode must be walk or drive, not "${mode}"`);
  return {
    service: stringOption(options, 'service'),
    indicator: stringOption(options, 'indicator'),
    scheme: stringOption(options, 'scheme'),
    segmentLevel: stringOption(options, 'segment-level'),
    mode,
    base: baseOption(options),
    period: stringOption(options, 'period'),
    level: stringOption(options, 'level'),
    gapSettings: gapSettingsPatch(options),
    ...(options['include-proposed'] ? { includeProposed: true } : {}),
    ...(stringOption(options, 'comparator') ? { comparator: stringOption(options, 'comparator') } : {}),
    ...transitColumnsOption(options),
  };
}

/** --date (and --depart): the band table's public-transport column group. */
export function transitColumnsOption(options: ParsedOptions): { transit?: { date: string; depart: string } } {
  const date = stringOption(options, 'date');
  const depart = stringOption(options, 'depart');
  if (date === undefined) {
    if (depart !== undefined) throw new CliError('--depart goes with --date: choose the day of the timetable too');
    return {};
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CliError(`--date must be a date written YYYY-MM-DD, not "${date}"`);
  return { transit: { date, depart: depart ?? '08:00-09:00' } };
}

export function requireExtension(out: string, extensions: string[]): string {
  const ext = extensions.find((e) => out.toLowerCase().endsWith(e));
  if (!ext) throw new CliError(`--out must end in ${extensions.join(' or ')}, not "${out}"`);
  return ext;
}

/** Opens the project, makes the export, writes it to --out and reports what was written. */
export async function runExport(options: ParsedOptions, io: CliIO, make: (project: Project) => ExportFile | Promise<ExportFile>): Promise<void> {
  const out = requireOption(options, 'out');
  await withProject(requireOption(options, 'project'), async (project) => {
    const file = await make(project);
    const written = writeExport(out, file, project.path);
    printJson(io, { written, bytes: file.bytes.length, mimeType: file.mimeType });
  });
}
