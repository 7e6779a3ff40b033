// Reads highway ways and their nodes from an .osm.pbf file, block by block
// (pbf-blobs.ts frames and inflates within the format's limits). Any fault in
// the bytes becomes one ImportError naming the file; nothing is written to disk,
// so a dropped file is read straight from memory.
import { basename } from 'node:path';
import type { ImportContext, ImportInput } from '../importers/importer';
import { ImportError, checkAborted } from '../importers/importer';
import { OsmNodeTable, pruneToWayNodes, type OsmRoadData, type OsmWay } from './osm-data';
import { fileSource, memorySource, PbfFormatError, pbfBlocks, type ByteSource } from './pbf-blobs';
import { ProtobufError, readSvarint, readVarint, WireReader } from './protobuf-wire';

// What a road network reader can honour; history files simply repeat nodes (the last copy wins).
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

export async function readOsmPbf(input: ImportInput, ctx?: ImportContext): Promise<OsmRoadData> {
  const name = typeof input === 'string' ? basename(input) : input.name;
  let source: ByteSource;
  try {
    source = typeof input === 'string' ? await fileSource(input) : memorySource(input.data);
  } catch (error) {
    throw new ImportError(`${name}: cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const nodes = new OsmNodeTable(1 << 16);
    const ways: OsmWay[] = [];
    let count = 0;
    let timestamp: string | undefined;
    for await (const block of pbfBlocks(source)) {
      const at = `block ${++count} (byte ${block.offset})`;
      // Blocks in memory never wait for I/O: give a Cancel its turn now and then.
      if (count % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      checkAborted(ctx, name);
      try {
        if (count === 1 && block.type !== 'OSMHeader') throw new ProtobufError(`the first block is "${block.type.slice(0, 40)}", not OSMHeader (not an OSM PBF file?)`);
        if (block.type === 'OSMHeader') timestamp = checkHeader(block.data) ?? timestamp;
        else if (block.type === 'OSMData') readPrimitives(block.data, nodes, ways);
        // Other block types are allowed by the format and skipped.
      } catch (error) {
        if (error instanceof ProtobufError) throw new PbfFormatError(`${at}: ${error.message}`);
        throw error;
      }
    }
    const roads = pruneToWayNodes({ nodes, ways });
    return timestamp ? { ...roads, timestamp } : roads;
  } catch (error) {
    if (error instanceof PbfFormatError || error instanceof ProtobufError) {
      throw new ImportError(`${name}: not a readable OpenStreetMap PBF file, ${error.message}`);
    }
    throw error;
  } finally {
    await source.close();
  }
}

/** Checks the features a file requires; returns when the extract was cut (field 32, seconds since 1970), as YYYY-MM-DD. */
function checkHeader(data: Uint8Array): string | undefined {
  const r = new WireReader(data);
  let timestamp: string | undefined;
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 4 && t.wire === 2) {
      const feature = r.string();
      if (!SUPPORTED_FEATURES.has(feature)) throw new ProtobufError(`the file requires "${feature.slice(0, 40)}", which this reader does not support`);
    } else if (t.field === 32 && t.wire === 0) {
      const seconds = r.varint();
      // A date before OSM began or in the far future is a damaged header, not a date to print.
      if (seconds > 1_104_537_600 && seconds < 4_102_444_800) timestamp = new Date(seconds * 1000).toISOString().slice(0, 10);
    } else r.skip(t.wire);
  }
  return timestamp;
}

/** A PrimitiveBlock's nodes and highway ways. Groups come before the granularity in the bytes, so they are read last. */
function readPrimitives(data: Uint8Array, nodes: OsmNodeTable, ways: OsmWay[]): void {
  const r = new WireReader(data);
  let strings: Uint8Array[] = [];
  const groups: WireReader[] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1 && t.wire === 2) strings = stringTable(r.message());
    else if (t.field === 2 && t.wire === 2) groups.push(r.message());
    else if (t.field === 17 && t.wire === 0) granularity = r.ivarint();
    else if (t.field === 19 && t.wire === 0) latOffset = r.ivarint();
    else if (t.field === 20 && t.wire === 0) lonOffset = r.ivarint();
    else r.skip(t.wire);
  }
  const decoder = new TextDecoder();
  const text = (i: number): string => {
    if (!(i < strings.length)) throw new ProtobufError(`string ${i} is not in the block's table of ${strings.length}`);
    return decoder.decode(strings[i]);
  };
  // Degrees = offset + granularity * value, in nanodegrees; grouped as osm-pbf-parser (the reader before this one) did, so results match it bit for bit.
  const step = 1e-9 * granularity;
  const lon = (v: number) => 1e-9 * lonOffset + step * v;
  const lat = (v: number) => 1e-9 * latOffset + step * v;
  for (const g of groups) {
    for (let t = g.tag(); t; t = g.tag()) {
      if (t.field === 1 && t.wire === 2) readNode(g.message(), nodes, lon, lat);
      else if (t.field === 2 && t.wire === 2) readDense(g.message(), nodes, lon, lat);
      else if (t.field === 3 && t.wire === 2) readWay(g.message(), ways, text);
      else g.skip(t.wire);
    }
  }
}

function stringTable(r: WireReader): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1 && t.wire === 2) out.push(r.bytes());
    else r.skip(t.wire);
  }
  return out;
}

