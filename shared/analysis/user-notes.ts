// The sentences that go beside a profile or gap table about which users were
// counted and how their segments were found: the same words in the CLI's
// note, the app and the exports. Counts in them follow the disclosure rule.
import type { DisclosureRule } from '../domain';
import type { AttributedUsers, SegmentSource } from './attribution';
import { suppressCount, type Disclosed } from './disclosure';

export interface UsersLeftOut {
  users: Disclosed;
  /** % of all users, 1 dp; null when a count is suppressed. */
  share: number | null;
  areas: string[];
  reason: string;
}

const SOURCE_WORDS: Record<SegmentSource, string> = {
  'users-file': "the users file's segment column",
  postcode: 'the postcode lookup',
  area: "their area's segment",
  'area-proportion': "their area's counts, in proportion (fractional users)",
};

/** Users left out of every level, and why; null when none were. */
export function usersLeftOut(attributed: AttributedUsers, scheme: string, base: string, rule: DisclosureRule): UsersLeftOut | null {
  const { users, areas } = attributed.leftOut;
  if (users === 0) return null;
  const counted = Object.values(attributed.bySource).reduce((a, b) => a + b, 0);
  const shown = suppressCount(users, rule);
  const all = suppressCount(users + counted, rule);
  const share = typeof shown === 'number' && typeof all === 'number' && all > 0 ? Math.round((shown / all) * 1000) / 10 : null;
  return { users: shown, share, areas, reason: `their areas have no ${base} base in scheme ${scheme}` };
}

export function leftOutSentence(left: UsersLeftOut): string {
  const share = left.share === null ? '' : ` (${left.share}% of users)`;
  return `${left.users} users${share} left out at every level: ${left.reason} (${left.areas.join(', ')})`;
}

/** "Segments from: the postcode lookup 120, their area's segment 30." — sources with users only. */
export function segmentSourceSentence(bySource: Record<SegmentSource, number>, rule: DisclosureRule): string {
  const parts = (Object.keys(SOURCE_WORDS) as SegmentSource[])
    .filter((s) => bySource[s] > 0)
    .map((s) => `${SOURCE_WORDS[s]} ${suppressCount(Math.round(bySource[s] * 10) / 10, rule)}`);
  return parts.length ? `users' segments from ${parts.join('; ')}` : 'no users counted';
}

/** Users counted by segment source, as a JSON field: counts under the disclosure rule, one decimal when exact. */
export function segmentSources(bySource: Record<SegmentSource, number>, rule: DisclosureRule): Record<SegmentSource, Disclosed> {
  return Object.fromEntries(Object.entries(bySource).map(([s, n]) => [s, suppressCount(Math.round(n * 10) / 10, rule)])) as Record<SegmentSource, Disclosed>;
}
