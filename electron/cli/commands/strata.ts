import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { modeOption } from './travel-options';
import { outputFormat, printCsv, printJson } from '../output';
import { STRATA } from '../../../shared/analysis/strata';
import type { Stratum } from '../../../shared/domain';
import { recordStratumDecision, runStrata } from '../../analysis/strata-run';
import { openProject } from '../../store/project';

const COLUMNS = ['area_code', 'area_name', 'proposed', 'flags', 'escalation', 'decided', 'reason', 'decided_at', 'effective', 'proposal_changed'];

export const strataCommand: Command = {
  name: 'strata',
  summary: 'proposed attention strata per area, with the analyst decisions kept',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    indicator: { description: 'need indicator', required: true },
    mode: { description: 'walk | drive (default walk)' },
    decide: { description: 'record a decision: AREA_CODE=Priority|Moderate|Basic|Self-care' },
    reason: { description: 'reason for the decision (required when lowering)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    const mode = modeOption(options, 'walk');
    const project = openProject(requireOption(options, 'project'));
    try {
      const request = { service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), mode } as const;
      const decision = stringOption(options, 'decide');
      if (decision) {
        const [areaCode, assigned] = decision.split('=');
        if (!areaCode || !STRATA.includes(assigned as Stratum)) throw new CliError(`--decide must be AREA_CODE=${STRATA.join('|')}, not "${decision}"`);
        recordStratumDecision(project, request, { areaCode, assigned: assigned as Stratum, reason: stringOption(options, 'reason') });
      }
      const rows = runStrata(project, request).map((v) => ({
        area_code: v.key,
        area_name: v.name,
        proposed: v.proposal?.stratum ?? null,
        flags: v.proposal?.flags.map((f) => `${f.level}: ${f.reason}`).join('; ') ?? '',
        escalation: v.proposal?.escalation ?? null,
        decided: v.decision?.assigned ?? null,
        reason: v.decision?.reason ?? null,
        decided_at: v.decision?.at ?? null,
        effective: v.effective,
        proposal_changed: v.proposalChanged,
      }));
      if (outputFormat(options, 'csv') === 'csv') printCsv(io, rows, COLUMNS);
      else printJson(io, rows);
    } finally {
      project.close();
    }
  },
};
