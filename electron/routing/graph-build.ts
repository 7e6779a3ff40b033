// Builds the routable graph for one travel profile, exactly as issue 5 specifies:
// one edge per consecutive node pair of an included way, haversine length,
// cost = length / (speed / 3.6) seconds, unrounded.
import type { TravelProfile } from '../../shared/domain';
import { haversineMeters } from '../../shared/travel/geo';
import { buildCsr, type Csr } from './csr';
import type { OsmRoadData } from './osm-data';
import { waySpeedKmh, wayDirection, type WayDirection } from './way-access';

/**
 * Edges in pgRouting's shape (source, target, cost, reverse_cost; -1 = closed
 * that way), so the very same list can be loaded into pgRouting to check us.
 * Node indices point into nodeIds/lon/lat, which are sorted by OSM id.
 */
export interface RoadGraph {
  nodeIds: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeCost: Float64Array;
  edgeReverseCost: Float64Array;
  edgeLength: Float64Array;
  edgeWayId: Float64Array;
  csr: Csr;
  /** The nodes snapping may use (snap.ts usableNodes), where already known: a kept graph has them. */
  usable?: Uint8Array;
}

interface IncludedWay {
  nodeIds: number[];
  wayId: number;
  speedKmh: number;
  direction: WayDirection;
}

export function buildGraph(osm: OsmRoadData, profile: TravelProfile): RoadGraph {
  const included: IncludedWay[] = [];
  const present = new Set<number>();
  let segmentCount = 0;
  for (const way of osm.ways) {
    const speedKmh = waySpeedKmh(way.tags, profile);
    if (speedKmh === null) continue;
    included.push({ nodeIds: way.nodeIds, wayId: way.id, speedKmh, direction: wayDirection(way.tags, profile) });
    // Every node of an included way is a graph node, junction or not, as long as the file has it.
    for (const id of way.nodeIds) if (osm.nodes.indexOf(id) >= 0) present.add(id);
    segmentCount += Math.max(0, way.nodeIds.length - 1);
  }

  // Sorted by OSM id so that node order, and so every output, is stable across runs.
  const nodeIds = Float64Array.from(present).sort();
  const n = nodeIds.length;
  const indexOfId = new Map<number, number>();
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    indexOfId.set(nodeIds[i], i);
    const row = osm.nodes.indexOf(nodeIds[i]);
    lon[i] = osm.nodes.lon[row];
    lat[i] = osm.nodes.lat[row];
  }

  const edgeSource = new Int32Array(segmentCount);
  const edgeTarget = new Int32Array(segmentCount);
  const edgeCost = new Float64Array(segmentCount);
  const edgeReverseCost = new Float64Array(segmentCount);
  const edgeLength = new Float64Array(segmentCount);
  const edgeWayId = new Float64Array(segmentCount);
  let m = 0;
  for (const way of included) {
    const mps = way.speedKmh / 3.6;
    for (let i = 0; i + 1 < way.nodeIds.length; i++) {
      const a = indexOfId.get(way.nodeIds[i]);
      const b = indexOfId.get(way.nodeIds[i + 1]);
      // A segment whose node is missing from the file (clipped extract) is skipped.
      if (a === undefined || b === undefined) continue;
      const length = haversineMeters(lon[a], lat[a], lon[b], lat[b]);
      const seconds = length / mps;
      edgeSource[m] = a;
      edgeTarget[m] = b;
      edgeLength[m] = length;
      edgeCost[m] = way.direction === 'backward' ? -1 : seconds;
      edgeReverseCost[m] = way.direction === 'forward' ? -1 : seconds;
      edgeWayId[m] = way.wayId;
      m++;
    }
  }

  const edges = {
    edgeSource: edgeSource.slice(0, m),
    edgeTarget: edgeTarget.slice(0, m),
    edgeCost: edgeCost.slice(0, m),
    edgeReverseCost: edgeReverseCost.slice(0, m),
    edgeLength: edgeLength.slice(0, m),
    edgeWayId: edgeWayId.slice(0, m),
  };
  const csr = buildCsr(n, edges.edgeSource, edges.edgeTarget, edges.edgeCost, edges.edgeReverseCost);
  return { nodeIds, lon, lat, ...edges, csr };
}

/** Graph index of an OSM node id (binary search over the sorted ids), or -1. */
export function nodeIndex(graph: RoadGraph, osmId: number): number {
  const ids = graph.nodeIds;
  let lo = 0, hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] === osmId) return mid;
    if (ids[mid] < osmId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
