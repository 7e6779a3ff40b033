// Snapping sites and area points to the nearest usable graph node, with the
// off-network leg walked at WALK_SPEED_KMH in a straight (haversine) line.
import Flatbush from 'flatbush';
import { haversineMeters, secondsAt } from '../../shared/travel/geo';
import { WALK_SPEED_KMH } from '../../shared/travel/profiles';
import type { RoadGraph } from './graph-build';

export interface Snap {
  node: number;
  meters: number;
  /** Time for the off-network leg at walking speed. */
  seconds: number;
}

/**
 * Usable nodes: in the largest weakly connected component and with both an
 * outgoing and an incoming arc. Snapping to a fragment (a private estate's
 * paths cut off by excluded ways, a clipped road at the extract's edge) would
 * make a site or an area look unreachable for no real reason.
 */
export function usableNodes(graph: RoadGraph): Uint8Array {
  const n = graph.nodeIds.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let e = 0; e < graph.edgeSource.length; e++) {
    const a = find(graph.edgeSource[e]), b = find(graph.edgeTarget[e]);
    if (a !== b) parent[a] = b;
  }
  const size = new Int32Array(n);
  let biggest = -1;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (++size[r] > (biggest < 0 ? 0 : size[biggest])) biggest = r;
  }
  const hasIn = new Uint8Array(n);
  const { offsets, targets } = graph.csr;
  for (let k = 0; k < targets.length; k++) hasIn[targets[k]] = 1;
  const usable = new Uint8Array(n);
  for (let i = 0; i < n; i++) usable[i] = find(i) === biggest && hasIn[i] && offsets[i + 1] > offsets[i] ? 1 : 0;
  return usable;
}

export interface SnapIndex {
  snap(lon: number, lat: number): Snap | null;
}

export function buildSnapIndex(graph: RoadGraph, usable: Uint8Array = usableNodes(graph)): SnapIndex {
  const nodes: number[] = [];
  for (let i = 0; i < usable.length; i++) if (usable[i]) nodes.push(i);
  if (nodes.length === 0) return { snap: () => null };
  // Equirectangular about the network's mean latitude: Euclidean nearest in
  // these units ranks candidates; the exact haversine then picks among them.
  let latSum = 0;
  for (const i of nodes) latSum += graph.lat[i];
  const k = Math.cos(((latSum / nodes.length) * Math.PI) / 180);
  const index = new Flatbush(nodes.length);
  for (const i of nodes) index.add(graph.lon[i] * k, graph.lat[i]);
  index.finish();
  return {
    snap(lon, lat) {
      let best: Snap | null = null;
      for (const hit of index.neighbors(lon * k, lat, 8)) {
        const node = nodes[hit];
        const meters = haversineMeters(lon, lat, graph.lon[node], graph.lat[node]);
        if (!best || meters < best.meters) best = { node, meters, seconds: secondsAt(meters, WALK_SPEED_KMH) };
      }
      return best;
    },
  };
}
