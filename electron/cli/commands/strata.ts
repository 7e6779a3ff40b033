import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { modeOption } from './travel-options';
import { outputFormat, printCsv, printJson } from '../output';
import { STRATA } from '../../../shared/analysis/strata';
import type { Stratum } from '../../../shared/domain';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { recordStratumDecision, runStrata, STRATA_COLUMNS, strataRecords } from '../../analysis/strata-run';
import { scopeOptions, scopeRequest } from './scope-options';
import { withProject } from '../with-project';

const COLUMNS = ['area_code', 'area_name', 'proposed', 'flags', 'escalation', 'decided', 'reason', 'decided_at', 'effective', 'proposal_changed'];

export const strataCommand: Command = {
  name: 'strata',
  summary: 'proposed attention strata per area, with the analyst decisions kept',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    indicator: { description: 'need indicator', required: true },
    mode: { description: 'walk | drive (default walk)' },
    ...scopeOptions,
    decide: { description: 'record a decision: AREA_CODE=Priority|Moderate|Basic|Self-care' },
    reason: { description: 'reason for the decision (required when lowering)' },
    suppress: { description: 'nhs | none | K (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    const mode = modeOption(options, 'walk');
    await withProject(requireOption(options, 'project'), async (project) => {
      const request = { service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), mode, ...scopeRequest(options) } as const;
      const decision = stringOption(options, 'decide');
      if (decision) {
        const [areaCode, assigned] = decision.split('=');
        if (!areaCode || !STRATA.includes(assigned as Stratum)) throw new CliError(`--decide must be AREA_CODE=${STRATA.join('|')}, not "${decision}"`);
        recordStratumDecision(project, request, { areaCode, assigned: assigned as Stratum, reason: stringOption(options, 'reason') });
      }
      // Flags quote uptake ratios: under the rule they come from the protected counts, as in `cgm gaps`.
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const rows = strataRecords(runStrata(project, request, rule), rule);
      if (outputFormat(options, 'csv') === 'csv') printCsv(io, rows, STRATA_COLUMNS);
      else printJson(io, rows);
    });
  },
};