type Degrees = (v: number) => number;

function readNode(r: WireReader, nodes: OsmNodeTable, lon: Degrees, lat: Degrees): void {
  let id = NaN, y = NaN, x = NaN;
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1 && t.wire === 0) id = r.svarint();
    else if (t.field === 8 && t.wire === 0) y = r.svarint();
    else if (t.field === 9 && t.wire === 0) x = r.svarint();
    else r.skip(t.wire);
  }
  if (Number.isNaN(id + x + y)) throw new ProtobufError('a node lacks its id or coordinates');
  nodes.add(id, lon(x), lat(y));
}

function readDense(r: WireReader, nodes: OsmNodeTable, lon: Degrees, lat: Degrees): void {
  const ids: number[] = [], lats: number[] = [], lons: number[] = [];
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1) r.packed(t.wire, readSvarint, ids);
    else if (t.field === 8) r.packed(t.wire, readSvarint, lats);
    else if (t.field === 9) r.packed(t.wire, readSvarint, lons);
    else r.skip(t.wire);
  }
  if (lats.length !== ids.length || lons.length !== ids.length) throw new ProtobufError('dense nodes with unequal id and coordinate columns');
  let id = 0, y = 0, x = 0;
  for (let i = 0; i < ids.length; i++) {
    id += ids[i];
    y += lats[i];
    x += lons[i];
    nodes.add(id, lon(x), lat(y));
  }
}

function readWay(r: WireReader, ways: OsmWay[], text: (i: number) => string): void {
  let id = NaN;
  const keys: number[] = [], vals: number[] = [], refs: number[] = [];
  for (let t = r.tag(); t; t = r.tag()) {
    if (t.field === 1 && t.wire === 0) id = r.ivarint();
    else if (t.field === 2) r.packed(t.wire, readVarint, keys);
    else if (t.field === 3) r.packed(t.wire, readVarint, vals);
    else if (t.field === 8) r.packed(t.wire, readSvarint, refs);
    else r.skip(t.wire);
  }
  if (Number.isNaN(id)) throw new ProtobufError('a way lacks its id');
  const tags: Record<string, string> = {};
  for (let i = 0; i < keys.length && i < vals.length; i++) {
    const key = text(keys[i]);
    // A key may be any string; this one would set the object's prototype instead.
    if (key !== '__proto__') tags[key] = text(vals[i]);
  }
  if (tags.highway === undefined) return;
  let ref = 0;
  ways.push({ id, tags, nodeIds: refs.map((d) => (ref += d)) });
}
