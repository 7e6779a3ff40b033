// Unmet need: people expected to need the service who are not among its users.
//   unmet = expected − observed, where positive (over-use is not "negative need").
import { SUPPRESSED, type Disclosed } from './disclosure';

export interface UnmetInput {
  code: string;
  name?: string | null;
  expected: number;
  observed: number;
}

export interface UnmetRow {
  code: string;
  name: string | null;
  expected: number;
  observed: number;
  unmet: number;
  /** unmet / expected: the share of need not reached. */
  unmetShare: number;
  rank: number;
}

/** Rows with unmet need, largest first, ranked 1..n (ties share a rank). */
export function rankUnmetNeed(inputs: readonly UnmetInput[]): UnmetRow[] {
  const rows = inputs
    .map((r) => ({ ...r, unmet: Math.max(0, r.expected - r.observed) }))
    .filter((r) => r.unmet > 0)
    .sort((a, b) => b.unmet - a.unmet || a.code.localeCompare(b.code));
  let lastUnmet = NaN;
  let lastRank = 0;
  return rows.map((r, i) => {
    const rank = r.unmet === lastUnmet ? lastRank : i + 1;
    lastUnmet = r.unmet;
    lastRank = rank;
    return {
      code: r.code, name: r.name ?? null, expected: r.expected, observed: r.observed,
      unmet: r.unmet, unmetShare: r.expected > 0 ? r.unmet / r.expected : 0, rank,
    };
  });
}

export interface UnmetSummary {
  service: string;
  /** Over every area; "*" where the disclosure rule hides it. */
  totalUnmet: Disclosed;
  /** Segments carrying most of the unmet need. */
  who: UnmetRow[];
  /** Areas carrying most of the unmet need. */
  where: UnmetRow[];
  /** One plain sentence for the report. */
  text: string;
}

function label(r: UnmetRow): string {
  return r.name ? `${r.name} (${r.code})` : r.code;
}

function listOf(rows: UnmetRow[]): string {
  const parts = rows.map((r) => `${label(r)} ${Math.round(r.unmet)}`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Who (segments), what (service), where (areas), top `top` of each. `total`
 * overrides the sum of `byArea` when the areas given are only those shown (a
 * disclosed view), so the total still covers every area.
 */
export function unmetNeedSummary(
  service: string,
  bySegment: readonly UnmetInput[],
  byArea: readonly UnmetInput[],
  top = 3,
  total?: Disclosed,
): UnmetSummary {
  const who = rankUnmetNeed(bySegment).slice(0, top);
  const whereAll = rankUnmetNeed(byArea);
  const where = whereAll.slice(0, top);
  const totalUnmet = total ?? whereAll.reduce((s, r) => s + r.unmet, 0);
  const lists = `Who: ${who.length ? listOf(who) : 'no single segment stands out'}. Where: ${where.length ? listOf(where) : 'no area can be named under disclosure control'}.`;
  const text =
    totalUnmet === SUPPRESSED
      ? `${service}: a small number of people expected to need the service are not using it (too few to publish). ${lists}`
      : totalUnmet <= 0
        ? `${service}: no area has fewer users than its need predicts.`
        : `${service}: about ${Math.round(totalUnmet)} people expected to need the service are not using it. ${lists}`;
  return { service, totalUnmet, who, where, text };
}
