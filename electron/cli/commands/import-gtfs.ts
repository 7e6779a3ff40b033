// cgm import gtfs: a public-transport timetable (GTFS .zip or folder), checked and stored whole.
import type { Command } from '../command';
import { CliError, requireOption } from '../command';
import { printJson } from '../output';
import { existsSync } from 'node:fs';
import { importGtfs } from '../../importers/gtfs';
import { replaceProjectFile } from '../../store/project';
import { withProject } from '../with-project';

export const importGtfsCommand: Command = {
  name: 'import gtfs',
  summary: 'import a public-transport timetable (GTFS .zip or folder); rows that cannot be used are listed and left out',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    file: { description: 'GTFS feed: a .zip or a folder holding stops.txt, routes.txt, trips.txt, stop_times.txt, calendar.txt...', required: true },
  },
  async run(options, io) {
    const file = requireOption(options, 'file');
    if (!existsSync(file)) throw new CliError(`no file or folder at ${file}`);
    await withProject(requireOption(options, 'project'), async (project) => {
      // Not unzipIfZip: a feed is several tables read together, not one dataset inside a zip.
      printJson(io, await replaceProjectFile(project, (copy) => importGtfs(copy, file)));
    });
  },
};
