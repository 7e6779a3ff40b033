// cgm import roads: OSM highways into the project (raw data for routing + a roads layer).
import type { Command } from '../command';
import { requireOption } from '../command';
import { printJson } from '../output';
import { importRoads } from '../../routing/roads-import';
import { replaceProjectFile } from '../../store/project';
import { withProject } from '../with-project';

export const importRoadsCommand: Command = {
  name: 'import roads',
  summary: 'import an OSM road network (.osm.pbf or .osm XML) for travel times',
  example: 'cgm import roads --project area.gpkg --file england-latest.osm.pbf',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    file: { description: 'OSM file (.osm.pbf or .osm)', required: true },
    format: { description: 'json' },
  },
  async run(options, io) {
    await withProject(requireOption(options, 'project'), async (project) => {
      // On a copy renamed into place, as every import: the project file is whole even if this process is killed.
      printJson(io, await replaceProjectFile(project, (copy) => importRoads(copy, { file: requireOption(options, 'file') })));
    });
  },
};
