import { disclose } from '../../../shared/analysis/disclosure';
import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { outputFormat, printJson, toCsv } from '../output';
import { runProfile } from '../../analysis/profile-run';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { openProject } from '../../store/project';

const COLUMNS = ['segment_code', 'segment_name', 'users', 'users_pct', 'base', 'base_pct', 'penetration', 'index'];

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
    suppress: { description: 'nhs | none | K (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    const project = openProject(requireOption(options, 'project'));
    try {
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const result = runProfile(project.db, {
        service: requireOption(options, 'service'),
        scheme: requireOption(options, 'scheme'),
        segmentLevel: stringOption(options, 'level'),
        geographyLevel: stringOption(options, 'geography-level'),
        indicator: stringOption(options, 'indicator'),
      });
      const shown = disclose(result.table, rule);
      const rows = [...shown.rows, { ...shown.total, segmentCode: 'TOTAL', segmentName: 'Total' }].map((r) => ({
        segment_code: r.segmentCode,
        segment_name: r.segmentName,
        users: r.users,
        users_pct: r.usersPct,
        base: r.base,
        base_pct: r.basePct,
        penetration: r.penetration,
        index: r.index,
      }));
      if (outputFormat(options, 'csv') === 'csv') io.stdout(toCsv(rows, COLUMNS));
      else printJson(io, { rule: shown.rule, note: shown.note, usersWithoutSegment: rule.kind === 'none' ? result.usersWithoutSegment : undefined, rows });
    } finally {
      project.close();
    }
  },
};
