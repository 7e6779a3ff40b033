// Checks and cleans one area of a flat polygon layer (flat-polygons.ts), in
// lon/lat, into a reused output builder: drop repeated consecutive vertices
// (digitising noise, not shape), close open rings, refuse rings of fewer than 4
// points, and split rings that really cross themselves with turf.unkinkPolygon,
// the "figure of eight" a digitiser leaves. Only those rare polygons become
// GeoJSON; everything else stays in typed arrays.
import * as turf from '@turf/turf';
import type * as GeoJSON from 'geojson';
import type { FlatBuilder, FlatPolygons } from './flat-polygons';
import { crossesItself } from './self-intersection';

export type FlatCheck = { ok: true; repaired: string | null } | { ok: false; problem: string };

const NOT_A_NUMBER: FlatCheck = { ok: false, problem: 'has a coordinate that is not a number' };
const EMPTY: FlatCheck = { ok: false, problem: 'has an empty geometry' };
const CLEAN: FlatCheck = { ok: true, repaired: null };

/**
 * Feature f of src, checked and appended to out: when ok, a MultiPolygon of the
 * parts out has gained. Not reset, so an importer can gather a whole layer's
 * checked areas in one builder; after a failure out holds part of the area.
 */
export function checkFlatPolygon(src: FlatPolygons, f: number, out: FlatBuilder): FlatCheck {
  const firstPart = out.parts;
  const problem = src.problems.get(f);
  if (problem) return { ok: false, problem };
  const { xy, ringEnd, partEnd, featureEnd } = src;
  const p0 = f ? featureEnd[f - 1] : 0;
  const p1 = featureEnd[f];
  if (p0 === p1) return EMPTY;
  let repairs: string[] | null = null;
  for (let p = p0; p < p1; p++) {
    const firstRing = out.rings;
    for (let r = p ? partEnd[p - 1] : 0; r < partEnd[p]; r++) {
      const start = out.reserve(ringEnd[r] - (r ? ringEnd[r - 1] : 0) + 1);
      const o = out.xy;
      let n = start;
      for (let v = r ? ringEnd[r - 1] : 0; v < ringEnd[r]; v++) {
        const x = xy[2 * v];
        const y = xy[2 * v + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) return NOT_A_NUMBER;
        if (n > start && x === o[2 * n - 2] && y === o[2 * n - 1]) continue;
        o[2 * n] = x;
        o[2 * n + 1] = y;
        n++;
      }
      if (n > start && (o[2 * start] !== o[2 * n - 2] || o[2 * start + 1] !== o[2 * n - 1])) {
        o[2 * n] = o[2 * start];
        o[2 * n + 1] = o[2 * start + 1];
        n++;
        repairs ??= [];
        if (!repairs.includes('closed an open ring')) repairs.push('closed an open ring');
      }
      if (n - start < 4) return { ok: false, problem: `has a ring with ${n - start} points (a polygon ring needs at least 4)` };
      out.vertices = n;
      out.endRing();
    }
    if (out.rings === firstRing) continue;
    if (!crossesItself(out.xy, out.ringEnd, firstRing, out.rings)) {
      const hole = holeOutside(out.xy, out.ringEnd, firstRing, out.rings);
      if (hole) return { ok: false, problem: `has a hole (ring ${hole + 1} of part ${out.parts - firstPart + 1}) outside its outer ring` };
      out.endPart();
      continue;
    }
    const rings = geoJsonRings(out, firstRing);
    out.vertices = firstRing ? out.ringEnd[firstRing - 1] : 0;
    out.rings = firstRing;
    try {
      for (const part of turf.unkinkPolygon(turf.polygon(rings)).features) out.geoJsonPart(part.geometry.coordinates);
      (repairs ??= []).push('split a self-intersecting ring');
    } catch (error) {
      return { ok: false, problem: `is self-intersecting and could not be repaired (${(error as Error).message})` };
    }
  }
  if (out.parts === firstPart) return EMPTY;
  return repairs ? { ok: true, repaired: repairs.join(', ') } : CLEAN;
}

/** 1 inside, -1 outside, 0 on a vertex or edge of ring [v0, v1) (closed: last vertex = first). */
function sideOfRing(xy: Float64Array, v0: number, v1: number, x: number, y: number): number {
  let inside = false;
  for (let i = v0, j = v1 - 2; i < v1 - 1; j = i++) {
    const xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (cross === 0 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * The first hole (ring index within the part, from 1) with no vertex inside
 * the part's outer ring, or 0. The rings do not cross (checked first), so a
 * hole is wholly inside or wholly outside; vertices it shares with the outer
 * ring decide nothing, and a valid hole stops the scan at its first vertex.
 */
function holeOutside(xy: Float64Array, ringEnd: Uint32Array, r0: number, r1: number): number {
  const s0 = r0 ? ringEnd[r0 - 1] : 0;
  const s1 = ringEnd[r0];
  for (let r = r0 + 1; r < r1; r++) {
    let inside = false;
    for (let v = ringEnd[r - 1]; v < ringEnd[r] - 1 && !inside; v++) inside = sideOfRing(xy, s0, s1, xy[2 * v], xy[2 * v + 1]) > 0;
    if (!inside) return r - r0;
  }
  return 0;
}

function geoJsonRings(b: FlatBuilder, r0: number): GeoJSON.Position[][] {
  const rings: GeoJSON.Position[][] = [];
  for (let r = r0; r < b.rings; r++) {
    const ring: GeoJSON.Position[] = [];
    for (let v = r ? b.ringEnd[r - 1] : 0; v < b.ringEnd[r]; v++) ring.push([b.xy[2 * v], b.xy[2 * v + 1]]);
    rings.push(ring);
  }
  return rings;
}
