import type { Command } from '../command';
import { requireOption } from '../command';
import { printJson } from '../output';
import { projectInfo } from '../project-info';
import { openProject } from '../../store/project';

export const infoCommand: Command = {
  name: 'info',
  summary: 'print the layers and counts of a project as JSON',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    format: { description: 'json' },
  },
  async run(options, io) {
    const project = openProject(requireOption(options, 'project'));
    try {
      printJson(io, projectInfo(project));
    } finally {
      project.close();
    }
  },
};
