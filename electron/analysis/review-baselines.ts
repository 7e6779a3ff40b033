// Baselines as first-class records (toolkit step 8): listed with what they
// were saved for and their targets, compared by name alone (the service,
// indicator and scheme come from the baseline), and every comparison checks
// the targets. `cgm baseline`, `cgm review --baseline` and the workbook's
// Review section all call these.
import { checkTargets, parseTarget, type ReviewTarget, type TargetCheck } from '../../shared/analysis/review-targets';
import type { BaseKind, DisclosureRule } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import {
  baselineExists, baselineTargets, deleteBaselineRecord, listBaselineRecords, replaceBaselineTargets, type BaselineRecord, type StoredTarget,
} from '../store/baselines';
import type { Project } from '../store/project';
import { baselineRequest, compareWithReviewBaseline, type ReviewComparison } from './review-run';

export interface BaselineSummary extends BaselineRecord {
  targets: StoredTarget[];
}

export function listReviewBaselines(project: Project): BaselineSummary[] {
  return listBaselineRecords(project.db).map((b) => ({ ...b, targets: baselineTargets(project.db, b.name) }));
}

function requireBaseline(project: Project, name: string): string {
  const trimmed = name.trim();
  if (!baselineExists(project.db, trimmed)) {
    const known = listBaselineRecords(project.db).map((b) => b.name).sort();
    throw new InputError(`no baseline "${trimmed}" in the project (saved: ${known.join(', ') || 'none'})`);
  }
  return trimmed;
}

/** A target the analyst wrote; a wrong one is the analyst's to fix, not an internal error. */
function targetFrom(text: string): ReviewTarget {
  try {
    return parseTarget(text);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

export function deleteReviewBaseline(project: Project, name: string): void {
  deleteBaselineRecord(project.db, requireBaseline(project, name));
}

/** The baseline's targets become exactly these; each is checked for sense before any is stored. */
export function setReviewTargets(project: Project, name: string, targets: readonly ReviewTarget[]): StoredTarget[] {
  const baseline = requireBaseline(project, name);
  // A target written as text round-trips through the one parser, so the app and the CLI accept the same ones.
  const checked = targets.map((t) => targetFrom(`${t.kind} ${t.code} ${t.measure} ${t.op} ${t.value}`));
  return replaceBaselineTargets(project.db, baseline, checked);
}

/** The app's undoable edit (applyMoment's reviewTargets): sets the targets and returns the ones it replaced. */
export function applyReviewTargets(project: Project, change: { baseline: string; targets: ReviewTarget[] }): { baseline: string; targets: ReviewTarget[] } {
  const baseline = requireBaseline(project, change.baseline);
  const before = baselineTargets(project.db, baseline).map(({ id: _id, ...t }) => t);
  setReviewTargets(project, baseline, change.targets);
  return { baseline, targets: before };
}

/** Adds targets written as "segment 2a uptake >= 0.9" to those the baseline has. */
export function addReviewTargets(project: Project, name: string, texts: readonly string[]): StoredTarget[] {
  const baseline = requireBaseline(project, name);
  const added = texts.map(targetFrom);
  return replaceBaselineTargets(project.db, baseline, [...baselineTargets(project.db, baseline), ...added]);
}

export function removeReviewTarget(project: Project, name: string, id: number): StoredTarget[] {
  const baseline = requireBaseline(project, name);
  const held = baselineTargets(project.db, baseline);
  if (!held.some((t) => t.id === id)) throw new InputError(`baseline "${baseline}" has no target ${id} (its targets: ${held.map((t) => t.id).join(', ') || 'none'})`);
  return replaceBaselineTargets(project.db, baseline, held.filter((t) => t.id !== id));
}

/** What a later extract is: another period, or the users as imported now; communal and base as asked. */
export interface LaterScope {
  period?: string;
  excludeCommunal?: boolean;
  base?: BaseKind;
}

export interface BaselineReview {
  comparison: ReviewComparison;
  targets: TargetCheck<StoredTarget>[];
}

/** Compares the current figures with the named baseline, for what it was saved for, and checks its targets on the rows as shown. */
export function reviewAgainstBaseline(project: Project, name: string, later: LaterScope, rule: DisclosureRule): BaselineReview {
  const baseline = requireBaseline(project, name);
  const saved = baselineRequest(project.db, baseline);
  // Communal residents count as they did in the baseline unless asked otherwise, so like is compared with like.
  const request = { service: saved.service, indicator: saved.indicator, scheme: saved.scheme, ...later, excludeCommunal: later.excludeCommunal ?? saved.excludeCommunal };
  const comparison = compareWithReviewBaseline(project, baseline, request, rule);
  return { comparison, targets: checkTargets(baselineTargets(project.db, baseline), comparison.rows) };
}
