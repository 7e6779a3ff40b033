// Reads highway ways and their nodes from an .osm.pbf file (osm-pbf-parser, streaming).
import { createReadStream } from 'node:fs';
import parseOSM, { type PbfItem } from 'osm-pbf-parser';
import { OsmNodeTable, pruneToWayNodes, type OsmRoadData, type OsmWay } from './osm-data';

export async function readOsmPbf(file: string): Promise<OsmRoadData> {
  const nodes = new OsmNodeTable(1 << 16);
  const ways: OsmWay[] = [];
  // Only nodes are kept unconditionally: PBF puts nodes before ways, so we
  // cannot yet know which ones the roads need; pruneToWayNodes drops the rest.
  const take = (items: PbfItem[]): void => {
    for (const item of items) {
      if (item.type === 'node') nodes.add(item.id, item.lon, item.lat);
      else if (item.type === 'way' && item.tags.highway !== undefined) {
        ways.push({ id: item.id, tags: item.tags, nodeIds: item.refs });
      }
    }
  };
  // The parser is a readable-stream v2 transform, which is not async-iterable.
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(file);
    const parser = parseOSM();
    input.on('error', reject);
    parser.on('error', reject);
    parser.on('data', take);
    parser.on('end', resolve);
    input.pipe(parser);
  });
  return pruneToWayNodes({ nodes, ways });
}
