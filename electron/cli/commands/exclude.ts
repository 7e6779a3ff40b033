// `cgm exclude`: areas that should not count (a prison, a barracks), each with
// a recorded reason; they drop out of need, base, users and rankings.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { printJson } from '../output';
import { analysisScopeInfo } from '../../analysis/analysis-scope';
import { applyMoment } from '../../services/moments';
import { withProject } from '../with-project';

export const excludeCommand: Command = {
  name: 'exclude',
  summary: 'exclude an area from every analysis with a reason (--area CODE --reason R), --remove CODE, or list them',
  options: {
    project: { description: 'project file', required: true },
    area: { description: 'area code to exclude (any level: an LSOA takes its OAs with it)' },
    reason: { description: 'why it should not count (required with --area)' },
    remove: { description: 'area code to count again' },
  },
  async run(options, io) {
    const area = stringOption(options, 'area');
    const remove = stringOption(options, 'remove');
    const reason = stringOption(options, 'reason')?.trim();
    if (area !== undefined && remove !== undefined) throw new CliError('give --area or --remove, not both');
    if (area !== undefined && !reason) throw new CliError('--area needs --reason (why the area should not count)');
    await withProject(requireOption(options, 'project'), async (project) => {
      if (area !== undefined) applyMoment(project, { excludedAreas: { put: [{ code: area, reason: reason! }], delete: [] } });
      if (remove !== undefined) {
        if (!analysisScopeInfo(project.db).excluded.some((a) => a.code === remove)) throw new CliError(`area ${remove} is not excluded`);
        applyMoment(project, { excludedAreas: { put: [], delete: [remove] } });
      }
      printJson(io, { excluded: analysisScopeInfo(project.db).excluded });
    });
  },
};
