// cgm suggest: where k new sites would bring the most need within T minutes.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { outputFormat, printJson, printRows } from '../output';
import { loadProfile } from '../../routing/network';
import { suggestSites } from '../../routing/suggest';
import { DEFAULT_NODE_SPACING_M, readCandidateList, type CandidateSource } from '../../routing/suggest-candidates';
import { writeExport } from '../../exports/export-file';
import { SUGGEST_COLUMNS, suggestionsCsv } from '../../exports/suggest-export';
import { minutesOption, modeOption, positiveInt } from './travel-options';
import { baseOption, baseOptionSpec } from './base-option';
import { withProject } from '../with-project';


async function candidateSource(value: string | undefined, spacing: string | undefined): Promise<CandidateSource> {
  if (spacing !== undefined && !(Number(spacing) > 0)) throw new CliError('--node-spacing must be a positive number of metres');
  if (value === undefined || value === 'areas') return { kind: 'areas' };
  if (value === 'nodes') return { kind: 'nodes', spacingMeters: spacing === undefined ? undefined : Number(spacing) };
  if (!/\.(csv|txt)$/i.test(value)) throw new CliError(`--candidates must be areas, nodes or a .csv file of name,lat,lon, not "${value}"`);
  return { kind: 'list', file: value, sites: await readCandidateList(value) };
}

export const suggestCommand: Command = {
  name: 'suggest',
  summary: 'suggest k new sites covering the most need within T minutes (greedy maximal covering)',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    service: { description: 'service name in service_sites', required: true },
    indicator: { description: 'need indicator', required: true },
    mode: { description: 'walk or drive', required: true },
    minutes: { description: 'coverage limit T in minutes', required: true },
    k: { description: 'number of sites to add', required: true },
    candidates: { description: `where a site may go: areas (each area's point, default), nodes (road nodes, one per ${DEFAULT_NODE_SPACING_M} m cell) or FILE.csv (name,lat,lon)` },
    'node-spacing': { description: `grid cell for --candidates nodes, in metres (default ${DEFAULT_NODE_SPACING_M})` },
    profile: { description: 'travel profile JSON (default: built-in)' },
    base: baseOptionSpec,
    format: { description: 'json (default) or csv' },
    out: { description: 'also write the table to this .csv file (for Excel: BOM, CRLF), as the app’s Export dialog does' },
  },
  async run(options, io) {
    const mode = modeOption(options);
    const format = outputFormat(options);
    const [minutes] = minutesOption(options, 'minutes');
    const out = stringOption(options, 'out');
    if (out !== undefined && !out.toLowerCase().endsWith('.csv')) throw new CliError(`--out must end in .csv, not "${out}"`);
    const candidates = await candidateSource(stringOption(options, 'candidates'), stringOption(options, 'node-spacing'));
    const profile = await loadProfile(mode, stringOption(options, 'profile'));
    return await withProject(requireOption(options, 'project'), async (project) => {
      const result = suggestSites(project, {
        service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), profile, minutes, k: positiveInt(options, 'k'), candidates, base: baseOption(options),
      });
      if (out !== undefined) {
        const file = suggestionsCsv(result);
        io.stderr(`wrote ${writeExport(out, file, project.path)}\n`);
      }
      if (format === 'json') {
        printJson(io, result);
        return;
      }
      // The table is the covered need after each added site; the guarantee and the baseline go to stderr so the CSV stays a table.
      io.stderr(`${result.candidates} ${result.candidateSource} candidates (${result.candidatesOffNetwork} off the network); existing sites cover ${result.coveredByExisting.toFixed(1)} of ${result.totalNeed.toFixed(1)} need (${result.coveredByExistingPct.toFixed(1)}%)\n`);
      io.stderr(`${result.guarantee}\n`);
      printRows(io, 'csv', result.sites, SUGGEST_COLUMNS);
    });
  },
};
