// The neutral in-memory form every OSM reader produces: node coordinates in
// typed arrays (a county extract holds ~10^5..10^7 nodes, too many for one
// object each) and the highway ways with their tags and node ids.
import type { OsmTags } from './way-access';

export interface OsmWay {
  id: number;
  tags: OsmTags;
  /** OSM node ids in way order; ids exceed 2^31 but stay exact as doubles. */
  nodeIds: number[];
}

export class OsmNodeTable {
  private index = new Map<number, number>();
  ids: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  count = 0;

  constructor(capacity = 1024) {
    this.ids = new Float64Array(capacity);
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
  }

  add(id: number, lon: number, lat: number): void {
    const existing = this.index.get(id);
    // A later copy of a node replaces the earlier one, as osmium does for merged files.
    if (existing !== undefined) {
      this.lon[existing] = lon;
      this.lat[existing] = lat;
      return;
    }
    if (this.count === this.ids.length) this.grow();
    this.ids[this.count] = id;
    this.lon[this.count] = lon;
    this.lat[this.count] = lat;
    this.index.set(id, this.count++);
  }

  /** Row of a node id, or -1 when the file does not contain that node. */
  indexOf(id: number): number {
    const i = this.index.get(id);
    return i === undefined ? -1 : i;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    for (const key of ['ids', 'lon', 'lat'] as const) {
      const next = new Float64Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

export interface OsmRoadData {
  nodes: OsmNodeTable;
  ways: OsmWay[];
  /** When the extract was cut (PBF header osmosis_replication_timestamp), YYYY-MM-DD; absent when the file does not say. */
  timestamp?: string;
}

/** Keep only the nodes some way refers to: roads need ~1/3 of a file's nodes. */
export function pruneToWayNodes(data: OsmRoadData): OsmRoadData {
  const used = new Set<number>();
  for (const way of data.ways) for (const id of way.nodeIds) used.add(id);
  const nodes = new OsmNodeTable(Math.max(16, used.size));
  const src = data.nodes;
  for (let i = 0; i < src.count; i++) if (used.has(src.ids[i])) nodes.add(src.ids[i], src.lon[i], src.lat[i]);
  return { nodes, ways: data.ways };
}
