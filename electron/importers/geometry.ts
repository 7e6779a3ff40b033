// Geometry checks shared by boundary readers: walk coordinates, bbox, reproject,
// and validate/repair polygons (unclosed rings, too few points, self-intersections).
import type * as GeoJSON from 'geojson';
import * as turf from '@turf/turf';
import type { Bbox, Transform } from './crs';

type Coords = number | Coords[];

export function mapPositions<G extends GeoJSON.Geometry>(geometry: G, fn: Transform): G {
  const walk = (c: Coords): Coords =>
    typeof (c as Coords[])[0] === 'number' ? fn(c as number[]) : (c as Coords[]).map(walk);
  if (geometry.type === 'GeometryCollection') {
    return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
  }
  return { ...geometry, coordinates: walk((geometry as GeoJSON.Point).coordinates as Coords) } as G;
}

/** Walks the coordinates without copying them: on a national file a copy is millions of arrays for the GC. */
export function extendBbox(bbox: Bbox, geometry: GeoJSON.Geometry): void {
  const walk = (c: Coords): void => {
    if (typeof (c as Coords[])[0] === 'number') {
      const p = c as number[];
      if (p[0] < bbox[0]) bbox[0] = p[0];
      if (p[1] < bbox[1]) bbox[1] = p[1];
      if (p[0] > bbox[2]) bbox[2] = p[0];
      if (p[1] > bbox[3]) bbox[3] = p[1];
      return;
    }
    for (const child of c as Coords[]) walk(child);
  };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) extendBbox(bbox, g);
  else walk((geometry as GeoJSON.Point).coordinates as Coords);
}

export function emptyBbox(): Bbox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export type PolygonCheck =
  | { ok: true; geometry: GeoJSON.MultiPolygon; repaired: string | null }
  | { ok: false; problem: string };

/**
 * Run on lon/lat: after reprojection, or give `transform` to reproject in the same pass. Normalise to MultiPolygon, close open rings, and split self-intersecting
 * rings with turf.unkinkPolygon (the "figure of eight" a digitiser leaves).
 */
export function checkPolygon(geometry: GeoJSON.Geometry | null, transform?: Transform): PolygonCheck {
  if (!geometry) return { ok: false, problem: 'has no geometry' };
  let polys: GeoJSON.Position[][][];
  if (geometry.type === 'Polygon') polys = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polys = geometry.coordinates;
  else return { ok: false, problem: `is a ${geometry.type}, expected a Polygon or MultiPolygon` };
  if (polys.length === 0) return { ok: false, problem: 'has an empty geometry' };
  const repairs: string[] = [];
  const out: GeoJSON.Position[][][] = [];
  for (const rings of polys) {
    const fixed: GeoJSON.Position[][] = [];
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        return { ok: false, problem: 'has a coordinate that is not a number' };
      }
      // One pass: reproject (when asked) and drop repeated consecutive vertices, digitising noise, not shape.
      const r: number[][] = [];
      for (const p of ring) {
        const q = transform ? transform(p) : [p[0], p[1]];
        if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) return { ok: false, problem: 'has a coordinate that is not a number' };
        const prev = r[r.length - 1];
        if (!prev || q[0] !== prev[0] || q[1] !== prev[1]) r.push(q.length === 2 ? q : [q[0], q[1]]);
      }
      const first = r[0];
      const last = r[r.length - 1];
      if (r.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
        r.push([first[0], first[1]]);
        if (!repairs.includes('closed an open ring')) repairs.push('closed an open ring');
      }
      if (r.length < 4) return { ok: false, problem: `has a ring with ${r.length} points (a polygon ring needs at least 4)` };
      fixed.push(r);
    }
    if (fixed.length === 0) continue;
    const poly = turf.polygon(fixed);
    if (!crossesItself(poly)) {
      out.push(fixed);
      continue;
    }
    try {
      const parts = turf.unkinkPolygon(poly).features.map((f) => f.geometry.coordinates);
      out.push(...parts);
      repairs.push('split a self-intersecting ring');
    } catch (error) {
      return { ok: false, problem: `is self-intersecting and could not be repaired (${(error as Error).message})` };
    }
  }
  if (out.length === 0) return { ok: false, problem: 'has an empty geometry' };
  return { ok: true, geometry: { type: 'MultiPolygon', coordinates: out }, repaired: repairs.length ? repairs.join(', ') : null };
}

/** Degrees (~1 mm): a "kink" this close to a vertex is the ring touching itself there. */
const TOUCH_TOLERANCE = 1e-8;

/**
 * True only for real crossings. Generalised ONS boundaries are full of rings that
 * touch themselves at a shared vertex (valid for point-in-polygon and drawing);
 * turf.kinks reports those too, so they are filtered out here.
 */
function crossesItself(poly: GeoJSON.Feature<GeoJSON.Polygon>): boolean {
  const kinks = turf.kinks(poly).features;
  if (kinks.length === 0) return false;
  const vertices = poly.geometry.coordinates.flat();
  return kinks.some(({ geometry: { coordinates: [x, y] } }) =>
    !vertices.some((v) => Math.abs(v[0] - x) <= TOUCH_TOLERANCE && Math.abs(v[1] - y) <= TOUCH_TOLERANCE),
  );
}
