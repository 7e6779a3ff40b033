// Fill triangles of flat polygons (getAreaGeometry's arrays): earcut on Web
// Mercator, as deck.gl's own tessellator does it, so the fill covers the same
// pixels. The main process triangulates a level once; the page triangulates
// the coarse copy it draws a national level with when zoomed out.
import { earcut } from '@math.gl/polygon';
import type { AreaGeometry } from '../contract/area-geometry';

export type PolygonRings = Pick<AreaGeometry, 'positions' | 'polygonStarts' | 'ringStarts' | 'polygonRings'>;

export const RAD = Math.PI / 180;
/** Web Mercator y (unscaled), clamped short of the poles. */
export const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * RAD) / 2));

/**
 * `view`: the triangles as a view of the (larger) array they were gathered in,
 * for a caller that only writes them out (an import: no 87 MB copy nationally);
 * otherwise an array of its own, its buffer no longer than it. `spare`: memory
 * the caller no longer needs, gathered in when it is large enough (an import's
 * raw vertices, once checked: no ~90 MB of fresh pages nationally).
 */
export function triangulate(flat: PolygonRings, view = false, spare?: ArrayBuffer): Uint32Array<ArrayBuffer> {
  const { positions, polygonStarts, ringStarts, polygonRings } = flat;
  // One output array, grown rarely: a simple polygon of n vertices (its ring
  // closed, so n - 1 distinct) gives at most n - 3 triangles, a hole two more.
  const room = Math.max(16, 3 * (polygonStarts[polygonStarts.length - 1] ?? 0));
  let triangles = spare && spare.byteLength >= 4 * room ? new Uint32Array(spare, 0, room) : new Uint32Array(room);
  let total = 0;
  let scratch = new Float64Array(0);
  const holes: number[] = [];
  for (let p = 0; p + 1 < polygonStarts.length; p++) {
    const v0 = polygonStarts[p];
    const n = polygonStarts[p + 1] - v0;
    if (scratch.length < 2 * n) scratch = new Float64Array(2 * n);
    for (let v = 0, i = 2 * v0; v < n; v++, i += 2) {
      scratch[2 * v] = positions[i] * RAD;
      scratch[2 * v + 1] = mercatorY(positions[i + 1]);
    }
    holes.length = 0;
    for (let r = polygonRings[p] + 1; r < polygonRings[p + 1]; r++) holes.push(ringStarts[r] - v0);
    const local = earcut(scratch.subarray(0, 2 * n), holes.length ? holes : undefined, 2);
    if (total + local.length > triangles.length) {
      const bigger = new Uint32Array(Math.max(total + local.length, 2 * triangles.length));
      bigger.set(triangles.subarray(0, total));
      triangles = bigger;
    }
    for (let i = 0; i < local.length; i++) triangles[total++] = local[i] + v0;
  }
  return view ? triangles.subarray(0, total) : triangles.slice(0, total);
}
