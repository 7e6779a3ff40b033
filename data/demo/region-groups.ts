// Groups adjacent zones into compact, contiguous clusters: OAs into LSOAs,
// LSOAs into MSOA-like naming blocks. Growth only ever follows shared edges,
// so every group is one connected piece.
import type { Rng } from './prng';
import { distance, type Pt } from './planar';

export function growRegions(
  neighbours: readonly (readonly number[])[],
  centres: readonly Pt[],
  sizes: { min: number; max: number },
  rng: Rng,
): number[] {
  const groupOf = new Array<number>(centres.length).fill(-1);
  const members: number[][] = [];
  // Sweep from the north-west so numbering reads across the map like ONS codes.
  const order = centres.map((_, i) => i).sort((a, b) => centres[b][1] - centres[a][1] || centres[a][0] - centres[b][0]);
  for (const start of order) {
    if (groupOf[start] !== -1) continue;
    const g = members.length;
    const target = rng.int(sizes.min, sizes.max);
    const group = [start];
    groupOf[start] = g;
    while (group.length < target) {
      let best = -1;
      let bestD = Infinity;
      for (const m of group) {
        for (const n of neighbours[m]) {
          if (groupOf[n] !== -1) continue;
          const d = distance(centres[n], centres[start]);
          if (d < bestD) [best, bestD] = [n, d];
        }
      }
      if (best === -1) break;
      groupOf[best] = g;
      group.push(best);
    }
    members.push(group);
  }
  mergeSmallGroups(members, groupOf, neighbours, sizes.min);
  return renumber(groupOf);
}

/** Leftover fragments join the smallest neighbouring group. */
function mergeSmallGroups(members: number[][], groupOf: number[], neighbours: readonly (readonly number[])[], min: number) {
  for (let g = 0; g < members.length; g++) {
    if (members[g].length === 0 || members[g].length >= min) continue;
    const adjacent = new Set<number>();
    for (const m of members[g]) for (const n of neighbours[m]) if (groupOf[n] !== g) adjacent.add(groupOf[n]);
    if (adjacent.size === 0) continue;
    const into = [...adjacent].sort((a, b) => members[a].length - members[b].length || a - b)[0];
    for (const m of members[g]) groupOf[m] = into;
    members[into].push(...members[g]);
    members[g] = [];
  }
}

/** Group numbers in order of first appearance, with no gaps. */
function renumber(groupOf: number[]): number[] {
  const map = new Map<number, number>();
  return groupOf.map((g) => {
    if (!map.has(g)) map.set(g, map.size);
    return map.get(g)!;
  });
}
