// `cgm settings`: the project's analysis settings; today whether communal-
// establishment residents count in the base. Changes go through a moment, as
// the app's do.
import type { Command } from '../command';
import { requireOption } from '../command';
import { printJson } from '../output';
import { analysisScopeInfo } from '../../analysis/analysis-scope';
import { applyMoment } from '../../services/moments';
import { openProject } from '../../store/project';
import { onOff } from './scope-options';

export const settingsCommand: Command = {
  name: 'settings',
  summary: 'show or change the project settings (--exclude-communal on|off)',
  options: {
    project: { description: 'project file', required: true },
    'exclude-communal': { description: 'on | off: leave communal-establishment residents out of every base' },
  },
  async run(options, io) {
    const exclude = onOff(options, 'exclude-communal');
    const project = openProject(requireOption(options, 'project'));
    try {
      if (exclude === true && !analysisScopeInfo(project.db).communalImported) {
        throw new Error('the population has no communal-establishment counts; import it with --communal-field in_communal_establishments first');
      }
      if (exclude !== undefined) applyMoment(project, { excludeCommunal: exclude });
      const { excludeCommunal, communalImported } = analysisScopeInfo(project.db);
      printJson(io, { excludeCommunal, communalImported });
    } finally {
      project.close();
    }
  },
};
