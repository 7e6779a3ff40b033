// A coarse copy of a national level's polygons for the map zoomed out (issue
// 18). In software WebGL a frame of England's 190k Output Areas cost seconds
// of vertex work, though at country zoom an area is a pixel or two. Each ring
// is thinned (Douglas–Peucker on Web Mercator) to within `tolerance` and
// triangulated again; every polygon stays, in the same order and with at least
// a triangle, so per-polygon colours and the area each polygon belongs to are
// those of the full geometry.
import type { AreaGeometry } from '../contract/area-geometry';
import { mercatorY, RAD, triangulate } from './area-triangles';

/** Marks the vertices of ring [first, last] (last repeating first) that stay. */
function thin(x: Float64Array, y: Float64Array, first: number, last: number, tolerance: number, keep: Uint8Array): void {
  keep[first] = keep[last] = 1;
  const stack = [first, last];
  while (stack.length) {
    const b = stack.pop()!, a = stack.pop()!;
    let far = -1, farD = tolerance * tolerance;
    const dx = x[b] - x[a], dy = y[b] - y[a], len2 = dx * dx + dy * dy;
    for (let i = a + 1; i < b; i++) {
      // Distance to the chord (to the point a, where the chord is a point: a closed ring's ends).
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x[i] - x[a]) * dx + (y[i] - y[a]) * dy) / len2)) : 0;
      const ex = x[i] - (x[a] + t * dx), ey = y[i] - (y[a] + t * dy);
      const d = ex * ex + ey * ey;
      if (d > farD) [far, farD] = [i, d];
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push(a, far, far, b);
    }
  }
}

/** `tolerance` in Web Mercator radians (6.4e-5 ≈ 400 m on the ground at 0°, 250 m in England). */
export function coarseAreas(g: AreaGeometry, tolerance: number): AreaGeometry {
  const vertices = g.positions.length / 2;
  const x = new Float64Array(vertices), y = new Float64Array(vertices);
  for (let v = 0; v < vertices; v++) [x[v], y[v]] = [g.positions[2 * v] * RAD, mercatorY(g.positions[2 * v + 1])];
  const keep = new Uint8Array(vertices);
  const rings = g.ringStarts.length - 1;
  for (let r = 0; r < rings; r++) {
    const first = g.ringStarts[r], last = g.ringStarts[r + 1] - 1;
    if (last - first < 4) {
      keep.fill(1, first, last + 1); // a triangle already
      continue;
    }
    thin(x, y, first, last, tolerance, keep);
    // A ring thinned to a sliver keeps its first, middle and last vertices: a triangle at least.
    let kept = 0;
    for (let v = first; v <= last; v++) kept += keep[v];
    if (kept < 4) {
      keep[first + Math.floor((last - first) / 3)] = 1;
      keep[first + Math.floor((2 * (last - first)) / 3)] = 1;
    }
  }
  const polygons = g.polygonArea.length;
  let total = 0;
  for (let v = 0; v < vertices; v++) total += keep[v];
  const positions = new Float64Array(2 * total);
  const ringStarts = new Uint32Array(rings + 1);
  const polygonStarts = new Uint32Array(polygons + 1);
  let out = 0;
  for (let p = 0; p < polygons; p++) {
    polygonStarts[p] = out;
    for (let r = g.polygonRings[p]; r < g.polygonRings[p + 1]; r++) {
      ringStarts[r] = out;
      for (let v = g.ringStarts[r]; v < g.ringStarts[r + 1]; v++) {
        if (!keep[v]) continue;
        positions[2 * out] = g.positions[2 * v];
        positions[2 * out + 1] = g.positions[2 * v + 1];
        out++;
      }
    }
  }
  polygonStarts[polygons] = ringStarts[rings] = out;
  const coarse = { ...g, positions, polygonStarts, ringStarts, triangles: new Uint32Array(0) };
  coarse.triangles = triangulate(coarse);
  return coarse;
}
