// Review (toolkit step 8): freeze the profile and uptake of one service ×
// indicator × scheme under a name in cgm_baselines (electron/store/baselines),
// then compare a later users extract with it. The figures come from the same runners as `cgm
// profile` and `cgm gaps`; the comparison itself is shared/analysis/review.
import type Database from 'better-sqlite3';
import { disclose, protectTable, roundToNearest5, suppressCount, SUPPRESSED, type Disclosed } from '../../shared/analysis/disclosure';
import { compareToBaseline, snapshotUptake, type Baseline, type UptakeSnapshotRow } from '../../shared/analysis/review';
import { publishedUptake, type PublishedSignificance } from '../../shared/analysis/published-uptake';
import { uptakeRatio } from '../../shared/analysis/uptake';
import type { BaseKind, DisclosureRule } from '../../shared/domain';
import type { Project } from '../store/project';
import { InputError } from '../../shared/errors';
import { baselineExists, baselinePayload, insertBaseline, listBaselineRecords } from '../store/baselines';
import { runAreaAnalysis } from './area-analysis';
import { runProfile } from './profile-run';
import type { ScopeRequest } from './analysis-scope';

export interface ReviewRequest extends ScopeRequest {
  service: string;
  indicator: string;
  scheme: string;
  /** Persons or households; default the scheme's own base. */
  base?: BaseKind;
}

/** What cgm_baselines.payload holds: the baseline and what it was computed for. */
interface StoredBaseline extends ReviewRequest {
  baseline: Baseline;
  areaNames: Record<string, string | null>;
}

type Snapshot = Omit<Baseline, 'name' | 'savedAt'>;

/** Profile by segment and uptake by segment and by area, as they stand now. */
export function reviewSnapshot(project: Project, request: ReviewRequest): Snapshot & { areaNames: Record<string, string | null>; baseKind: BaseKind } {
  const scope = { period: request.period, excludeCommunal: request.excludeCommunal, base: request.base };
  const { table: profile, baseKind } = runProfile(project.db, { service: request.service, scheme: request.scheme, indicator: request.indicator, ...scope });
  // Uptake needs no travel times, so no road network is read.
  const areas = runAreaAnalysis(project.db, { service: request.service, indicator: request.indicator, mode: 'walk', ...scope });
  if (areas.scheme !== request.scheme) {
    throw new Error(`indicator "${request.indicator}" has rates for scheme "${areas.scheme}", not "${request.scheme}"`);
  }
  // Segment uptake: users against those expected if uptake matched need (the profile's expected users).
  const segmentUptake = profile.rows.map((r) => uptakeRatio({ areaCode: r.segmentCode, observed: r.users, expected: r.expectedUsers ?? 0 }));
  return {
    profile: profile.rows,
    areaUptake: snapshotUptake(areas.rows.map((r) => r.uptake)),
    segmentUptake: snapshotUptake(segmentUptake),
    areaNames: Object.fromEntries(areas.rows.map((r) => [r.code, r.name])),
    baseKind,
  };
}

function storedBaseline(db: Database.Database, name: string): StoredBaseline {
  const payload = baselinePayload(db, name);
  if (payload === undefined) {
    const known = listBaselineRecords(db).map((b) => b.name).sort();
    throw new InputError(`no baseline "${name}" in the project (saved: ${known.join(', ') || 'none'})`);
  }
  return JSON.parse(payload) as StoredBaseline;
}

/** What a baseline was saved for, from its payload (every baseline has one, whichever schema saved it). */
export function baselineRequest(db: Database.Database, name: string): ReviewRequest & { savedAt: string } {
  const { baseline, areaNames: _names, ...request } = storedBaseline(db, name);
  return { ...request, savedAt: baseline.savedAt };
}

