import { describe, expect, it } from 'vitest';
import { greedyMaxCover, type CoverCandidate } from '../../shared/travel/max-cover';

/** Plain greedy: recompute every gain every round. */
function plainGreedy(need: number[], cands: CoverCandidate[], k: number, covered0: boolean[] = []) {
  const covered = need.map((_, i) => Boolean(covered0[i]));
  const picks: string[] = [];
  for (let r = 0; r < k; r++) {
    let best = -1, bestGain = 0;
    cands.forEach((c, i) => {
      const g = c.covers.reduce((s, j) => (covered[j] ? s : s + need[j]), 0);
      if (g > bestGain) [best, bestGain] = [i, g];
    });
    if (best < 0) break;
    cands[best].covers.forEach((j) => (covered[j] = true));
    picks.push(cands[best].id);
  }
  return picks;
}

describe('greedyMaxCover', () => {
  it('hand example: picks the biggest gain, then the best remaining, skipping covered need', () => {
    const need = [10, 5, 5, 8, 1];
    const cands = [
      { id: 'a', covers: [0, 1] }, // 15
      { id: 'b', covers: [1, 2, 3] }, // 18
      { id: 'c', covers: [0, 4] }, // 11
    ];
    const r = greedyMaxCover(need, cands, 2);
    // b first (18); then a adds 10 (1 is covered), c adds 11 → c.
    expect(r.picks).toEqual([{ id: 'b', gain: 18, coveredNeed: 18 }, { id: 'c', gain: 11, coveredNeed: 29 }]);
    expect(r.totalNeed).toBe(29);
  });
  it('existing cover counts as covered; stops when nothing more can be gained', () => {
    const r = greedyMaxCover([10, 5], [{ id: 'a', covers: [0] }, { id: 'b', covers: [1] }], 5, [true, false]);
    expect(r.initiallyCovered).toBe(10);
    expect(r.picks).toEqual([{ id: 'b', gain: 5, coveredNeed: 15 }]);
  });
  it('lazy evaluation picks the same sites as plain greedy, with fewer evaluations', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const need = Array.from({ length: 300 }, () => Math.floor(rand() * 100));
    const cands = Array.from({ length: 200 }, (_, i) => ({
      id: `c${i}`, covers: [...new Set(Array.from({ length: 1 + Math.floor(rand() * 25) }, () => Math.floor(rand() * 300)))],
    }));
    const lazy = greedyMaxCover(need, cands, 15);
    expect(lazy.picks.map((p) => p.id)).toEqual(plainGreedy(need, cands, 15));
    expect(lazy.evaluations).toBeLessThan(15 * 200);
  });
});
