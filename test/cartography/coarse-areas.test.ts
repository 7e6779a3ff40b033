// The coarse copy a national level is drawn with when zoomed out, on Rutland's
// real OAs: same polygons in the same order (so colours and areas line up),
// each ring a subset of its own vertices in order, fewer vertices, and the
// triangles' total area within 1% of the full triangulation's (shoelace on Web
// Mercator, as the triangles are cut).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { geometryProblem, type AreaGeometry } from '../../shared/contract/area-geometry';
import { coarseAreas } from '../../shared/cartography/coarse-areas';
import { mercatorY, RAD } from '../../shared/cartography/area-triangles';
import { areaGeometry } from '../../electron/services/area-geometry';
import { buildRutland, type RutlandProject } from '../support/rutland-project';

let rutland: RutlandProject;
let g: AreaGeometry;
beforeAll(async () => {
  rutland = await buildRutland({ oac: false, population: false, postcodes: false, sites: false });
  g = areaGeometry(rutland.project.db, 'OA');
}, 120_000);
afterAll(() => rutland?.cleanup());

function trianglesArea(a: AreaGeometry): number {
  let sum = 0;
  const at = (i: number) => [a.positions[2 * i] * RAD, mercatorY(a.positions[2 * i + 1])];
  for (let t = 0; t < a.triangles.length; t += 3) {
    const [p, q, r] = [at(a.triangles[t]), at(a.triangles[t + 1]), at(a.triangles[t + 2])];
    sum += Math.abs((q[0] - p[0]) * (r[1] - p[1]) - (r[0] - p[0]) * (q[1] - p[1])) / 2;
  }
  return sum;
}

it('keeps every polygon, in order, from a subset of its own vertices', () => {
  const c = coarseAreas(g, 6.4e-5);
  expect(geometryProblem(c)).toBeNull();
  expect(Array.from(c.polygonArea)).toEqual(Array.from(g.polygonArea));
  expect(c.codes).toEqual(g.codes);
  for (let r = 0; r + 1 < g.ringStarts.length; r++) {
    const fine: string[] = [];
    for (let v = g.ringStarts[r]; v < g.ringStarts[r + 1]; v++) fine.push(`${g.positions[2 * v]},${g.positions[2 * v + 1]}`);
    let k = 0;
    for (let v = c.ringStarts[r]; v < c.ringStarts[r + 1]; v++) {
      const here = `${c.positions[2 * v]},${c.positions[2 * v + 1]}`;
      while (k < fine.length && fine[k] !== here) k++;
      expect(k, `ring ${r}`).toBeLessThan(fine.length); // found, after the previous one
    }
    expect(c.ringStarts[r + 1] - c.ringStarts[r]).toBeGreaterThanOrEqual(Math.min(4, fine.length));
  }
});

it('draws fewer vertices with the same area, within 1%', () => {
  const c = coarseAreas(g, 6.4e-5);
  expect(c.positions.length).toBeLessThan(0.6 * g.positions.length);
  const [fine, coarse] = [trianglesArea(g), trianglesArea(c)];
  expect(Math.abs(coarse - fine) / fine).toBeLessThan(0.01);
});

it('keeps everything off a straight line at a tolerance of almost nothing', () => {
  const c = coarseAreas(g, 1e-13);
  expect(c.positions.length).toBeGreaterThan(0.97 * g.positions.length);
  expect(Math.abs(trianglesArea(c) - trianglesArea(g)) / trianglesArea(g)).toBeLessThan(1e-6);
});