/** Saves the current figures; a name is never silently overwritten (a baseline is a record). */
export function saveReviewBaseline(project: Project, name: string, request: ReviewRequest, savedAt = new Date().toISOString()): Baseline {
  const trimmed = name.trim();
  if (!trimmed) throw new InputError('a baseline needs a name');
  if (baselineExists(project.db, trimmed)) {
    throw new InputError(`a baseline named "${trimmed}" already exists; choose another name`);
  }
  const { areaNames, baseKind, ...snapshot } = reviewSnapshot(project, request);
  const baseline: Baseline = { name: trimmed, savedAt, ...snapshot };
  // The base is kept so a later comparison runs on the same one.
  const payload: StoredBaseline = { ...request, base: baseKind, baseline, areaNames };
  insertBaseline(project.db, { name: trimmed, savedAt, service: request.service, indicator: request.indicator, scheme: request.scheme, period: request.period ?? null }, JSON.stringify(payload));
  return baseline;
}

export const REVIEW_COLUMNS = [
  'kind', 'code', 'name', 'users_before', 'users_after', 'users_change', 'index_before', 'index_after', 'index_change',
  'uptake_before', 'uptake_after', 'uptake_change', 'significance_before', 'significance_after',
] as const;

export type ReviewRow = Record<(typeof REVIEW_COLUMNS)[number], string | number | null>;

