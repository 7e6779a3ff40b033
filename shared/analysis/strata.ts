// Population strata (seed 004, PACT "population segmentation"): each area, or
// area × segment, is proposed one of Priority / Moderate / Basic / Self-care
// attention from its need and its uptake gap; the analyst confirms or
// reassigns. Decisions are an append-only log changed only through "moments"
// (a put/delete pair with an exact inverse), so undo/redo is applying the
// inverse, and recomputing proposals never touches a decision.

import { InputError } from '../errors';
import type { Stratum } from '../domain';
import type { Significance } from './uptake';

/** Least to most attention. */
export const STRATA: readonly Stratum[] = ['Self-care', 'Basic', 'Moderate', 'Priority'];

export function attention(s: Stratum): number {
  return STRATA.indexOf(s);
}

export interface StratumFlag {
  source: string;
  level: Exclude<Stratum, 'Self-care'>;
  reason: string;
}

export interface StratumProposal {
  key: string;
  stratum: Stratum;
  flags: StratumFlag[];
  /** Set when concurrent flags raised the stratum above the highest single flag. */
  escalation: string | null;
}

export interface StrataSettings {
  /** Need index (area need rate ÷ overall rate × 100) thresholds. */
  needIndex: { priority: number; moderate: number; basic: number };
  /** N or more concurrent flags at one of these levels raise the stratum one step. */
  escalation: { count: number; levels: Stratum[] };
}

export const DEFAULT_STRATA_SETTINGS: StrataSettings = {
  needIndex: { priority: 150, moderate: 120, basic: 100 },
  escalation: { count: 2, levels: ['Moderate'] },
};

export interface StrataInput {
  key: string;
  /** 100 = the area's need rate equals the overall rate; null when unknown. */
  needIndex: number | null;
  uptake: { ratio: number | null; significance95: Significance; significance998: Significance } | null;
  /** Further risk filters computed elsewhere (seed 004: each "filter" is a flag). */
  extraFlags?: StratumFlag[];
}

/** Flags from need and from the uptake gap. */
export function strataFlags(input: StrataInput, settings: StrataSettings = DEFAULT_STRATA_SETTINGS): StratumFlag[] {
  const flags: StratumFlag[] = [];
  const n = input.needIndex;
  const t = settings.needIndex;
  if (n !== null) {
    const level = n >= t.priority ? 'Priority' : n >= t.moderate ? 'Moderate' : n >= t.basic ? 'Basic' : null;
    const limit = level === 'Priority' ? t.priority : level === 'Moderate' ? t.moderate : t.basic;
    if (level) flags.push({ source: 'need', level, reason: `need index ${Math.round(n)} >= ${limit}` });
  }
  const u = input.uptake;
  // A null ratio with a "low" flag is a suppressed count whose flag every
  // hidden value shares (published-uptake): the flag stands, no ratio is quoted.
  if (u) {
    const r = u.ratio === null ? 'uptake' : `uptake ratio ${u.ratio.toFixed(2)}`;
    if (u.significance998 === 'low') flags.push({ source: 'uptake', level: 'Priority', reason: `${r} significantly low at 99.8%` });
    else if (u.significance95 === 'low') flags.push({ source: 'uptake', level: 'Moderate', reason: `${r} significantly low at 95%` });
    else if (u.ratio !== null && u.ratio < 1) flags.push({ source: 'uptake', level: 'Basic', reason: `${r} below 1, not significant` });
  }
  return [...flags, ...(input.extraFlags ?? [])];
}

/**
 * The proposal is the highest flag level, except that `escalation.count` or
 * more concurrent flags at an escalating level raise it one step (default:
 * two or more Moderate flags → Priority). Seed 004: "when several filters of
 * the same segment meet, which would raise the person to a higher segment due
 * to the simultaneity of several risks". No flags → Self-care.
 */
export function proposeStratum(key: string, flags: StratumFlag[], settings: StrataSettings = DEFAULT_STRATA_SETTINGS): StratumProposal {
  let level = flags.reduce((best, f) => Math.max(best, attention(f.level)), 0);
  let escalation: string | null = null;
  for (const l of settings.escalation.levels) {
    const count = flags.filter((f) => f.level === l).length;
    const raised = Math.min(attention(l) + 1, STRATA.length - 1);
    if (count >= settings.escalation.count && raised > level) {
      level = raised;
      escalation = `${count} concurrent ${l} flags raise ${l} to ${STRATA[raised]}`;
    }
  }
  return { key, stratum: STRATA[level], flags, escalation };
}

export function proposeStrata(inputs: readonly StrataInput[], settings: StrataSettings = DEFAULT_STRATA_SETTINGS): StratumProposal[] {
  return inputs.map((i) => proposeStratum(i.key, strataFlags(i, settings), settings));
}

// ---- analyst decisions ------------------------------------------------------

