// The typed-array BNG -> WGS 84 fast paths must give what proj4 gives for the
// same definition (crs.ts BNG_DEF), so switching to them changes no result:
// the exact one (bng-wgs84.ts) to nanometres, the tile polynomials that the
// importers use (bng-wgs84-tiles.ts) to well under a micrometre.
import { describe, expect, it } from 'vitest';
import { bngToWgs84InPlace } from '../../electron/importers/bng-wgs84';
import { bngToWgs84ByTiles } from '../../electron/importers/bng-wgs84-tiles';
import { BNG, reprojectToWgs84InPlace, toWgs84 } from '../../electron/importers/crs';

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Metres between two lon/lat points this close together (equirectangular). */
function metres(a: number[], b: number[]): number {
  const k = 111_320;
  return Math.hypot((a[0] - b[0]) * k * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * k);
}

describe('BNG to WGS 84 fast path', () => {
  it('agrees with proj4 to well under a millimetre across Great Britain', () => {
    const rand = seeded(27700);
    const n = 5000;
    const xy = new Float64Array(n * 2);
    // The grid's extent, Scilly to Shetland, plus the corners of the false origin.
    for (let i = 0; i < n; i++) {
      xy[2 * i] = rand() * 700_000;
      xy[2 * i + 1] = rand() * 1_250_000;
    }
    xy.set([0, 0, 700_000, 1_250_000, 400_000, -100_000, 0, 1_250_000], 0);
    const input = xy.slice();
    bngToWgs84InPlace(xy);
    const proj = toWgs84(BNG);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const want = proj([input[2 * i], input[2 * i + 1]]);
      worst = Math.max(worst, metres([xy[2 * i], xy[2 * i + 1]], want));
    }
    expect(worst).toBeLessThan(1e-3);
    // In practice it is the same arithmetic: nanometres, not millimetres.
    expect(worst).toBeLessThan(1e-6);
  });

  it('by tiles: agrees with proj4 to under a micrometre at 100k random points, tile edges and corners', () => {
    const rand = seeded(4326);
    const n = 100_000;
    const xy = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      // Scilly to Shetland with the tiled margin; every 10th point on a 50 km tile edge, every 100th on a corner.
      let e = -100_000 + rand() * 1_000_000;
      let north = -100_000 + rand() * 1_500_000;
      if (i % 10 === 0) e = Math.round(e / 50_000) * 50_000;
      if (i % 100 === 0) north = Math.round(north / 50_000) * 50_000;
      xy[2 * i] = e;
      xy[2 * i + 1] = north;
    }
    const input = xy.slice();
    bngToWgs84ByTiles(xy);
    const exact = input.slice();
    bngToWgs84InPlace(exact);
    const proj = toWgs84(BNG);
    let worstProj = 0;
    let worstExact = 0;
    for (let i = 0; i < n; i++) {
      const got = [xy[2 * i], xy[2 * i + 1]];
      worstProj = Math.max(worstProj, metres(got, proj([input[2 * i], input[2 * i + 1]])));
      worstExact = Math.max(worstExact, metres(got, [exact[2 * i], exact[2 * i + 1]]));
    }
    // The existing bound for the exact path, and in fact some 50 times tighter.
    expect(worstProj).toBeLessThan(1e-6);
    expect(worstExact).toBeLessThan(2e-8);
  });

  it('by tiles: the same point always gives the same answer, and points off the tiles or not numbers take the exact path', () => {
    // A vertex shared by two areas is converted twice, at different times and after other tiles were fitted.
    const a = new Float64Array([512_345.678, 301_234.5, 12_000, 1_200_000, 512_345.678, 301_234.5]);
    bngToWgs84ByTiles(a);
    expect([a[4], a[5]]).toEqual([a[0], a[1]]);
    // West of -100 km, east of 900 km, south of -100 km, north of 1400 km: no tile; these take
    // the exact formula bit for bit (a fitted tile would differ from it in the last digits).
    const off = new Float64Array([-150_000, 500_000, 950_000, 300_000, 300_000, -150_000, 300_000, 1_450_000]);
    const exact = off.slice();
    bngToWgs84InPlace(exact);
    bngToWgs84ByTiles(off);
    expect([...off]).toEqual([...exact]);
    expect(metres([off[0], off[1]], toWgs84(BNG)([-150_000, 500_000]))).toBeLessThan(1e-6);
    const bad = new Float64Array([NaN, 100_000, 500_000, Infinity, -Infinity, 0, 1e300, 1e300]);
    bngToWgs84ByTiles(bad);
    expect([...bad].every(Number.isNaN)).toBe(true);
  });

  it('turns non-numbers into NaN and leaves other CRSs to proj4', () => {
    const xy = new Float64Array([NaN, 100_000, 500_000, Infinity, 450_000, 200_000]);
    reprojectToWgs84InPlace(BNG, xy);
    expect([...xy.subarray(0, 4)].every(Number.isNaN)).toBe(true);
    expect(xy[4]).toBeCloseTo(-1.27, 1);
    expect(xy[5]).toBeCloseTo(51.67, 1);
    const wgs = new Float64Array([-1.5, 53.8]);
    reprojectToWgs84InPlace({ id: 'EPSG:4326', label: 'WGS 84', def: null }, wgs);
    expect([...wgs]).toEqual([-1.5, 53.8]);
  });
});
