// Dissolving the areas of one level into the areas of a coarser one (OAs into
// LSOAs, wards, MSOAs) by a lookup, so an analyst never needs another GIS tool.
// Published boundary sets are topological (neighbours share their vertices),
// so a group dissolves by removing the edges its areas share and joining what
// is left into rings: linear in the vertices, England's 180k OAs in seconds.
// Where that does not hold (a vertex on a neighbour's edge, overlaps, areas
// touching at a point) the group falls back to a polygon union, which is
// exact but some 50 times slower.
import * as turf from '@turf/turf';
import type * as GeoJSON from 'geojson';

export type AreaPolygon = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type Ring = GeoJSON.Position[];

/** How a group was dissolved, counted for the import summary. */
export type DissolveMethod = 'single' | 'shared-edges' | 'union';

/** The union of one group's polygons, always as a MultiPolygon (the area tables' type). */
export function dissolveGroup(parts: readonly AreaPolygon[], used?: (method: DissolveMethod) => void): GeoJSON.MultiPolygon | null {
  if (parts.length === 0) return null;
  const byEdges = parts.length === 1 ? asMulti(parts[0]) : dissolveBySharedEdges(parts);
  used?.(parts.length === 1 ? 'single' : byEdges ? 'shared-edges' : 'union');
  if (byEdges) return byEdges;
  const merged = turf.union(turf.featureCollection(parts.map((g) => turf.feature(g))));
  return merged ? asMulti(merged.geometry) : null;
}

function asMulti(g: AreaPolygon): GeoJSON.MultiPolygon {
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };
}

/** Twice the signed planar area: positive for a counter-clockwise ring. */
function signedArea2(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

function extent(ring: Ring): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  return [w, s, e, n];
}

const boxesMeet = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function inside(p: GeoJSON.Position, ring: Ring): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * Shared-edge removal, or null when the group is not cleanly topological.
 * Every ring is oriented (outer counter-clockwise, holes clockwise), so an
 * edge two neighbours share appears once each way and both go.
 */
export function dissolveBySharedEdges(parts: readonly AreaPolygon[]): GeoJSON.MultiPolygon | null {
  const ids = new Map<string, number>();
  const points: GeoJSON.Position[] = [];
  const vertex = (p: GeoJSON.Position) => {
    const key = `${p[0]},${p[1]}`;
    let i = ids.get(key);
    if (i === undefined) {
      i = points.length;
      ids.set(key, i);
      points.push(p);
    }
    return i;
  };
  const SCALE = 2 ** 26;
  const edges = new Set<number>();
  let areaIn = 0;
  for (const part of parts) {
    for (const polygon of part.type === 'Polygon' ? [part.coordinates] : part.coordinates) {
      polygon.forEach((ring, r) => {
        const a2 = signedArea2(ring);
        areaIn += r === 0 ? Math.abs(a2) : -Math.abs(a2);
        const forward = r === 0 ? a2 > 0 : a2 < 0;
        const ordered = forward ? ring : [...ring].reverse();
        for (let i = 0; i + 1 < ordered.length; i++) {
          const a = vertex(ordered[i]);
          const b = vertex(ordered[i + 1]);
          if (a === b) continue;
          if (edges.has(b * SCALE + a)) edges.delete(b * SCALE + a);
          else edges.add(a * SCALE + b);
        }
      });
    }
  }
  if (points.length >= SCALE) return null;
  const next = new Map<number, number>();
  for (const e of edges) {
    const a = Math.floor(e / SCALE);
    if (next.has(a)) return null; // two ways on from a vertex: a pinch, a T-junction or an overlap
    next.set(a, e - a * SCALE);
  }
  const outers: Ring[] = [];
  const holes: Ring[] = [];
  const seen = new Set<number>();
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const ring: Ring = [];
    let v: number | undefined = start;
    while (v !== undefined && !seen.has(v)) {
      seen.add(v);
      ring.push(points[v]);
      v = next.get(v);
    }
    if (v !== start || ring.length < 3) return null;
    ring.push(points[start]);
    (signedArea2(ring) > 0 ? outers : holes).push(ring);
  }
  // Separate parts are islands; parts whose extents meet may overlap without sharing a vertex, so the union decides.
  const boxes = outers.map(extent);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (boxesMeet(boxes[i], boxes[j])) return null;
  const polygons: Ring[][] = outers.map((o) => [o]);
  for (const hole of holes) {
    // The smallest outer ring holding the hole's first vertex.
    const owner = polygons.filter((p) => inside(hole[0], p[0])).sort((x, y) => Math.abs(signedArea2(x[0])) - Math.abs(signedArea2(y[0])))[0];
    if (!owner) return null;
    owner.push(hole);
  }
  // The same area out as in: anything else means the areas overlapped.
  let areaOut = 0;
  for (const p of polygons) p.forEach((ring, r) => (areaOut += r === 0 ? Math.abs(signedArea2(ring)) : -Math.abs(signedArea2(ring))));
  if (!(Math.abs(areaOut - areaIn) <= 1e-9 * Math.abs(areaIn))) return null;
  return { type: 'MultiPolygon', coordinates: polygons };
}
