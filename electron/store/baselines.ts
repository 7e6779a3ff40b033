// Review baselines and their targets in the project (cgm_baselines,
// cgm_review_targets; schema 5). The payload is the frozen figures; the
// columns say what they were saved for, so a list needs no payload parsing.
import type Database from 'better-sqlite3';
import type { ReviewTarget, TargetMeasure, TargetOp } from '../../shared/analysis/review-targets';

export interface BaselineRecord {
  name: string;
  savedAt: string;
  service: string | null;
  indicator: string | null;
  scheme: string | null;
  /** The users period the figures are for; null: all periods. */
  period: string | null;
}

export interface StoredTarget extends ReviewTarget {
  id: number;
}

const BASELINE_COLUMNS = "name, created_at AS savedAt, service, indicator, scheme, NULLIF(period, '') AS period";

export function listBaselineRecords(db: Database.Database): BaselineRecord[] {
  return db.prepare(`SELECT ${BASELINE_COLUMNS} FROM cgm_baselines ORDER BY created_at, name`).all() as BaselineRecord[];
}

export function baselineExists(db: Database.Database, name: string): boolean {
  return db.prepare('SELECT 1 FROM cgm_baselines WHERE name = ?').get(name) !== undefined;
}

export function baselinePayload(db: Database.Database, name: string): string | undefined {
  return db.prepare('SELECT payload FROM cgm_baselines WHERE name = ?').pluck().get(name) as string | undefined;
}

export function insertBaseline(db: Database.Database, record: BaselineRecord, payload: string): void {
  db.prepare('INSERT INTO cgm_baselines (name, created_at, payload, service, indicator, scheme, period) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(record.name, record.savedAt, payload, record.service, record.indicator, record.scheme, record.period ?? '');
}

/** Removes a baseline and (by the foreign key) its targets; false when there was none. */
export function deleteBaselineRecord(db: Database.Database, name: string): boolean {
  return db.prepare('DELETE FROM cgm_baselines WHERE name = ?').run(name).changes > 0;
}

export function baselineTargets(db: Database.Database, baseline: string): StoredTarget[] {
  return (db.prepare('SELECT id, kind, code, measure, op, value FROM cgm_review_targets WHERE baseline = ? ORDER BY id').all(baseline) as {
    id: number; kind: 'segment' | 'area'; code: string; measure: TargetMeasure; op: TargetOp; value: number;
  }[]).map((r) => ({ ...r }));
}

/** The baseline's targets become exactly `targets`, in one transaction (so the app's edit undoes as one). */
export function replaceBaselineTargets(db: Database.Database, baseline: string, targets: readonly ReviewTarget[], at = new Date().toISOString()): StoredTarget[] {
  db.transaction(() => {
    db.prepare('DELETE FROM cgm_review_targets WHERE baseline = ?').run(baseline);
    const insert = db.prepare('INSERT INTO cgm_review_targets (baseline, kind, code, measure, op, value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const t of targets) insert.run(baseline, t.kind, t.code, t.measure, t.op, t.value, at);
  })();
  return baselineTargets(db, baseline);
}
