// One entry point for road networks: picks the reader by file name. A path or
// bytes in memory (a file dropped on the app), like every importer's input.
import { stat } from 'node:fs/promises';
import type { ImportContext, ImportInput } from '../importers/importer';
import { ImportError, inputName } from '../importers/importer';
import { readOsmPbf } from './osm-pbf';
import { readOsmXml } from './osm-xml';
import type { OsmRoadData } from './osm-data';

export async function readOsmFile(input: ImportInput, ctx?: ImportContext): Promise<OsmRoadData> {
  const name = inputName(input);
  const lower = name.toLowerCase();
  let size: number;
  try {
    size = typeof input === 'string' ? (await stat(input)).size : input.data.length;
  } catch (error) {
    throw new ImportError(`${name}: cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (size === 0) throw new ImportError(`${name}: the file is empty (expected an OpenStreetMap extract, .osm.pbf or .osm)`);
  if (lower.endsWith('.pbf')) return readOsmPbf(input, ctx);
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return readOsmXml(input);
  throw new ImportError(`${name}: unsupported road network file, expected .osm.pbf or .osm (XML)`);
}
