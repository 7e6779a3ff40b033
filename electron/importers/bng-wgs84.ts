// British National Grid (EPSG:27700) to WGS 84 lon/lat over a flat array, in
// place. The same maths and constants as proj4's reading of BNG_DEF (crs.ts):
// inverse Extended Transverse Mercator (Poder/Engsager, proj4's "tmerc") on
// Airy 1830, geocentric coordinates, the 7-parameter Helmert of +towgs84
// (EPSG 1314), and back to latitude/longitude on WGS 84. One tight loop,
// because a national boundary file is ~8M vertices and proj4's per-point
// objects cost ~4 s there; test/importers/bng-wgs84.test.ts holds it to proj4
// (it agrees to ~1e-14 degrees, nanometres).

const D2R = 0.01745329251994329577;
const R2D = 57.29577951308232088;
const SEC_TO_RAD = 4.84813681109535993589914102357e-6;

// Airy 1830 as proj4 defines it (a and b, not a and 1/f).
const AIRY_A = 6377563.396;
const AIRY_B = 6356256.91;
const AIRY_ES = (AIRY_A * AIRY_A - AIRY_B * AIRY_B) / (AIRY_A * AIRY_A);
const WGS84_A = 6378137;
const WGS84_B = (1 - 1 / 298.257223563) * WGS84_A;
const WGS84_ES = (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_A * WGS84_A);

// +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000
const LAT0 = 49 * D2R;
const LON0 = -2 * D2R;
const K0 = 0.9996012717;
const X0 = 400000;
const Y0 = -100000;

// +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 (m, arc-seconds, ppm)
const DX = 446.448;
const DY = -125.157;
const DZ = 542.06;
const RX = 0.15 * SEC_TO_RAD;
const RY = 0.247 * SEC_TO_RAD;
const RZ = 0.842 * SEC_TO_RAD;
const M = -20.489 / 1000000 + 1;

// Series coefficients of etmerc's init(), computed once.
const N = (() => {
  const f = AIRY_ES / (1 + Math.sqrt(1 - AIRY_ES));
  return f / (2 - f);
})();
const CGB = [
  N * (2 + N * (-2 / 3 + N * (-2 + N * (116 / 45 + N * (26 / 45 + N * (-2854 / 675)))))),
  N ** 2 * (7 / 3 + N * (-8 / 5 + N * (-227 / 45 + N * (2704 / 315 + N * (2323 / 945))))),
  N ** 3 * (56 / 15 + N * (-136 / 35 + N * (-1262 / 105 + N * (73814 / 2835)))),
  N ** 4 * (4279 / 630 + N * (-332 / 35 + N * (-399572 / 14175))),
  N ** 5 * (4174 / 315 + N * (-144838 / 6237)),
  N ** 6 * (601676 / 22275),
];
const CBG = [
  N * (-2 + N * (2 / 3 + N * (4 / 3 + N * (-82 / 45 + N * (32 / 45 + N * (4642 / 4725)))))),
  N ** 2 * (5 / 3 + N * (-16 / 15 + N * (-13 / 9 + N * (904 / 315 + N * (-1522 / 945))))),
  N ** 3 * (-26 / 15 + N * (34 / 21 + N * (8 / 5 + N * (-12686 / 2835)))),
  N ** 4 * (1237 / 630 + N * (-12 / 5 + N * (-24832 / 14175))),
  N ** 5 * (-734 / 315 + N * (109598 / 31185)),
  N ** 6 * (444337 / 155925),
];
const UTG = [
  N * (-0.5 + N * (2 / 3 + N * (-37 / 96 + N * (1 / 360 + N * (81 / 512 + N * (-96199 / 604800)))))),
  N ** 2 * (-1 / 48 + N * (-1 / 15 + N * (437 / 1440 + N * (-46 / 105 + N * (1118711 / 3870720))))),
  N ** 3 * (-17 / 480 + N * (37 / 840 + N * (209 / 4480 + N * (-5569 / 90720)))),
  N ** 4 * (-4397 / 161280 + N * (11 / 504 + N * (830251 / 7257600))),
  N ** 5 * (-4583 / 161280 + N * (108847 / 3991680)),
  N ** 6 * (-20648693 / 638668800),
];
const GTU0 = N * (0.5 + N * (-2 / 3 + N * (5 / 16 + N * (41 / 180 + N * (-127 / 288 + N * (7891 / 37800))))));
const GTU = [
  GTU0,
  N ** 2 * (13 / 48 + N * (-3 / 5 + N * (557 / 1440 + N * (281 / 630 + N * (-1983433 / 1935360))))),
  N ** 3 * (61 / 240 + N * (-103 / 140 + N * (15061 / 26880 + N * (167603 / 181440)))),
  N ** 4 * (49561 / 161280 + N * (-179 / 168 + N * (6601661 / 7257600))),
  N ** 5 * (34729 / 80640 + N * (-3418889 / 1995840)),
  N ** 6 * (212378941 / 319334400),
];
const QN = (K0 / (1 + N)) * (1 + N ** 2 * (1 / 4 + N ** 2 * (1 / 64 + N ** 2 / 256)));

