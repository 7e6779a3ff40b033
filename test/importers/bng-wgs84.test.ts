// The typed-array BNG -> WGS 84 fast path must give what proj4 gives for the
// same definition (crs.ts BNG_DEF), so switching to it changes no result.
import { describe, expect, it } from 'vitest';
import { bngToWgs84InPlace } from '../../electron/importers/bng-wgs84';
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
