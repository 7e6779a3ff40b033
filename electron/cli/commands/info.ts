import type { Command } from '../command';
import { requireOption } from '../command';
import { printJson } from '../output';
import { projectInfo } from '../project-info';
import { withProject } from '../with-project';

export const infoCommand: Command = {
  name: 'info',
  summary: 'print the layers and counts of a project as JSON',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    format: { description: 'json' },
  },
  async run(options, io) {
    await withProject(requireOption(options, 'project'), async (project) => {
      printJson(io, projectInfo(project));
    });
  },
};