export interface StratumDecision {
  id: string;
  /** Order in the log; undo/redo restores a decision to its place. */
  seq: number;
  key: string;
  /** What the software proposed when the analyst decided. */
  proposed: Stratum | null;
  assigned: Stratum;
  kind: 'confirm' | 'reassign';
  reason: string | null;
  /** ISO time of the decision. */
  at: string;
  by: string | null;
}

export interface StrataState {
  proposals: Record<string, StratumProposal>;
  decisions: StratumDecision[];
}

/** Placemark-style moment: what to put and what to delete. */
export interface StrataMoment {
  putDecisions: StratumDecision[];
  deleteDecisionIds: string[];
}

export class LoweringNeedsReasonError extends InputError {
  constructor(key: string, proposed: Stratum, assigned: Stratum) {
    super(`${key}: lowering ${proposed} to ${assigned} needs a written reason`);
    this.name = 'LoweringNeedsReasonError';
  }
}

export function strataState(proposals: readonly StratumProposal[], decisions: StratumDecision[] = []): StrataState {
  return { proposals: Object.fromEntries(proposals.map((p) => [p.key, p])), decisions: [...decisions].sort((a, b) => a.seq - b.seq) };
}

/**
 * Build the moment for one decision. Lowering below the proposal needs a
 * non-empty reason (seed 004: compulsory when lower, optional when higher).
 */
export function decide(
  state: StrataState,
  d: { key: string; assigned: Stratum; reason?: string | null; at: string; by?: string | null; id?: string },
): StrataMoment {
  const proposed = state.proposals[d.key]?.stratum ?? null;
  const reason = d.reason?.trim() ? d.reason.trim() : null;
  if (proposed !== null && attention(d.assigned) < attention(proposed) && reason === null) {
    throw new LoweringNeedsReasonError(d.key, proposed, d.assigned);
  }
  const seq = state.decisions.reduce((m, x) => Math.max(m, x.seq), 0) + 1;
  const decision: StratumDecision = {
    id: d.id ?? `${d.key}#${seq}`,
    seq, key: d.key, proposed, assigned: d.assigned,
    kind: proposed === d.assigned ? 'confirm' : 'reassign',
    reason, at: d.at, by: d.by ?? null,
  };
  return { putDecisions: [decision], deleteDecisionIds: [] };
}

/** Apply a moment; returns the new state and the moment that undoes it. */
export function applyMoment(state: StrataState, moment: StrataMoment): { state: StrataState; inverse: StrataMoment } {
  const deleting = new Set(moment.deleteDecisionIds);
  const deleted = state.decisions.filter((d) => deleting.has(d.id));
  const putIds = new Set(moment.putDecisions.map((d) => d.id));
  const replaced = state.decisions.filter((d) => putIds.has(d.id));
  const kept = state.decisions.filter((d) => !deleting.has(d.id) && !putIds.has(d.id));
  const decisions = [...kept, ...moment.putDecisions].sort((a, b) => a.seq - b.seq);
  return {
    state: { proposals: state.proposals, decisions },
    inverse: {
      putDecisions: [...deleted, ...replaced],
      deleteDecisionIds: moment.putDecisions.filter((d) => !replaced.some((r) => r.id === d.id)).map((d) => d.id),
    },
  };
}

export interface StratumView {
  key: string;
  proposal: StratumProposal | null;
  /** The latest decision, if any. */
  decision: StratumDecision | null;
  /** The decision's stratum when there is one, else the proposal's. */
  effective: Stratum;
  /** The proposal now differs from what the analyst saw when deciding. */
  proposalChanged: boolean;
  history: StratumDecision[];
}

/**
 * Combine (new) proposals with the decision log. Decisions are never dropped;
 * a decided key whose proposal has changed since is flagged for review.
 */
export function recompute(proposals: readonly StratumProposal[], decisions: readonly StratumDecision[]): StratumView[] {
  const byKey = new Map<string, StratumDecision[]>();
  for (const d of [...decisions].sort((a, b) => a.seq - b.seq)) {
    byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  }
  const keys = [...new Set([...proposals.map((p) => p.key), ...byKey.keys()])];
  const proposalOf = new Map(proposals.map((p) => [p.key, p]));
  return keys.map((key) => {
    const proposal = proposalOf.get(key) ?? null;
    const history = byKey.get(key) ?? [];
    const decision = history.length ? history[history.length - 1] : null;
    return {
      key, proposal, decision, history,
      effective: decision?.assigned ?? proposal?.stratum ?? 'Self-care',
      proposalChanged: decision !== null && decision.proposed !== (proposal?.stratum ?? null),
    };
  });
}

/** Replace proposals after a data change; the decision log is kept as is. */
export function withProposals(state: StrataState, proposals: readonly StratumProposal[]): StrataState {
  return strataState(proposals, state.decisions);
}
