// cgm suggest: where k new sites would bring the most need within T minutes.
import type { Command } from '../command';
import { requireOption, stringOption } from '../command';
import { outputFormat, printJson, printRows } from '../output';
import { loadProfile } from '../../routing/network';
import { suggestSites } from '../../routing/suggest';
import { openProject } from '../../store/project';
import { minutesOption, modeOption, positiveInt } from './travel-options';

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
    profile: { description: 'travel profile JSON (default: built-in)' },
    format: { description: 'json (default) or csv' },
  },
  async run(options, io) {
    const mode = modeOption(options);
    const format = outputFormat(options);
    const [minutes] = minutesOption(options, 'minutes');
    const profile = await loadProfile(mode, stringOption(options, 'profile'));
    const project = openProject(requireOption(options, 'project'));
    try {
      const result = suggestSites(project, {
        service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), profile, minutes, k: positiveInt(options, 'k'),
      });
      if (format === 'json') printJson(io, result);
      else printRows(io, 'csv', result.sites as unknown as Record<string, unknown>[], ['rank', 'areaCode', 'areaName', 'lon', 'lat', 'addedNeed', 'coveredNeed', 'coveredPct']);
    } finally {
      project.close();
    }
  },
};
