// Strata proposals for one service and indicator, joined with the analyst's
// stored decisions (which are never lost when the data change).
import type Database from 'better-sqlite3';
import { decide, proposeStrata, recompute, strataState, type StratumDecision, type StratumView } from '../../shared/analysis/strata';
import type { Stratum } from '../../shared/domain';
import type { AreaAnalysisRequest } from './area-analysis';
import type { Project } from '../store/project';
import { analyseAreas } from './travel-access';

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

export function runStrata(project: Project, request: Omit<AreaAnalysisRequest, 'travel'>): StrataRow[] {
  const { db } = project;
  const analysis = analyseAreas(project, request);
  const proposals = proposeStrata(analysis.rows.map((r) => ({ key: r.code, needIndex: r.needIndex, uptake: r.uptake })));
  const names = new Map(analysis.rows.map((r) => [r.code, r.name]));
  return recompute(proposals, storedDecisions(db, request.service, request.indicator)).map((v) => ({ ...v, name: names.get(v.key) ?? null }));
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
  if (!view) throw new Error(`no area "${decision.areaCode}" in the analysis`);
  const state = strataState(view.proposal ? [view.proposal] : [], storedDecisions(db, request.service, request.indicator));
  const at = decision.at ?? new Date().toISOString();
  const moment = decide(state, { key: decision.areaCode, assigned: decision.assigned, reason: decision.reason, at });
  const made = moment.putDecisions[0];
  const info = db
    .prepare('INSERT INTO cgm_strata_decisions (service, indicator, area_code, proposed, decided, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(request.service, request.indicator, decision.areaCode, made.proposed ?? '', made.assigned, made.reason, at);
  return { ...made, id: String(info.lastInsertRowid), seq: Number(info.lastInsertRowid) };
}
