// cgm crosstab: a service's segments against IMD deciles, an indicator or a second scheme.
import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { CROSSTAB_COLUMNS, crosstabRecords } from '../../../shared/analysis/crosstab';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { runCrosstab } from '../../analysis/crosstab-run';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { printScopeNotes, scopeOptions, scopeRequest } from './scope-options';
import { disclose } from '../../../shared/analysis/disclosure';
import { profileTable } from '../../../shared/analysis/profile';
import { PROFILE_COLUMNS, profileRecords } from '../../analysis/profile-run';
import type { CliIO } from '../command';
import { CliError } from '../command';
import type { DisclosureRule } from '../../../shared/domain';
import type { CrosstabResult } from '../../analysis/crosstab-run';
import type { OutputFormat } from '../output';
import { withProject } from '../with-project';

export const crosstabCommand: Command = {
  name: 'crosstab',
  summary: 'segments x IMD decile, an area indicator (quintiles) or another scheme: base, users, index and uptake ratio per column',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    by: { description: 'imd_decile, an area indicator or a scheme', required: true },
    scheme: { description: 'scheme of the rows (default: the only scheme)' },
    level: { description: 'segment level of the rows (supergroup, group...)' },
    'by-level': { description: 'with a scheme in --by: its segment level for the columns' },
    only: { description: 'print the profile of the areas in these columns only, e.g. 1,2,3 (the most deprived 30%)' },
    indicator: { description: 'need indicator: expected users from need (default: the overall users per head)' },
    ...scopeOptions,
    suppress: { description: 'nhs | none | K (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  example: 'cgm crosstab --project p.gpkg --service GP --scheme "OAC 2021" --by imd_decile',
  async run(options, io) {
    return await withProject(requireOption(options, 'project'), async (project) => {
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const schemes = project.db.prepare('SELECT name FROM cgm_schemes ORDER BY name').pluck().all() as string[];
      const scheme = stringOption(options, 'scheme') ?? (schemes.length === 1 ? schemes[0] : requireOption(options, 'scheme'));
      const result = runCrosstab(project.db, {
        service: requireOption(options, 'service'), scheme, by: requireOption(options, 'by'), segmentLevel: stringOption(options, 'level'), byLevel: stringOption(options, 'by-level'),
        indicator: stringOption(options, 'indicator'), ...scopeRequest(options),
      });
      const only = stringOption(options, 'only');
      if (only !== undefined) return printFilteredProfile(io, result, only.split(',').map((s) => s.trim()).filter(Boolean), rule, outputFormat(options, 'csv'));
      const rows = crosstabRecords(result.table, rule);
      const leftOut = result.table.leftOut;
      if (outputFormat(options, 'csv') === 'json') {
        printJson(io, { rule, note: disclosureNote(rule), columnsAre: result.columnsAre, base: result.baseKind, scope: result.scope,
          leftOutAreas: leftOut.areas, rows });
        return;
      }
      printScopeNotes(io, result.scope);
      io.stderr(`note: columns are ${result.columnsAre}\n`);
      if (leftOut.areas.length) io.stderr(`note: ${leftOut.areas.length} area(s) have no column and are left out of it (e.g. ${leftOut.areas.slice(0, 3).join(', ')})\n`);
      printCsv(io, rows, CROSSTAB_COLUMNS);
    });
  },
};

/** The profile (the toolkit's columns) of the areas in the chosen columns only: their base and users summed per segment. */
function printFilteredProfile(io: CliIO, result: CrosstabResult, only: string[], rule: DisclosureRule, format: OutputFormat): void {
  const t = result.table;
  const unknown = only.filter((c) => !t.columns.includes(c));
  if (only.length === 0 || unknown.length) throw new CliError(`--only: ${unknown.join(', ') || '(none)'} is not a column (columns: ${t.columns.join(', ')})`);
  const ks = only.map((c) => t.columns.indexOf(c));
  const inputs = t.rows.map((r, i) => ({
    segmentCode: r.code, segmentName: r.name, users: ks.reduce((s, k) => s + t.users[i][k], 0), base: ks.reduce((s, k) => s + t.base[i][k], 0),
  }));
  const rows = profileRecords(disclose(profileTable(inputs.filter((x) => x.base > 0 || x.users > 0)), rule));
  if (format === 'json') return printJson(io, { columnsAre: result.columnsAre, only, rows });
  io.stderr(`note: profile of the areas in ${only.join(', ')} of ${result.columnsAre}\n`);
  printCsv(io, rows, PROFILE_COLUMNS);
}
