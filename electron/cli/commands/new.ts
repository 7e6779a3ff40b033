import type { Command } from '../command';
import { requireOption } from '../command';
import { printJson } from '../output';
import { createProject } from '../../store/project';

export const newCommand: Command = {
  name: 'new',
  summary: 'create an empty project (GeoPackage)',
  options: {
    project: { description: 'project file to create (.gpkg)', required: true },
    name: { description: 'project name' },
    format: { description: 'json' },
  },
  async run(options, io) {
    const path = requireOption(options, 'project');
    const project = createProject(path, { name: typeof options.name === 'string' ? options.name : undefined });
    project.close();
    printJson(io, { created: path });
  },
};
