// Uptake as it is published: ratio, intervals and significance all come from
// the count as shown (rounded or suppressed) and the expected users as shown,
// so a row can never read "low" beside an interval that crosses 1, and no flag
// or rank carries information the shown count hides (the old way judged
// significance on exact counts: a "low" next to a rounded count of 10 whose
// interval crossed 1 told the reader the exact count was 8 or 9).
//
// A suppressed count keeps a flag only where the rule itself says what "*"
// can hide and every such count gives the same answer: under NHS Digital's
// rule "*" is 1–7, and the interval limits rise with the count, so "low" holds
// for all of them when it holds for 7, "high" when it holds for 1. Under a
// threshold rule "*" may also be a larger cell hidden to protect another, so
// the flag is hidden with the count.
import type { DisclosureRule } from '../domain';
import { NHS_SMALL_MAX, SUPPRESSED, type Disclosed } from './disclosure';
import { significanceOf, uptakeRatio, type RatioInterval, type Significance, type UptakeResult } from './uptake';

/** Decimal places of printed ratios and interval limits. */
export const RATIO_DP = 3;
const printed = (n: number) => Math.round(n * 10 ** RATIO_DP) / 10 ** RATIO_DP;
export const printedInterval = (ci: RatioInterval | null): RatioInterval | null => (ci ? { lower: printed(ci.lower), upper: printed(ci.upper) } : null);

export type PublishedSignificance = Significance | typeof SUPPRESSED;

export interface PublishedUptake {
  /** From the shown count; null where the count is suppressed. */
  shown: UptakeResult | null;
  significance95: PublishedSignificance;
  significance998: PublishedSignificance;
}

/** The counts a "*" may stand for under the rule, when the rule alone says. */
export function hiddenCountRange(rule: DisclosureRule): [number, number] | null {
  return rule.kind === 'nhs' ? [1, NHS_SMALL_MAX] : null;
}

const agree = (a: Significance, b: Significance): PublishedSignificance => (a === b ? a : SUPPRESSED);

export function publishedUptake(code: string, users: Disclosed, expected: number, rule: DisclosureRule): PublishedUptake {
  if (users !== SUPPRESSED) {
    // Judged on the interval as printed, so an upper limit of 0.9996 printed as 1 is not "low".
    // The result is this call's own: its flags are set to the printed ones in place, not on a copy.
    const shown = uptakeRatio({ areaCode: code, observed: users, expected });
    shown.significance95 = significanceOf(printedInterval(shown.ci95));
    shown.significance998 = significanceOf(printedInterval(shown.ci998));
    return { shown, significance95: shown.significance95, significance998: shown.significance998 };
  }
  const range = hiddenCountRange(rule);
  if (!range) return { shown: null, significance95: SUPPRESSED, significance998: SUPPRESSED };
  const fewest = uptakeRatio({ areaCode: code, observed: range[0], expected });
  const most = uptakeRatio({ areaCode: code, observed: range[1], expected });
  return {
    shown: null,
    significance95: agree(fewest.significance95, most.significance95),
    significance998: agree(fewest.significance998, most.significance998),
  };
}

/**
 * An UptakeResult for rules downstream (gap classes, strata) that carries the
 * published flags: the shown count's own result, or for a suppressed count the
 * largest count "*" may hide with the flags every hidden count shares. Its
 * ratio and counts are never published (notes quoting them stay on the
 * analyst's screen).
 */
export function uptakeForRules(
  code: string, users: Disclosed, expected: number, rule: DisclosureRule,
  // The same row's publishedUptake, when the caller already has it (a national table worked it out twice).
  p: PublishedUptake = publishedUptake(code, users, expected, rule),
): UptakeResult {
  if (p.shown) return p.shown;
  const range = hiddenCountRange(rule);
  const stand = uptakeRatio({ areaCode: code, observed: range ? range[1] : 0, expected });
  const flag = (s: PublishedSignificance): Significance => (s === SUPPRESSED ? 'not significant' : s);
  return { ...stand, ratio: null, significance95: flag(p.significance95), significance998: flag(p.significance998) };
}
