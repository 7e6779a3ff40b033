// Reads highway ways and their nodes from OSM XML (<osm version="0.6">) with a
// streaming sax parser, so a large .osm file never sits in memory as a DOM.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import sax from 'sax';
import type { ImportInput } from '../importers/importer';
import { ImportError, fmt, inputName, quote } from '../importers/importer';
import { OsmNodeTable, pruneToWayNodes, type OsmRoadData, type OsmWay } from './osm-data';

export function readOsmXml(input: ImportInput): Promise<OsmRoadData> {
  const stream = typeof input === 'string' ? createReadStream(input) : Readable.from([Buffer.from(input.data)]);
  return parseOsmXmlStream(stream, inputName(input));
}

/** For tests and in-memory inputs. */
export function parseOsmXmlString(xml: string): Promise<OsmRoadData> {
  return parseOsmXmlStream(Readable.from([xml]));
}

/** Errors name the file; sax's own text (which may quote the file's content) is cut to its first line. */
export function parseOsmXmlStream(input: Readable, name = 'OSM XML'): Promise<OsmRoadData> {
  const nodes = new OsmNodeTable(1 << 12);
  const ways: OsmWay[] = [];
  let way: OsmWay | null = null;
  const seen = { node: 0, way: 0 };
  const parser = sax.createStream(true, { trim: true });
  // Ids become INTEGER keys in the project: one that is not a whole number is the file's fault, named
  // here. A throw inside a sax handler would escape the stream as an uncaught exception, so it stops the parse.
  let refused: ImportError | null = null;
  let refuse: (error: ImportError) => void = () => {};
  const osmId = (element: 'node' | 'way', field: string, value: string | undefined): number => {
    const id = Number(value);
    if (value !== undefined && /^\s*-?\d+\s*$/.test(value) && Number.isSafeInteger(id)) return id;
    refused ??= new ImportError(
      `${name} ${element} ${fmt(seen[element])} (line ${fmt(parser._parser.line + 1)}), field "${field}": ${value === undefined ? 'missing' : quote(value)}, expected an OSM id (a whole number)`,
    );
    return NaN;
  };

  parser.on('opentag', (tag) => {
    if (refused) return;
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'node': {
        seen.node++;
        const lon = Number(a.lon), lat = Number(a.lat);
        // Deleted or incomplete nodes (osmChange, history files) carry no coordinates.
        if (Number.isFinite(lon) && Number.isFinite(lat)) nodes.add(osmId('node', 'id', a.id), lon, lat);
        break;
      }
      case 'way':
        seen.way++;
        way = { id: osmId('way', 'id', a.id), tags: {}, nodeIds: [] };
        break;
      case 'nd':
        if (way) way.nodeIds.push(osmId('way', 'ref', a.ref));
        break;
      case 'tag':
        // <tag> also appears inside <node> and <relation>; only way tags matter here.
        if (way && a.k !== undefined) way.tags[a.k] = a.v ?? '';
        break;
    }
    if (refused) {
      input.unpipe(parser);
      input.destroy();
      refuse(refused);
    }
  });
  parser.on('closetag', (name) => {
    if (name === 'way' && way) {
      if (way.tags.highway !== undefined) ways.push(way);
      way = null;
    }
  });

  return new Promise((resolve, reject) => {
    refuse = reject;
    const fail = (error: Error) => {
      input.destroy();
      const code = (error as NodeJS.ErrnoException).code;
      reject(new ImportError(code ? `${name}: cannot read file (${code})` : `${name}: not readable OSM XML (${error.message.split('\n')[0]})`));
    };
    parser.on('error', fail);
    input.on('error', fail);
    parser.on('end', () => resolve(pruneToWayNodes({ nodes, ways })));
    input.pipe(parser);
  });
}
