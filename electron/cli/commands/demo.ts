import { existsSync } from 'node:fs';
import type { Command } from '../command';
import { CliError, requireOption } from '../command';
import { printJson } from '../output';
import { buildDemoProject } from '../../../data/demo/build-demo-project';
import { projectInfo } from '../project-info';
import { withProject } from '../with-project';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'build the synthetic demo town project through the real importers',
  options: {
    project: { description: 'project file to create (.gpkg)', required: true },
    seed: { description: 'random seed (default 1)' },
    force: { description: 'overwrite an existing file', flag: true },
    format: { description: 'json' },
  },
  async run(options, io) {
    const path = requireOption(options, 'project');
    if (existsSync(path) && !options.force) throw new CliError(`${path} already exists (use --force to replace it)`);
    const seed = options.seed === undefined ? undefined : Number(options.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new CliError(`--seed must be an integer, not "${options.seed}"`);
    await buildDemoProject(path, { seed, overwrite: Boolean(options.force) });
    await withProject(path, async (project) => {
      printJson(io, projectInfo(project));
    });
  },
};
