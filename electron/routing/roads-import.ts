// importRoads: raw OSM highway data into cgm_osm_nodes / cgm_osm_ways (so any
// profile's graph can be rebuilt later) and a `roads` display layer for the map.
//
// cgm_osm_ways.node_ids is a BLOB of little-endian Float64 values, one per node
// in way order: OSM ids exceed 2^31 but stay exact as doubles up to 2^53.
import { stat } from 'node:fs/promises';
import type * as GeoJSON from 'geojson';
import type { TravelProfile } from '../../shared/domain';
import type { ImportContext, ImportInput } from '../importers/importer';
import { ImportError, byteSize, checkAborted, fmt, inputName } from '../importers/importer';
import { createFeatureTable, dropFeatureTable, insertFeatures } from '../store/gpkg';
import { recordDataset } from '../store/datasets';
import type { Project } from '../store/project';
import { buildGraph, type RoadGraph } from './graph-build';
import { clearGraphCache, keepUsableNodes, readCachedGraph, writeCachedGraph } from './graph-cache';
import { usableNodes } from './snap';
import { OsmNodeTable, type OsmRoadData } from './osm-data';
import { readOsmFile } from './osm-read';
import { recordInputDataDate } from '../importers/data-date';

export interface RoadsImportSummary {
  kind: 'roads';
  dataset: 'roads';
  /** File name only, never the directory. */
  file: string;
  nodes: number;
  ways: number;
  /** Ways drawn in the roads layer (those with at least two nodes present in the file). */
  roadFeatures: number;
  /** Way references to nodes the file does not contain (clipped extracts). */
  missingNodeRefs: number;
  highways: Record<string, number>;
}

export function encodeNodeIds(ids: number[]): Buffer {
  const buf = Buffer.alloc(ids.length * 8);
  ids.forEach((id, i) => buf.writeDoubleLE(id, i * 8));
  return buf;
}

