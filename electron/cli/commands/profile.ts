import { disclose } from '../../../shared/analysis/disclosure';
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { PROFILE_COLUMNS, profileRecords, runProfile } from '../../analysis/profile-run';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { printScopeNotes, scopeNotes, scopeOptions, scopeRequest } from './scope-options';
import { COMPARATOR_COLUMNS } from '../../../shared/analysis/comparator';
import { profileComparator } from '../../analysis/profile-comparator';
import { leftOutSentence, segmentSources, segmentSourceSentence, usersLeftOut } from '../../../shared/analysis/user-notes';
import { withProject } from '../with-project';


export const profileCommand: Command = {
  name: 'profile',
  summary: 'profile table of a service by segment (users, %, base, %, penetration, index)',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    scheme: { description: 'segmentation scheme', required: true },
    level: { description: 'segment level (supergroup, group...)' },
    'geography-level': { description: 'profile areas of this level instead of segments' },
    indicator: { description: 'add need rank and expected users from this indicator' },
    deciles: { description: 'only the areas in these IMD deciles, e.g. 1,2 (the most deprived 20%; needs IMD File 7 imported with cgm import indicators)' },
    comparator: { description: 'add a comparator base (cgm import comparator): its share and the index against it, beside the index against the study area' },
    ...scopeOptions,
    suppress: { description: 'nhs | none | K (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    return await withProject(requireOption(options, 'project'), async (project) => {
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const request = {
        service: requireOption(options, 'service'),
        scheme: requireOption(options, 'scheme'),
        segmentLevel: stringOption(options, 'level'),
        geographyLevel: stringOption(options, 'geography-level'),
        indicator: stringOption(options, 'indicator'),
        ...decilesOption(stringOption(options, 'deciles')),
        ...scopeRequest(options),
      };
      const result = runProfile(project.db, request);
      const shown = disclose(result.table, rule);
      // --indicator adds need rank and expected users; expected users are the
      // total × need share, so they are scaled to the total as published.
      const exact = new Map([...result.table.rows, { ...result.table.total, segmentCode: 'Total' }].map((r) => [r.segmentCode, r]));
      const totalShown = shown.total.users;
      const scale = totalShown === '*' || result.table.total.users === 0 ? null : totalShown / result.table.total.users;
      const needColumns = (code: string) => {
        const r = exact.get(code);
        const expected = r?.expectedUsers;
        return { need_rank: r?.needRank ?? null, expected_users: expected == null ? null : scale === null ? '*' : Math.round(expected * scale * 100) / 100 };
      };
      const comparatorName = stringOption(options, 'comparator');
      const comparator = comparatorName === undefined || request.geographyLevel ? null : profileComparator(project.db, comparatorName, request.scheme, request.segmentLevel, shown);
      if (comparatorName !== undefined && request.geographyLevel) throw new Error('--comparator compares segments; it does not go with --geography-level');
      const rows = profileRecords(shown).map((r) => ({
        ...r,
        ...(request.indicator ? needColumns(r.segment_code === 'TOTAL' ? 'Total' : String(r.segment_code)) : {}),
        ...(comparator ? comparator.get(r.segment_code === 'TOTAL' ? 'Total' : String(r.segment_code)) : {}),
      }));
      // Columns are added only when asked for, so the default output stays as it was.
      const columns: string[] = [...PROFILE_COLUMNS, ...(request.indicator ? ['need_rank', 'expected_users'] : []), ...(comparator ? COMPARATOR_COLUMNS : [])];
      const leftOut = usersLeftOut(result.attributed, request.scheme, result.baseKind, rule);
      const segmentSource = segmentSourceSentence(result.attributed.bySource, rule);
      if (outputFormat(options, 'csv') === 'csv') {
        printScopeNotes(io, result.scope);
        // Said only where it differs from the toolkit's usual persons base with area segments, so plain OAC output is unchanged.
        const finer = Object.entries(result.attributed.bySource).some(([source, n]) => source !== 'area' && n > 0);
        if (result.baseKind !== 'persons' || finer) io.stderr(`note: base ${result.baseKind}; ${segmentSource}\n`);
        if (leftOut) io.stderr(`note: ${leftOutSentence(leftOut)}\n`);
        if (result.decileFilter) io.stderr(`note: ${result.decileFilter}\n`);
        printCsv(io, rows, columns);
      } else
        printJson(io, {
          rule: shown.rule, note: shown.note, scope: result.scope, scopeNotes: scopeNotes(result.scope), base: result.baseKind, segmentSource,
          segmentSources: segmentSources(result.attributed.bySource, rule), usersLeftOut: leftOut, ...(result.decileFilter ? { decileFilter: result.decileFilter } : {}),
          usersWithoutSegment: rule.kind === 'none' ? result.usersWithoutSegment : undefined, rows,
        });
    });
  },
};

/** "1,2" → { deciles: [1, 2] }; a piece that is not a decile is refused, naming it. */
function decilesOption(text: string | undefined): { deciles?: number[] } {
  if (text === undefined) return {};
  const pieces = text.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = pieces.filter((p) => !/^(10|[1-9])$/.test(p));
  if (pieces.length === 0 || bad.length) throw new CliError(`--deciles: ${bad.join(', ') || '(none)'} is not a decile (whole numbers 1 to 10, e.g. 1,2)`);
  return { deciles: pieces.map(Number) };
}
