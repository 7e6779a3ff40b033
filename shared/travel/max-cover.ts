// Maximal covering location: choose k new sites to cover the most need not
// already covered. Greedy with lazy evaluation (CELF): coverage is monotone and
// submodular, so a candidate's gain can only fall as sites are added, and a
// stale gain is a valid upper bound. Greedy is guaranteed to cover at least
// (1 − 1/e) ≈ 63.2% of what the best possible choice of k sites would
// (Nemhauser, Wolsey & Fisher 1978); lazy evaluation picks the same sites faster.

export interface CoverCandidate {
  id: string;
  /** Indices into `need` of the demand points this candidate covers. */
  covers: number[];
}

export interface CoverPick {
  id: string;
  /** Need newly covered by this site. */
  gain: number;
  /** Need covered after adding this site, the existing cover included. */
  coveredNeed: number;
}

export interface CoverResult {
  picks: CoverPick[];
  totalNeed: number;
  /** Need covered before any new site. */
  initiallyCovered: number;
  /** Gain evaluations made; plain greedy would make about k × candidates. */
  evaluations: number;
}

export function greedyMaxCover(need: number[], candidates: CoverCandidate[], k: number, alreadyCovered?: boolean[]): CoverResult {
  const covered = need.map((_, i) => Boolean(alreadyCovered?.[i]));
  // A point listed twice by one candidate is still covered once.
  const sets = candidates.map((c) => [...new Set(c.covers)]);
  const gainOf = (ci: number) => sets[ci].reduce((s, i) => (covered[i] ? s : s + need[i]), 0);
  const totalNeed = need.reduce((s, v) => s + v, 0);
  let coveredNeed = need.reduce((s, v, i) => (covered[i] ? s + v : s), 0);
  const initiallyCovered = coveredNeed;
  let evaluations = 0;

  // Max-heap of [gain bound, candidate index, round the bound was computed in].
  const heap: Array<[number, number, number]> = [];
  const better = (a: [number, number, number], b: [number, number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (x: [number, number, number]) => {
    heap.push(x);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!better(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = (): [number, number, number] => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        let m = i;
        const l = 2 * i + 1, r = l + 1;
        if (l < heap.length && better(heap[l], heap[m])) m = l;
        if (r < heap.length && better(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };

  candidates.forEach((_, i) => {
    evaluations++;
    push([gainOf(i), i, 0]);
  });
  const picks: CoverPick[] = [];
  for (let round = 0; picks.length < k && heap.length; ) {
    const top = pop();
    if (top[2] !== round) {
      evaluations++;
      push([gainOf(top[1]), top[1], round]);
      continue;
    }
    // A fresh gain on top of stale upper bounds beats every other candidate.
    if (top[0] <= 0) break;
    for (const i of sets[top[1]]) covered[i] = true;
    coveredNeed += top[0];
    picks.push({ id: candidates[top[1]].id, gain: top[0], coveredNeed });
    round++;
  }
  return { picks, totalNeed, initiallyCovered, evaluations };
}
