// Loads a travel profile and builds its graph from an OSM file: the path the
// `cgm traveltime` command and the benchmark share.
import { readFile } from 'node:fs/promises';
import type { TravelMode, TravelProfile } from '../../shared/domain';
import { defaultProfile, parseProfile } from '../../shared/travel/profiles';
import { buildGraph, nodeIndex, type RoadGraph } from './graph-build';
import { multiSourceDijkstra } from './dijkstra';
import { readOsmFile } from './osm-read';

export async function loadProfile(mode: TravelMode, profileFile?: string): Promise<TravelProfile> {
  if (!profileFile) return defaultProfile(mode);
  const profile = parseProfile(JSON.parse(await readFile(profileFile, 'utf8')));
  if (profile.mode !== mode) throw new Error(`profile ${profileFile} is for ${profile.mode}, not ${mode}`);
  return profile;
}

export async function graphFromOsmFile(file: string, profile: TravelProfile): Promise<RoadGraph> {
  return buildGraph(await readOsmFile(file), profile);
}

/**
 * Seconds from the nearest of the given OSM nodes to every reachable node,
 * keyed by OSM node id in ascending order. Unknown source ids are an error,
 * because a typo would otherwise look like an unreachable network.
 */
export function travelTimesFromNodes(graph: RoadGraph, sourceOsmIds: number[]): Array<[number, number]> {
  const sources = sourceOsmIds.map((id) => {
    const node = nodeIndex(graph, id);
    if (node < 0) throw new Error(`node ${id} is not on the network for this mode`);
    return { node };
  });
  const { seconds } = multiSourceDijkstra(graph.csr, sources);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < seconds.length; i++) if (seconds[i] !== Infinity) out.push([graph.nodeIds[i], seconds[i]]);
  return out;
}

/** One JSON object with keys in ascending node id order (JSON.stringify would reorder ids above 2^32). */
export function timesToJson(times: Array<[number, number]>): string {
  const parts = times.map(([id, s]) => `"${id}":${JSON.stringify(s)}`);
  return `{${parts.join(',\n')}}\n`;
}
