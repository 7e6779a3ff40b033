// Builds the OA and LSOA records: geometry, codes, names, OAC segment and
// usual residents. Codes use the prefix X so they can never collide with
// real ONS codes (E00..., E01...).
import type { Rng } from './prng';
import { centroid, distance, type Pt } from './planar';
import { projectZones } from './zone-topology';
import { growRegions } from './region-groups';
import { dissolveRings } from './ring-union';
import { sampleSeeds, townBoundary, zoneCells } from './zone-cells';
import { BUILT_UP_RADIUS, NEIGHBOURHOOD_ANCHORS, TOWN_NAME, ringRadius } from './town-plan';
import { supergroupByCode } from './oac-classes';

export interface OutputArea {
  code: string;
  lsoaCode: string;
  /** Metres from the town centre (local grid). */
  ring: Pt[];
  centre: Pt;
  lonLat: Pt[];
  supergroup: string;
  group: string;
  residents: number;
}

export interface Lsoa {
  code: string;
  name: string;
  /** [exterior, ...holes] in lon/lat. */
  rings: Pt[][];
  oaCodes: string[];
}

export interface TownZones {
  boundary: Pt[];
  oas: OutputArea[];
  lsoas: Lsoa[];
}

export function buildTownZones(rng: Rng): TownZones {
  const boundary = townBoundary(rng);
  const cells = zoneCells(sampleSeeds(rng, boundary, rng.int(240, 260)), boundary);
  const projected = projectZones(cells);
  const centres = cells.map((c) => centroid(c.ring));
  const lsoaOf = growRegions(projected.map((p) => p.neighbours), centres, { min: 4, max: 6 }, rng);
  const lsoaCount = Math.max(...lsoaOf) + 1;

  // Within an LSOA, list OAs north to south, as the ONS lists are roughly ordered.
  const order = cells.map((_, i) => i).sort((a, b) => lsoaOf[a] - lsoaOf[b] || centres[b][1] - centres[a][1]);
  const lsoaCodes = Array.from({ length: lsoaCount }, (_, g) => `X01${String(g + 1).padStart(6, '0')}`);
  const oas: OutputArea[] = order.map((i, k) => {
    const supergroup = supergroupAt(centres[i], rng);
    return {
      code: `X00${String(k + 1).padStart(6, '0')}`,
      lsoaCode: lsoaCodes[lsoaOf[i]],
      ring: cells[i].ring,
      centre: centres[i],
      lonLat: projected[i].lonLat,
      supergroup,
      group: '',
      residents: Math.round(Math.min(445, Math.max(155, rng.normal(265, 55)))),
    };
  });
  assignGroups(oas, rng);

  const names = lsoaNames(lsoaOf, projected.map((p) => p.neighbours), centres, lsoaCount, rng);
  const lsoas: Lsoa[] = lsoaCodes.map((code, g) => {
    const members = oas.filter((oa) => oa.lsoaCode === code);
    return { code, name: names[g], rings: dissolveRings(members.map((oa) => oa.lonLat)), oaCodes: members.map((oa) => oa.code) };
  });
  return { boundary, oas, lsoas };
}

function supergroupAt(p: Pt, rng: Rng): string {
  if (ringRadius(p) > BUILT_UP_RADIUS) return '1';
  let best = NEIGHBOURHOOD_ANCHORS[0];
  let bestD = Infinity;
  for (const anchor of NEIGHBOURHOOD_ANCHORS) {
    // Noise blurs the borders between neighbourhoods, as in real maps.
    const d = distance(p, anchor.at) * rng.uniform(0.8, 1.2);
    if (d < bestD) [best, bestD] = [anchor, d];
  }
  return best.supergroup;
}

/** Each LSOA leans to one group of a supergroup, with some mixing. */
function assignGroups(oas: OutputArea[], rng: Rng) {
  const leaning = new Map<string, string>();
  for (const oa of oas) {
    const groups = supergroupByCode(oa.supergroup).groups;
    const key = `${oa.lsoaCode}/${oa.supergroup}`;
    if (!leaning.has(key)) leaning.set(key, rng.pick(groups).code);
    oa.group = rng.chance(0.7) ? leaning.get(key)! : rng.pick(groups).code;
  }
}

/** ONS-style names ("Kestrelford 004B"): MSOA-like blocks of LSOAs, lettered. */
function lsoaNames(lsoaOf: number[], oaNeighbours: number[][], oaCentres: Pt[], count: number, rng: Rng): string[] {
  const neighbours = Array.from({ length: count }, () => new Set<number>());
  oaNeighbours.forEach((list, i) => list.forEach((j) => lsoaOf[i] !== lsoaOf[j] && neighbours[lsoaOf[i]].add(lsoaOf[j])));
  const centres = Array.from({ length: count }, (_, g) => {
    const pts = oaCentres.filter((_, i) => lsoaOf[i] === g);
    return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length] as Pt;
  });
  const blockOf = growRegions(neighbours.map((s) => [...s].sort((a, b) => a - b)), centres, { min: 4, max: 6 }, rng);
  const letters = new Map<number, number>();
  return blockOf.map((block) => {
    const letter = letters.get(block) ?? 0;
    letters.set(block, letter + 1);
    return `${TOWN_NAME} ${String(block + 1).padStart(3, '0')}${String.fromCharCode(65 + letter)}`;
  });
}
