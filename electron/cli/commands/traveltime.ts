// cgm traveltime: seconds from the nearest source node to every reachable node of an OSM network.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { graphFromOsmFile, loadProfile, timesToJson, travelTimesFromNodes } from '../../routing/network';

export const traveltimeCommand: Command = {
  name: 'traveltime',
  summary: 'travel time from the nearest of some OSM nodes to every reachable node',
  options: {
    network: { description: 'OSM road network (.osm.pbf or .osm XML)', required: true },
    mode: { description: 'walk or drive', required: true },
    profile: { description: 'travel profile JSON (default: the built-in profile for the mode)' },
    'from-node': { description: 'source OSM node id(s), comma-separated', required: true },
    format: { description: 'json (the only format)' },
  },
  async run(options, io) {
    const mode = requireOption(options, 'mode');
    if (mode !== 'walk' && mode !== 'drive') throw new CliError(`--mode must be walk or drive, not "${mode}"`);
    const format = stringOption(options, 'format') ?? 'json';
    if (format !== 'json') throw new CliError(`--format must be json, not "${format}"`);
    const ids = requireOption(options, 'from-node').split(',').map((s) => s.trim());
    const sources = ids.map((s) => {
      if (!/^\d+$/.test(s)) throw new CliError(`--from-node: "${s}" is not an OSM node id`);
      return Number(s);
    });
    const profile = await loadProfile(mode, stringOption(options, 'profile'));
    const graph = await graphFromOsmFile(requireOption(options, 'network'), profile);
    io.stdout(timesToJson(travelTimesFromNodes(graph, sources)));
  },
};
