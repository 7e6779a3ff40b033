// British National Grid to WGS 84 for whole boundary files: the exact transform
// (bng-wgs84.ts: inverse transverse Mercator, Helmert, geodetic latitude; about
// a dozen sines, exponentials, square roots and arctangents a point) stood in
// for by a polynomial per 50 km tile. On a tile the map from metres to degrees
// is so smooth that Chebyshev interpolation of degree 5 in each direction
// reproduces it to ~1e-13 degrees (~1e-8 m; test/importers/bng-wgs84.test.ts
// holds it to proj4 across Great Britain), in ~70 multiply-adds. Tiles are fitted
// on first use from 36 exact points each and kept: they depend on nothing else.
// The same easting and northing always meet the same tile, so a vertex shared
// by neighbouring areas still lands on one point. Points off the tiled grid,
// and non-numbers, take the exact path.
import { bngToWgs84InPlace } from './bng-wgs84';

const TILE = 50_000;
const HALF = TILE / 2;
// The tiled extent, metres: the grid's own (0..700 km by 0..1300 km) with a margin.
const E_MIN = -100_000;
const N_MIN = -100_000;
const COLS = 20; // to 900 km east
const ROWS = 30; // to 1400 km north
const DEGREE = 5;
const K = DEGREE + 1;
if (K !== 6) throw new Error('evaluate() is unrolled for degree 5');
/** Per tile: K*K coefficients of u^p v^q for longitude, then as many for latitude. */
const TILE_DOUBLES = 2 * K * K;

// Chebyshev points of the first kind on [-1, 1], T_m at each, and T_m's monomial coefficients.
const NODES = Array.from({ length: K }, (_, k) => Math.cos((Math.PI * (k + 0.5)) / K));
const T_AT_NODE = NODES.map((x) => {
  const t = [1, x];
  for (let m = 2; m < K; m++) t.push(2 * x * t[m - 1] - t[m - 2]);
  return t;
});
const T_MONOMIAL: number[][] = [[1], [0, 1]];
for (let m = 2; m < K; m++) {
  const c = new Array<number>(m + 1).fill(0);
  T_MONOMIAL[m - 1].forEach((a, p) => (c[p + 1] += 2 * a));
  T_MONOMIAL[m - 2].forEach((a, p) => (c[p] -= a));
  T_MONOMIAL.push(c);
}

let coefficients: Float64Array | null = null;
let fitted: Uint8Array | null = null;

/** Interpolates tile (col, row): exact values at the K x K Chebyshev points, as a polynomial in the tile's u, v in [-1, 1]. */
function fitTile(tile: number, col: number, row: number): void {
  const e0 = E_MIN + col * TILE + HALF;
  const n0 = N_MIN + row * TILE + HALF;
  const xy = new Float64Array(2 * K * K);
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < K; l++) {
      xy[2 * (k * K + l)] = e0 + NODES[k] * HALF;
      xy[2 * (k * K + l) + 1] = n0 + NODES[l] * HALF;
    }
  }
  bngToWgs84InPlace(xy);
  const out = coefficients!;
  const base = tile * TILE_DOUBLES;
  out.fill(0, base, base + TILE_DOUBLES);
  for (let o = 0; o < 2; o++) {
    // Fitted as differences from one corner value, so the sums keep the small digits.
    const ref = xy[o];
    for (let m = 0; m < K; m++) {
      for (let n = 0; n < K; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) s += (xy[2 * (k * K + l) + o] - ref) * T_AT_NODE[k][m] * T_AT_NODE[l][n];
        const a = (s * (m ? 2 : 1) * (n ? 2 : 1)) / (K * K);
        for (let p = 0; p <= m; p++) {
          for (let q = 0; q <= n; q++) out[base + o * K * K + p * K + q] += a * T_MONOMIAL[m][p] * T_MONOMIAL[n][q];
        }
      }
    }
    out[base + o * K * K] += ref;
  }
  fitted![tile] = 1;
}

/**
 * Replaces each (easting, northing) pair of xy, in metres, with (longitude,
 * latitude) in degrees on WGS 84, as bngToWgs84InPlace does to within ~1e-8 m.
 * A pair that is not finite becomes NaN, NaN.
 */
export function bngToWgs84ByTiles(xy: Float64Array): void {
  coefficients ??= new Float64Array(COLS * ROWS * TILE_DOUBLES);
  fitted ??= new Uint8Array(COLS * ROWS);
  const c = coefficients;
  for (let i = 0; i < xy.length; i += 2) {
    const e = xy[i];
    const n = xy[i + 1];
    const fc = (e - E_MIN) * (1 / TILE);
    const fr = (n - N_MIN) * (1 / TILE);
    if (!(fc >= 0 && fc < COLS && fr >= 0 && fr < ROWS)) {
      bngToWgs84InPlace(xy, i, i + 2);
      continue;
    }
    const col = fc | 0;
    const row = fr | 0;
    const tile = row * COLS + col;
    if (fitted![tile] === 0) fitTile(tile, col, row);
    const u = (e - (E_MIN + col * TILE + HALF)) * (1 / HALF);
    const v = (n - (N_MIN + row * TILE + HALF)) * (1 / HALF);
    xy[i] = evaluate(c, tile * TILE_DOUBLES, u, v);
    xy[i + 1] = evaluate(c, tile * TILE_DOUBLES + K * K, u, v);
  }
}

/** Sum of c[at + p*K + q] u^p v^q, by Horner in v (unrolled: K is 6) within Horner in u. */
function evaluate(c: Float64Array, at: number, u: number, v: number): number {
  let r = 0;
  for (let p = K - 1; p >= 0; p--) {
    const o = at + p * K;
    const s = ((((c[o + 5] * v + c[o + 4]) * v + c[o + 3]) * v + c[o + 2]) * v + c[o + 1]) * v + c[o];
    r = r * u + s;
  }
  return r;
}
