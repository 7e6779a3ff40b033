import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { modeOption } from './travel-options';
import { GAP_OPTIONS, gapSettingsPatch } from './gap-options';
import { outputFormat, printCsv, printJson } from '../output';
import { analyseAreas } from '../../analysis/travel-access';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { areaResults } from '../../analysis/area-results';
import { unmetSummary } from '../../analysis/unmet-summary';
import { GAP_COLUMNS, gapTable } from '../../analysis/gap-table';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { accessLabel } from '../../../shared/analysis/gaps';
import { printScopeNotes, scopeNotes, scopeOptions, scopeRequest } from './scope-options';
import { leftOutSentence, usersLeftOut } from '../../../shared/analysis/user-notes';
import { withProject } from '../with-project';

export const gapsCommand: Command = {
  name: 'gaps',
  summary: 'uptake ratios with intervals, unmet need and gap type per area',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    indicator: { description: 'need indicator', required: true },
    mode: { description: 'walk | drive (default walk)' },
    'geography-level': { description: 'rows at this level (default the finest)' },
    ...scopeOptions,
    suppress: { description: 'nhs | none | K (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
    ...GAP_OPTIONS,
  },
  async run(options, io) {
    const mode = modeOption(options, 'walk');
    const settings = gapSettingsPatch(options);
    await withProject(requireOption(options, 'project'), async (project) => {
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const analysis = analyseAreas(project, {
        service: requireOption(options, 'service'),
        indicator: requireOption(options, 'indicator'),
        mode,
        level: stringOption(options, 'geography-level'),
        ...scopeRequest(options),
        settings,
      });
      const results = areaResults(analysis, rule);
      const rows = gapTable(results, accessLabel(analysis.settings.accessView, analysis.mode));
      if (analysis.accessMeasure === 'straight-line') io.stderr('note: accessibility uses straight-line distance to the nearest site\n');
      const leftOut = usersLeftOut(analysis.attributed, analysis.scheme, analysis.baseKind, rule);
      if (leftOut) io.stderr(`note: ${leftOutSentence(leftOut)}\n`);
      if (outputFormat(options, 'csv') === 'csv') {
        printScopeNotes(io, analysis.scope);
        printCsv(io, rows, [...GAP_COLUMNS]);
      }
      else
        printJson(io, {
          service: analysis.service,
          indicator: analysis.indicator,
          level: analysis.level,
          mode: analysis.mode,
          accessMeasure: analysis.accessMeasure,
          base: analysis.baseKind,
          usersLeftOut: leftOut,
          settings: analysis.settings,
          rule,
          note: disclosureNote(rule),
          scope: analysis.scope,
          scopeNotes: scopeNotes(analysis.scope),
          summary: unmetSummary(analysis, results, rule),
          rows,
        });
    });
  },
};
