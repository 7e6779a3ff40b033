// A Code-Point-Open-like postcode directory: unit postcodes placed at
// whole-metre grid references inside their Output Area. The area letters
// "KF" pass the UK postcode pattern but are not a real postcode area.
import type { Rng } from './prng';
import { distanceToRingEdge, pointInRing, type Pt } from './planar';
import { bngToLonLat } from './bng';
import { BUILT_UP_RADIUS, CENTRE_BNG, ringRadius } from './town-plan';
import type { OutputArea } from './town-zones';

export interface PostcodeUnit {
  postcode: string;
  easting: number;
  northing: number;
  lat: number;
  lon: number;
  oaCode: string;
}

export const POSTCODE_AREA = 'KF';
/** Inward-code letters: the Royal Mail never uses C, I, K, M, O or V there. */
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function districtOf(p: Pt): number {
  const r = ringRadius(p);
  const bearing = Math.atan2(p[0], p[1]); // clockwise from north
  if (r < 900) return 1;
  if (r > BUILT_UP_RADIUS) return p[1] >= 0 ? 6 : 7;
  const quadrant = Math.round(((bearing + 2 * Math.PI) % (2 * Math.PI)) / (Math.PI / 2)) % 4;
  return 2 + quadrant; // 2 north, 3 east, 4 south, 5 west
}

export function buildPostcodes(oas: readonly OutputArea[], rng: Rng): PostcodeUnit[] {
  const sectorOf = new Map<string, string>();
  const sectorsUsed = new Map<number, number>();
  const unitsUsed = new Map<string, Set<string>>();
  const units: PostcodeUnit[] = [];
  for (const oa of oas) {
    const district = districtOf(oa.centre);
    const key = `${district}/${oa.lsoaCode}`;
    if (!sectorOf.has(key)) {
      const n = sectorsUsed.get(district) ?? 0;
      sectorsUsed.set(district, n + 1);
      sectorOf.set(key, `${POSTCODE_AREA}${district} ${(n + 1) % 10}`);
    }
    const sector = sectorOf.get(key)!;
    const used = unitsUsed.get(sector) ?? new Set<string>();
    unitsUsed.set(sector, used);
    const count = Math.min(25, Math.max(8, Math.round(oa.residents / 18)));
    for (let i = 0; i < count; i++) {
      let unit: string;
      do unit = rng.pick([...UNIT_LETTERS]) + rng.pick([...UNIT_LETTERS]);
      while (used.has(unit));
      used.add(unit);
      units.push({ postcode: sector + unit, ...placeInside(oa, rng), oaCode: oa.code });
    }
  }
  return units.sort((a, b) => comparePostcodes(a.postcode, b.postcode));
}

/** A grid reference well inside the OA, checked again after rounding. */
function placeInside(oa: OutputArea, rng: Rng): Omit<PostcodeUnit, 'postcode' | 'oaCode'> {
  const xs = oa.ring.map((p) => p[0]);
  const ys = oa.ring.map((p) => p[1]);
  for (let tries = 0; tries < 10_000; tries++) {
    const p: Pt = [rng.uniform(Math.min(...xs), Math.max(...xs)), rng.uniform(Math.min(...ys), Math.max(...ys))];
    if (!pointInRing(p, oa.ring) || distanceToRingEdge(p, oa.ring) < 6) continue;
    const easting = Math.round(CENTRE_BNG[0] + p[0]);
    const northing = Math.round(CENTRE_BNG[1] + p[1]);
    const [lon, lat] = bngToLonLat([easting, northing]);
    if (pointInRing([lon, lat], oa.lonLat)) return { easting, northing, lat, lon };
  }
  throw new Error(`Could not place a postcode inside ${oa.code}`);
}

/** Directory order: area, then district as a number, then sector and unit. */
export function comparePostcodes(a: string, b: string): number {
  const parse = (pc: string) => {
    const m = /^([A-Z]+)(\d+)\s*(\d)([A-Z]{2})$/.exec(pc)!;
    return [m[1], Number(m[2]), Number(m[3]), m[4]] as const;
  };
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return 0;
}
