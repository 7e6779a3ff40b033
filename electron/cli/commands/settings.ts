// `cgm settings`: the project's analysis settings — whether communal-
// establishment residents count in the base, and the gap thresholds that every
// gap analysis, export and report then uses (and records beside its results).
import type { Command } from '../command';
import { requireOption } from '../command';
import { printJson } from '../output';
import { analysisScopeInfo } from '../../analysis/analysis-scope';
import { projectGapSettings, resetGapSettings, saveGapSettings } from '../../analysis/gap-settings';
import { describeGapSettings } from '../../../shared/analysis/gaps';
import { applyMoment } from '../../services/moments';
import { GAP_OPTIONS, gapSettingsPatch } from './gap-options';
import { onOff } from './scope-options';
import { withProject } from '../with-project';

export const settingsCommand: Command = {
  name: 'settings',
  summary: 'show or change the project settings (--exclude-communal on|off, the gap thresholds)',
  options: {
    project: { description: 'project file', required: true },
    'exclude-communal': { description: 'on | off: leave communal-establishment residents out of every base' },
    ...GAP_OPTIONS,
    reset: { description: 'gap thresholds back to the defaults', flag: true },
  },
  async run(options, io) {
    const exclude = onOff(options, 'exclude-communal');
    const patch = gapSettingsPatch(options);
    await withProject(requireOption(options, 'project'), async (project) => {
      const { db } = project;
      if (exclude === true && !analysisScopeInfo(db).communalImported) {
        throw new Error('the population has no communal-establishment counts; import it with --communal-field in_communal_establishments first');
      }
      if (exclude !== undefined) applyMoment(project, { excludeCommunal: exclude });
      const gaps = options.reset === true ? resetGapSettings(db) : Object.keys(patch).length ? saveGapSettings(db, patch) : projectGapSettings(db);
      const { excludeCommunal, communalImported } = analysisScopeInfo(db);
      printJson(io, { excludeCommunal, communalImported, gaps, text: describeGapSettings(gaps) });
    });
  },
};