/** Clenshaw summation of a real trigonometric series (proj4 gatg). */
function gatg(pp: readonly number[], b: number): number {
  const cos2B = 2 * Math.cos(2 * b);
  let h1 = pp[5];
  let h2 = 0;
  let h = 0;
  for (let i = 4; i >= 0; i--) {
    h = -h2 + cos2B * h1 + pp[i];
    h2 = h1;
    h1 = h;
  }
  return b + h * Math.sin(2 * b);
}

function clens(pp: readonly number[], arg: number): number {
  const r = 2 * Math.cos(arg);
  let hr1 = pp[5];
  let hr2 = 0;
  let hr = 0;
  for (let i = 4; i >= 0; i--) {
    hr = -hr2 + r * hr1 + pp[i];
    hr2 = hr1;
    hr1 = hr;
  }
  return Math.sin(arg) * hr;
}

const ZB = (() => {
  const z = gatg(CBG, LAT0);
  return -QN * (z + clens(GTU, 2 * z));
})();

const [U0, U1, U2, U3, U4, U5] = UTG;
const [G0, G1, G2, G3, G4, G5] = CGB;

const COS_LON0 = Math.cos(LON0);
const SIN_LON0 = Math.sin(LON0);

/**
 * Replaces each (easting, northing) pair of xy, in metres, with (longitude,
 * latitude) in degrees on WGS 84. A pair that is not finite becomes NaN, NaN.
 *
 * Where proj4 computes an angle only to take its sine and cosine again, this
 * takes them directly (tanh and sech for atan(sinh), the atan2 arguments, a
 * short series for the small conformal-to-geodetic latitude step): exact
 * identities and series, so results move by rounding only (~1e-14 degrees),
 * with 5 transcendental calls per point instead of ~30.
 */