export function decodeNodeIds(blob: Buffer): number[] {
  const out = new Array<number>(blob.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = blob.readDoubleLE(i * 8);
  return out;
}

/**
 * Even a rural, road-poor extract (Rutland: 4,461 highways in 1.2 MB) holds
 * hundreds of highways per MB; one per 256 KB is far below any real extract,
 * so fewer means the file is damaged or is not a road network.
 */
const MAX_BYTES_PER_HIGHWAY = 256 * 1024;

/**
 * The one rule, for the CLI and the app alike, on whether what a file yielded
 * may replace the project's road network: nothing, no drawable road, or far
 * fewer highways than the file's size implies is refused, and the old roads stay.
 */
export function checkRoadYield(file: string, bytes: number, osm: OsmRoadData, roadFeatures: number): void {
  const ways = osm.ways.length;
  if (ways === 0) throw new ImportError(`${file}: no highways (OSM ways tagged highway=*) in the file; the project's roads were kept`);
  if (roadFeatures === 0) {
    throw new ImportError(`${file}: none of its ${fmt(ways)} highways has two of its nodes in the file (damaged or cut extract?); the project's roads were kept`);
  }
  if (ways < bytes / MAX_BYTES_PER_HIGHWAY) {
    throw new ImportError(
      `${file}: only ${fmt(ways)} highways in ${byteSize(bytes)}, far fewer than an OpenStreetMap extract of that size holds (damaged, or not a road network?); the project's roads were kept`,
    );
  }
}

async function inputBytes(input: ImportInput): Promise<number> {
  return typeof input === 'string' ? (await stat(input)).size : input.data.length;
}

export async function importRoads(project: Project, opts: { file: ImportInput }, ctx?: ImportContext): Promise<RoadsImportSummary> {
  const file = inputName(opts.file);
  const since = new Date().toISOString();
  const osm = await readOsmFile(opts.file, ctx);
  const { db } = project;
  const highways: Record<string, number> = {};
  let missingNodeRefs = 0;
  const features: { geometry: GeoJSON.LineString; properties: Record<string, unknown> }[] = [];
  for (const way of osm.ways) {
    highways[way.tags.highway] = (highways[way.tags.highway] ?? 0) + 1;
    const coords: number[][] = [];
    for (const id of way.nodeIds) {
      const row = osm.nodes.indexOf(id);
      if (row < 0) missingNodeRefs++;
      else coords.push([osm.nodes.lon[row], osm.nodes.lat[row]]);
    }
    if (coords.length < 2) continue;
    features.push({
      geometry: { type: 'LineString', coordinates: coords },
      properties: { osm_id: way.id, highway: way.tags.highway, name: way.tags.name ?? null, oneway: way.tags.oneway ?? null },
    });
  }
  checkRoadYield(file, await inputBytes(opts.file), osm, features.length);
  checkAborted(ctx, file);
  ctx?.progress?.(`Writing ${fmt(osm.ways.length)} roads`, 0.8);

  // One transaction: a failed import leaves the previous roads exactly as they were.
  db.transaction(() => {
    db.prepare('DELETE FROM cgm_osm_nodes').run();
    db.prepare('DELETE FROM cgm_osm_ways').run();
    clearGraphCache(db);
    const insNode = db.prepare('INSERT INTO cgm_osm_nodes (id, lon, lat) VALUES (?, ?, ?)');
    const n = osm.nodes;
    for (let i = 0; i < n.count; i++) insNode.run(n.ids[i], n.lon[i], n.lat[i]);
    const insWay = db.prepare('INSERT OR REPLACE INTO cgm_osm_ways (id, tags, node_ids) VALUES (?, ?, ?)');
    for (const way of osm.ways) insWay.run(way.id, JSON.stringify(way.tags), encodeNodeIds(way.nodeIds));
    dropFeatureTable(db, 'roads');
    createFeatureTable(db, {
      table: 'roads',
      title: 'Roads (OpenStreetMap)',
      description: 'OSM highway ways; © OpenStreetMap contributors, ODbL',
      geometryType: 'LINESTRING',
      columns: [
        { name: 'osm_id', type: 'INTEGER' },
        { name: 'highway', type: 'TEXT' },
        { name: 'name', type: 'TEXT' },
        { name: 'oneway', type: 'TEXT' },
      ],
    });
    insertFeatures(db, 'roads', features);
    recordDataset(db, {
      kind: 'roads', name: 'roads', sourceFile: file, rowsRead: osm.ways.length, rowsImported: osm.ways.length,
      summary: { nodes: n.count, roadFeatures: features.length, missingNodeRefs, highways },
    });
  })();
  // The extract's own date (its header), else the file's: the roads' credit and "Data as of" read it.
  await recordInputDataDate(db, opts.file, since, osm.timestamp);

  return {
    kind: 'roads', dataset: 'roads', file, nodes: osm.nodes.count, ways: osm.ways.length,
    roadFeatures: features.length, missingNodeRefs, highways,
  };
}

/** The raw highway data stored by importRoads; throws when there is none. */
export function loadRoadData(project: Project): OsmRoadData {
  const { db } = project;
  const count = (db.prepare('SELECT COUNT(*) AS n FROM cgm_osm_nodes').get() as { n: number }).n;
  if (count === 0) throw new Error('this project has no roads yet: run `cgm import roads --project P --file roads.osm.pbf`');
  const nodes = new OsmNodeTable(count);
  for (const r of db.prepare('SELECT id, lon, lat FROM cgm_osm_nodes').iterate() as IterableIterator<{ id: number; lon: number; lat: number }>) {
    nodes.add(r.id, r.lon, r.lat);
  }
  const ways = (db.prepare('SELECT id, tags, node_ids FROM cgm_osm_ways ORDER BY id').all() as { id: number; tags: string; node_ids: Buffer }[]).map(
    (r) => ({ id: r.id, tags: JSON.parse(r.tags) as Record<string, string>, nodeIds: decodeNodeIds(r.node_ids) }),
  );
  return { nodes, ways };
}

/** The project's graph for a profile, from the cache or built and cached now. */
export function projectGraph(project: Project, profile: TravelProfile): RoadGraph {
  const cached = readCachedGraph(project.db, profile);
  // A graph kept before its usable nodes were gets them now, once (they are found from its edges).
  if (cached && !cached.usable && !project.db.readonly) keepUsableNodes(project.db, profile, cached);
  if (cached) return cached;
  const graph = buildGraph(loadRoadData(project), profile);
  graph.usable = usableNodes(graph);
  // A project opened read-only (e.g. a shared copy) still routes, it just does not cache.
  if (!project.db.readonly) writeCachedGraph(project.db, profile, graph);
  return graph;
}
