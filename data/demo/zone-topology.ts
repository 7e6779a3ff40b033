// Turns metre cells into the lon/lat rings that get written, and finds which
// cells share an edge. Shared vertices are projected and rounded once, so
// neighbours carry identical coordinates and tile without slivers.
import { bngToLonLat } from './bng';
import { signedArea, type Pt } from './planar';
import type { ZoneCell } from './zone-cells';
import { CENTRE_BNG } from './town-plan';

export interface ProjectedZone {
  /** Counter-clockwise open lon/lat ring, 6 dp, no repeated vertices. */
  lonLat: Pt[];
  /** Indices of zones sharing at least one edge. */
  neighbours: number[];
}

export const vertexKey = (p: Pt): string => `${p[0]},${p[1]}`;

export function projectZones(cells: readonly ZoneCell[]): ProjectedZone[] {
  const cache = new Map<string, Pt>();
  const project = (p: Pt): Pt => {
    const key = vertexKey(p);
    let out = cache.get(key);
    if (!out) {
      out = bngToLonLat([CENTRE_BNG[0] + p[0], CENTRE_BNG[1] + p[1]]);
      cache.set(key, out);
    }
    return out;
  };
  const rings = cells.map((cell) => {
    const ring: Pt[] = [];
    for (const p of cell.ring.map(project)) {
      const last = ring[ring.length - 1];
      // Edges shorter than the 6 dp grid collapse; drop the duplicate vertex.
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    }
    while (ring.length > 1 && vertexKey(ring[0]) === vertexKey(ring[ring.length - 1])) ring.pop();
    if (ring.length < 3 || signedArea(ring) <= 0) throw new Error('Degenerate zone ring after rounding');
    return ring;
  });
  const owners = new Map<string, number>();
  const neighbours = rings.map(() => new Set<number>());
  rings.forEach((ring, i) => {
    ring.forEach((a, k) => {
      const b = ring[(k + 1) % ring.length];
      owners.set(`${vertexKey(a)}>${vertexKey(b)}`, i);
    });
  });
  rings.forEach((ring, i) => {
    ring.forEach((a, k) => {
      const b = ring[(k + 1) % ring.length];
      const other = owners.get(`${vertexKey(b)}>${vertexKey(a)}`);
      if (other !== undefined && other !== i) neighbours[i].add(other);
    });
  });
  return rings.map((lonLat, i) => ({ lonLat, neighbours: [...neighbours[i]].sort((a, b) => a - b) }));
}
