// Reads highway ways and their nodes from OSM XML (<osm version="0.6">) with a
// streaming sax parser, so a large .osm file never sits in memory as a DOM.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import sax from 'sax';
import { OsmNodeTable, pruneToWayNodes, type OsmRoadData, type OsmWay } from './osm-data';

export function readOsmXml(file: string): Promise<OsmRoadData> {
  return parseOsmXmlStream(createReadStream(file));
}

/** For tests and in-memory inputs. */
export function parseOsmXmlString(xml: string): Promise<OsmRoadData> {
  return parseOsmXmlStream(Readable.from([xml]));
}

export function parseOsmXmlStream(input: Readable): Promise<OsmRoadData> {
  const nodes = new OsmNodeTable(1 << 12);
  const ways: OsmWay[] = [];
  let way: OsmWay | null = null;
  const parser = sax.createStream(true, { trim: true });

  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'node': {
        const id = Number(a.id), lon = Number(a.lon), lat = Number(a.lat);
        // Deleted or incomplete nodes (osmChange, history files) carry no coordinates.
        if (Number.isFinite(id) && Number.isFinite(lon) && Number.isFinite(lat)) nodes.add(id, lon, lat);
        break;
      }
      case 'way':
        way = { id: Number(a.id), tags: {}, nodeIds: [] };
        break;
      case 'nd':
        if (way) way.nodeIds.push(Number(a.ref));
        break;
      case 'tag':
        // <tag> also appears inside <node> and <relation>; only way tags matter here.
        if (way && a.k !== undefined) way.tags[a.k] = a.v ?? '';
        break;
    }
  });
  parser.on('closetag', (name) => {
    if (name === 'way' && way) {
      if (way.tags.highway !== undefined) ways.push(way);
      way = null;
    }
  });

  return new Promise((resolve, reject) => {
    parser.on('error', reject);
    input.on('error', reject);
    parser.on('end', () => resolve(pruneToWayNodes({ nodes, ways })));
    input.pipe(parser);
  });
}
