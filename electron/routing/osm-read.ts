// One entry point for road networks: picks the reader by file name.
import { readOsmPbf } from './osm-pbf';
import { readOsmXml } from './osm-xml';
import type { OsmRoadData } from './osm-data';

export function readOsmFile(file: string): Promise<OsmRoadData> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pbf')) return readOsmPbf(file);
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return readOsmXml(file);
  return Promise.reject(new Error(`unsupported road network file "${file}": expected .osm.pbf or .osm (XML)`));
}