export interface ReviewComparison extends ReviewRequest {
  baseline: string;
  savedAt: string;
  /** The two periods compared, when comparing periods of one import rather than a saved baseline. */
  periods?: [string, string];
  rows: ReviewRow[];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const change = (a: Disclosed | null, b: Disclosed | null): Disclosed | null =>
  a === null || b === null ? null : a === SUPPRESSED || b === SUPPRESSED ? SUPPRESSED : b - a;

/**
 * User counts of one snapshot as published, and the ratios derived from them.
 * Expected users are the total × need share, so they would give the total
 * back: under nhs they are scaled to the rounded total, under a threshold
 * rule the counts get complementary suppression against that total.
 */
function shownUptake(
  rows: readonly UptakeSnapshotRow[], rule: DisclosureRule, users?: Disclosed[],
): Map<string, { users: Disclosed; ratio: Disclosed | null; significance: PublishedSignificance }> {
  const exact = rows.map((r) => r.observed);
  const total = exact.reduce((a, b) => a + b, 0);
  const shown =
    users ??
    (rule.kind === 'threshold'
      ? protectTable({ rowLabels: rows.map((r) => r.code), colLabels: ['users'], cells: exact.map((u) => [u]) }, rule, { rowTotals: false, colTotals: true }).cells.map((c) => c[0])
      : exact.map((u) => suppressCount(u, rule)));
  const scale = rule.kind === 'nhs' && total > 0 ? roundToNearest5(total) / total : 1;
  return new Map(
    rows.map((r, i) => {
      const u = shown[i];
      const expected = r.expected * scale;
      // Significance as published, from the shown count (exact only in the analyst's own view).
      const significance = rule.kind === 'none' ? r.significance95 : publishedUptake(r.code, u, expected, rule).significance95;
      return [r.code, { users: u, ratio: u === SUPPRESSED ? SUPPRESSED : expected > 0 ? u / expected : null, significance }];
    }),
  );
}

function ratioChange(a: Disclosed | null | undefined, b: Disclosed | null | undefined): Disclosed | null {
  if (a == null || b == null) return null;
  return a === SUPPRESSED || b === SUPPRESSED ? SUPPRESSED : round3(b - a);
}

const shownRatio = (r: Disclosed | null | undefined) => (r == null ? null : r === SUPPRESSED ? r : round3(r));

/** Compares the current figures with a saved baseline, protected by `rule`. */
export function compareWithReviewBaseline(project: Project, name: string, request: ReviewRequest, rule: DisclosureRule): ReviewComparison {
  const stored = storedBaseline(project.db, name.trim());
  for (const key of ['service', 'indicator', 'scheme'] as const) {
    if (stored[key] !== request[key]) throw new InputError(`baseline "${stored.baseline.name}" was saved for ${key} "${stored[key]}", not "${request[key]}"`);
  }
  // A baseline compares only with figures on its own base (saved before bases were kept: the default).
  if (request.base && stored.base && request.base !== stored.base) throw new InputError(`baseline "${stored.baseline.name}" was saved on the ${stored.base} base, not ${request.base}`);
  const { areaNames, baseKind: _base, ...later } = reviewSnapshot(project, { ...request, base: request.base ?? stored.base });
  return { ...request, baseline: stored.baseline.name, savedAt: stored.baseline.savedAt, rows: reviewRows(stored.baseline, later, { ...stored.areaNames, ...areaNames }, rule) };
}

/** Compares two periods of one users import (e.g. 2024-Q1 then 2024-Q2), as if the first were a saved baseline. */
export function comparePeriods(project: Project, periods: [string, string], request: ReviewRequest, rule: DisclosureRule): ReviewComparison {
  const [first, second] = periods;
  if (first === second) throw new Error(`compare two different periods, not "${first}" with itself`);
  const { areaNames: namesBefore, baseKind: _b, ...before } = reviewSnapshot(project, { ...request, period: first });
  const { areaNames, baseKind: _a, ...later } = reviewSnapshot(project, { ...request, period: second });
  const baseline: Baseline = { name: first, savedAt: '', ...before };
  return { ...request, period: undefined, periods, baseline: first, savedAt: '', rows: reviewRows(baseline, later, { ...namesBefore, ...areaNames }, rule) };
}

function reviewRows(before: Baseline, later: Snapshot, areaNames: Record<string, string | null>, rule: DisclosureRule): ReviewRow[] {
  const stored = { baseline: before };
  const review = compareToBaseline(stored.baseline, later);

  // Segment users and index exactly as `cgm profile` would publish them.
  const profileBefore = new Map(disclose(stored.baseline.profile, rule).rows.map((r) => [r.segmentCode, r]));
  const profileAfter = new Map(disclose(later.profile, rule).rows.map((r) => [r.segmentCode, r]));
  const order = (rows: readonly UptakeSnapshotRow[], map: Map<string, { users: Disclosed }>) => rows.map((r) => map.get(r.code)?.users ?? 0);
  const segBefore = shownUptake(stored.baseline.segmentUptake, rule, order(stored.baseline.segmentUptake, profileBefore));
  const segAfter = shownUptake(later.segmentUptake, rule, order(later.segmentUptake, profileAfter));
  const areaBefore = shownUptake(stored.baseline.areaUptake, rule);
  const areaAfter = shownUptake(later.areaUptake, rule);

  const segments = review.bySegment.map((s): ReviewRow => {
    const b = profileBefore.get(s.code);
    const a = profileAfter.get(s.code);
    const ub = segBefore.get(s.code)?.ratio;
    const ua = segAfter.get(s.code)?.ratio;
    return {
      kind: 'segment', code: s.code, name: s.segmentName,
      users_before: b?.users ?? null, users_after: a?.users ?? null, users_change: change(b?.users ?? null, a?.users ?? null),
      index_before: b?.index ?? null, index_after: a?.index ?? null, index_change: change(b?.index ?? null, a?.index ?? null),
      uptake_before: shownRatio(ub), uptake_after: shownRatio(ua), uptake_change: ratioChange(ub, ua),
      significance_before: s.significanceBefore === null ? null : (segBefore.get(s.code)?.significance ?? null),
      significance_after: s.significanceAfter === null ? null : (segAfter.get(s.code)?.significance ?? null),
    };
  });
  const areas = review.byArea.map((c): ReviewRow => {
    const b = areaBefore.get(c.code);
    const a = areaAfter.get(c.code);
    return {
      kind: 'area', code: c.code, name: areaNames[c.code] ?? null,
      users_before: b?.users ?? null, users_after: a?.users ?? null, users_change: change(b?.users ?? null, a?.users ?? null),
      index_before: null, index_after: null, index_change: null,
      uptake_before: shownRatio(b?.ratio), uptake_after: shownRatio(a?.ratio), uptake_change: ratioChange(b?.ratio, a?.ratio),
      significance_before: b?.significance ?? null, significance_after: a?.significance ?? null,
    };
  });
  return [...segments, ...areas];
}
