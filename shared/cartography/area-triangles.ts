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

export function triangulate(flat: PolygonRings): Uint32Array<ArrayBuffer> {
  const { positions, polygonStarts, ringStarts, polygonRings } = flat;
  const out: Uint32Array[] = [];
  let total = 0;
  let scratch = new Float64Array(0);
  for (let p = 0; p + 1 < polygonStarts.length; p++) {
    const v0 = polygonStarts[p];
    const n = polygonStarts[p + 1] - v0;
    if (scratch.length < 2 * n) scratch = new Float64Array(2 * n);
    for (let v = 0; v < n; v++) {
      scratch[2 * v] = positions[2 * (v0 + v)] * RAD;
      scratch[2 * v + 1] = mercatorY(positions[2 * (v0 + v) + 1]);
    }
    const holes: number[] = [];
    for (let r = polygonRings[p] + 1; r < polygonRings[p + 1]; r++) holes.push(ringStarts[r] - v0);
    const local = earcut(scratch.subarray(0, 2 * n), holes.length ? holes : undefined, 2);
    const tri = new Uint32Array(local.length);
    for (let i = 0; i < local.length; i++) tri[i] = local[i] + v0;
    out.push(tri);
    total += tri.length;
  }
  const triangles = new Uint32Array(total);
  let at = 0;
  for (const t of out) {
    triangles.set(t, at);
    at += t.length;
  }
  return triangles;
}

