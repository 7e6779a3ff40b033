// Output-Area-like cells: Voronoi cells of seeded points, denser in the
// centre, clipped to a convex town boundary. Works in metres from the centre.
import { featureCollection, point, voronoi } from '@turf/turf';
import type { Rng } from './prng';
import { clipToConvex, convexHull, distance, signedArea, type Pt } from './planar';
import { BOUNDARY_RADIUS, BUILT_UP_RADIUS, ringRadius, shapeFactor } from './town-plan';

export interface ZoneCell {
  seed: Pt;
  /** Counter-clockwise open ring in metres from the centre. */
  ring: Pt[];
}

export function townBoundary(rng: Rng): Pt[] {
  const pts: Pt[] = [];
  const n = 28;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n + rng.uniform(-0.04, 0.04);
    const r = BOUNDARY_RADIUS * shapeFactor(a) * rng.uniform(0.985, 1.015);
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  // The clipper needs a convex outline; the lumps are gentle enough that the
  // hull keeps almost every point.
  return convexHull(pts);
}

/** Typical spacing between OA seeds: tight terraces in the centre, fields outside. */
function spacingAt(p: Pt): number {
  const r = ringRadius(p);
  return r < BUILT_UP_RADIUS ? 190 + 170 * (r / BUILT_UP_RADIUS) : 1250;
}

function insideConvex(p: Pt, ring: readonly Pt[]): boolean {
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < 0) return false;
  }
  return true;
}

/** Dart throwing with density-dependent acceptance and minimum spacing. */
export function sampleSeeds(rng: Rng, boundary: readonly Pt[], count: number): Pt[] {
  const seeds: Pt[] = [];
  const extent = BOUNDARY_RADIUS * 1.2;
  for (let tries = 0; seeds.length < count; tries++) {
    if (tries > 500_000) throw new Error('Could not place enough zone seeds');
    const p: Pt = [rng.uniform(-extent, extent), rng.uniform(-extent, extent)];
    // Keep seeds off the boundary so no cell is a thin sliver along it.
    if (!insideConvex(p, boundary) || ringRadius(p) > BOUNDARY_RADIUS * 0.97) continue;
    const s = spacingAt(p);
    if (!rng.chance((190 / s) ** 2)) continue;
    if (seeds.some((q) => distance(p, q) < 0.62 * Math.min(s, spacingAt(q)))) continue;
    seeds.push(p);
  }
  return seeds;
}

export function zoneCells(seeds: readonly Pt[], boundary: readonly Pt[]): ZoneCell[] {
  const pad = BOUNDARY_RADIUS * 1.5;
  const diagram = voronoi(featureCollection(seeds.map((s) => point(s))), { bbox: [-pad, -pad, pad, pad] });
  return seeds.map((seed, i) => {
    const cell = diagram.features[i];
    if (!cell) throw new Error(`No Voronoi cell for seed ${i}`);
    const open = cell.geometry.coordinates[0].slice(0, -1) as Pt[];
    const ccw = signedArea(open) > 0 ? open : [...open].reverse();
    return { seed, ring: clipToConvex(ccw, boundary) };
  });
}
