// Snapping sites and area points to the nearest usable graph node, with the
// off-network leg walked at WALK_SPEED_KMH in a straight (haversine) line.
import { haversineMeters, secondsAt } from '../../shared/travel/geo';
import { WALK_SPEED_KMH } from '../../shared/travel/profiles';
import type { RoadGraph } from './graph-build';
import { buildNearestGrid } from './nearest-grid';

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
  // A graph read from the project's cache has them already (its edges are then not read at all).
  // They are kept with it (graph-cache.ts), so a change to this rule must bump that file's FORMAT.
  if (graph.usable) return graph.usable;
  const n = graph.csr.nodeCount;
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

/** Candidates ranked in plane units before the exact haversine picks among them. */
const CANDIDATES = 8;

export function buildSnapIndex(graph: RoadGraph, usable: Uint8Array = usableNodes(graph)): SnapIndex {
  let count = 0, latSum = 0;
  for (let i = 0; i < usable.length; i++) {
    if (!usable[i]) continue;
    count++;
    latSum += graph.lat[i];
  }
  if (count === 0) return { snap: () => null };
  // Equirectangular about the network's mean latitude: Euclidean nearest in
  // these units ranks candidates; the exact haversine then picks among them.
  const k = Math.cos(((latSum / count) * Math.PI) / 180);
  const nodes = new Int32Array(count), xs = new Float64Array(count), ys = new Float64Array(count);
  for (let i = 0, j = 0; i < usable.length; i++) {
    if (!usable[i]) continue;
    nodes[j] = i;
    xs[j] = graph.lon[i] * k;
    ys[j++] = graph.lat[i];
  }
  const grid = buildNearestGrid(xs, ys);
  const found = new Int32Array(CANDIDATES), squared = new Float64Array(CANDIDATES);
  return {
    snap(lon, lat) {
      const hits = grid.nearest(lon * k, lat, CANDIDATES, found, squared);
      let node = -1, meters = Infinity;
      for (let h = 0; h < hits; h++) {
        const candidate = nodes[found[h]];
        const d = haversineMeters(lon, lat, graph.lon[candidate], graph.lat[candidate]);
        if (d < meters) {
          node = candidate;
          meters = d;
        }
      }
      // No finite distance (a point with no coordinates): no snap, as with no nodes at all.
      return node < 0 ? null : { node, meters, seconds: secondsAt(meters, WALK_SPEED_KMH) };
    },
  };
}
