// Strata proposals for one service and indicator, joined with the analyst's
// stored decisions (which are never lost when the data change).
import type Database from 'better-sqlite3';
import { decide, proposeStrata, recompute, strataState, type StratumDecision, type StratumView } from '../../shared/analysis/strata';
import type { DisclosureRule, Stratum } from '../../shared/domain';
import { publishedRows } from './area-results';
import type { AreaAnalysisRequest } from './area-analysis';
import type { Project } from '../store/project';
import { analyseAreas } from './travel-access';
import { InputError } from '../../shared/errors';

interface DecisionRow {
  id: number;
  area_code: string;
  proposed: string;
  decided: string;
  reason: string | null;
  decided_at: string;
}

function storedDecisions(db: Database.Database, service: string, indicator: string): StratumDecision[] {
  const rows = db
    .prepare('SELECT id, area_code, proposed, decided, reason, decided_at FROM cgm_strata_decisions WHERE service = ? AND indicator = ? ORDER BY id')
    .all(service, indicator) as DecisionRow[];
  return rows.map((r) => ({
    id: String(r.id),
    seq: r.id,
    key: r.area_code,
    proposed: (r.proposed || null) as Stratum | null,
    assigned: r.decided as Stratum,
    kind: r.proposed === r.decided ? 'confirm' : 'reassign',
    reason: r.reason,
    at: r.decided_at,
    by: null,
  }));
}

export interface StrataRow extends StratumView {
  name: string | null;
}

const EXACT: DisclosureRule = { kind: 'none' };

/**
 * Proposals read uptake as `rule` publishes it (the analyst's own view: exact),
 * so a shared stratum or flag never rests on a count the same output hides,
 * and a flag quotes the ratio the gap table prints.
 */
export function runStrata(project: Project, request: Omit<AreaAnalysisRequest, 'travel'>, rule: DisclosureRule = EXACT): StrataRow[] {
  const { db } = project;
  const analysis = analyseAreas(project, request);
  const published = publishedRows(analysis, rule);
  const proposals = proposeStrata(analysis.rows.map((r, i) => ({ key: r.code, needIndex: r.needIndex, uptake: published[i].uptake })));
  const names = new Map(analysis.rows.map((r) => [r.code, r.name]));
  return recompute(proposals, storedDecisions(db, request.service, request.indicator)).map((v) => ({ ...v, name: names.get(v.key) ?? null }));
}

export const STRATA_COLUMNS = ['area_code', 'area_name', 'proposed', 'flags', 'escalation', 'decided', 'reason', 'decided_at', 'effective', 'proposal_changed'] as const;
export type StrataRecord = Record<(typeof STRATA_COLUMNS)[number], string | boolean | null>;

/**
 * The strata table as `cgm strata` prints it and exports write it. Whether a
 * proposal changed since the decision compares with the proposal the analyst
 * saw (from exact counts), so it is only given where exact counts are shown.
 */
export function strataRecords(rows: readonly StrataRow[], rule: DisclosureRule): StrataRecord[] {
  return rows.map((v) => ({
    area_code: v.key,
    area_name: v.name,
    proposed: v.proposal?.stratum ?? null,
    flags: v.proposal?.flags.map((f) => `${f.level}: ${f.reason}`).join('; ') ?? '',
    escalation: v.proposal?.escalation ?? null,
    decided: v.decision?.assigned ?? null,
    reason: v.decision?.reason ?? null,
    decided_at: v.decision?.at ?? null,
    effective: v.effective,
    proposal_changed: rule.kind === 'none' ? v.proposalChanged : null,
  }));
}

/** Validates through the pure rule (a lower stratum needs a reason), then stores. */
export function recordStratumDecision(
  project: Project,
  request: Omit<AreaAnalysisRequest, 'travel'>,
  decision: { areaCode: string; assigned: Stratum; reason?: string | null; at?: string },
): StratumDecision {
  const { db } = project;
  const views = runStrata(project, request);
  const view = views.find((v) => v.key === decision.areaCode);
  if (!view) throw new InputError(`no area "${decision.areaCode}" in the analysis`);
  const state = strataState(view.proposal ? [view.proposal] : [], storedDecisions(db, request.service, request.indicator));
  const at = decision.at ?? new Date().toISOString();
  const moment = decide(state, { key: decision.areaCode, assigned: decision.assigned, reason: decision.reason, at });
  const made = moment.putDecisions[0];
  const info = db
    .prepare('INSERT INTO cgm_strata_decisions (service, indicator, area_code, proposed, decided, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(request.service, request.indicator, decision.areaCode, made.proposed ?? '', made.assigned, made.reason, at);
  return { ...made, id: String(info.lastInsertRowid), seq: Number(info.lastInsertRowid) };
}