export function bngToWgs84InPlace(xy: Float64Array, from = 0, to = xy.length): void {
  for (let i = from; i < to; i += 2) {
    const ce = ((xy[i] - X0) * (1 / AIRY_A)) / QN;
    const cn = ((xy[i + 1] - Y0) * (1 / AIRY_A) - ZB) / QN;
    if (!(Math.abs(ce) <= 2.623395162778)) {
      xy[i] = NaN;
      xy[i + 1] = NaN;
      continue;
    }
    // clens_cmplx(utg, 2cn, 2ce), unrolled over the six coefficients; sin, cos
    // and exp of the doubled arguments by double-angle identities.
    const sinCn0 = Math.sin(cn);
    const cosCn0 = Math.cos(cn);
    const exCe0 = Math.exp(ce);
    const sinR = 2 * sinCn0 * cosCn0;
    const cosR = cosCn0 * cosCn0 - sinCn0 * sinCn0;
    const ex = exCe0 * exCe0;
    const sinhI = (ex - 1 / ex) / 2;
    const coshI = (ex + 1 / ex) / 2;
    const r = 2 * cosR * coshI;
    const im = -2 * sinR * sinhI;
    let hr = U5, hi = 0, hr1 = 0, hi1 = 0, hr2: number, hi2: number;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - im * hi1 + U4; hi = -hi2 + im * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - im * hi1 + U3; hi = -hi2 + im * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - im * hi1 + U2; hi = -hi2 + im * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - im * hi1 + U1; hi = -hi2 + im * hr1 + r * hi1;
    hr2 = hr1; hi2 = hi1; hr1 = hr; hi1 = hi; hr = -hr2 + r * hr1 - im * hi1 + U0; hi = -hi2 + im * hr1 + r * hi1;
    const fr = sinR * coshI;
    const fi = cosR * sinhI;
    // cn and ce move by less than 0.003 here, so their new sin, cos and exp
    // come from the old ones and short series (truncation below 1e-19).
    const dn = fr * hr - fi * hi;
    const de = fr * hi + fi * hr;
    const dn2 = dn * dn;
    const sinDn = dn * (1 - (dn2 / 6) * (1 - (dn2 / 20) * (1 - dn2 / 42)));
    const cosDn = 1 - (dn2 / 2) * (1 - (dn2 / 12) * (1 - dn2 / 30));
    const sinCn = sinCn0 * cosDn + cosCn0 * sinDn;
    const cosCn = cosCn0 * cosDn - sinCn0 * sinDn;
    const ex2 = exCe0 * (1 + de * (1 + (de / 2) * (1 + (de / 3) * (1 + (de / 4) * (1 + (de / 5) * (1 + de / 6))))));
    // proj4: ce = atan(sinh(ce)), whose sine and cosine are tanh(ce) and 1 / cosh(ce).
    const cosh = (ex2 + 1 / ex2) / 2;
    const sinCe = (ex2 - 1 / ex2) / 2 / cosh;
    const cosCe = 1 / cosh;
    // proj4: lat0 = atan2(sinCn cosCe, hypot(sinCe, cosCe cosCn)); lon = atan2(sinCe, cosCe cosCn) + lon_0.
    const ly = sinCn * cosCe;
    const lx = Math.sqrt(sinCe * sinCe + cosCe * cosCn * cosCe * cosCn);
    const lr = Math.sqrt(lx * lx + ly * ly);
    const sinLat0 = ly / lr;
    const cosLat0 = lx / lr;
    const cosRel = (cosCe * cosCn) / lx;
    const sinRel = sinCe / lx;
    const cosLon = cosRel * COS_LON0 - sinRel * SIN_LON0;
    const sinLon = sinRel * COS_LON0 + cosRel * SIN_LON0;
    // gatg(cgb, lat0) = lat0 + d, unrolled; sin/cos(lat0 + d) with |d| < 0.004 by series (error < 1e-20).
    const cos2B = 2 * (cosLat0 * cosLat0 - sinLat0 * sinLat0);
    let h1 = G5, h2 = 0, h = 0;
    h = -h2 + cos2B * h1 + G4; h2 = h1; h1 = h;
    h = -h2 + cos2B * h1 + G3; h2 = h1; h1 = h;
    h = -h2 + cos2B * h1 + G2; h2 = h1; h1 = h;
    h = -h2 + cos2B * h1 + G1; h2 = h1; h1 = h;
    h = -h2 + cos2B * h1 + G0;
    const d = h * 2 * sinLat0 * cosLat0;
    const d2 = d * d;
    const sinD = d * (1 - (d2 / 6) * (1 - (d2 / 20) * (1 - d2 / 42)));
    const cosD = 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - d2 / 30));
    const sinLat = sinLat0 * cosD + cosLat0 * sinD;
    const cosLat = cosLat0 * cosD - sinLat0 * sinD;

    // Airy geodetic -> geocentric (height 0), then the Helmert to WGS 84.
    const rn = AIRY_A / Math.sqrt(1 - AIRY_ES * sinLat * sinLat);
    const gx = rn * cosLat * cosLon;
    const gy = rn * cosLat * sinLon;
    const gz = rn * (1 - AIRY_ES) * sinLat;
    const wx = M * (gx - RZ * gy + RY * gz) + DX;
    const wy = M * (RZ * gx + gy - RX * gz) + DY;
    const wz = M * (-RY * gx + RX * gy + gz) + DZ;
    geocentricToLonLat(wx, wy, wz, xy, i);
  }
}

const WGS84_EP2 = (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);

/**
 * Geocentric to WGS 84 lon/lat in degrees, into out[i], out[i+1]. Bowring's
 * closed form (1976) instead of proj4's iteration: for points within a few km
 * of the ellipsoid (ours are on it, give or take the datum shift's ~50 m of
 * height) it agrees far below a micrometre, at half the cost.
 */
function geocentricToLonLat(x: number, y: number, z: number, out: Float64Array, i: number): void {
  const p = Math.sqrt(x * x + y * y);
  // Parametric latitude from tan u = (z a) / (p b), as sine and cosine.
  const ta = z * WGS84_A;
  const tb = p * WGS84_B;
  const tr = Math.sqrt(ta * ta + tb * tb);
  const sinU = ta / tr;
  const cosU = tb / tr;
  out[i] = Math.atan2(y, x) * R2D;
  out[i + 1] = Math.atan2(z + WGS84_EP2 * WGS84_B * sinU * sinU * sinU, p - WGS84_ES * WGS84_A * cosU * cosU * cosU) * R2D;
}
