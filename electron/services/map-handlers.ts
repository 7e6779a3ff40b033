// Contract handlers for the analysis map: isochrone bands, user hexbins,
// what-if sites, the scenario analysis that counts them, and strata decisions.
// Every figure comes from the same analysis and routing code the CLI uses.
import { disclosureNote } from '../../shared/analysis/disclosure';
import { LoweringNeedsReasonError } from '../../shared/analysis/strata';
import type { Handlers, StratumRow } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { withChosenSegments } from '../analysis/dominant-segments';
import { unmetSummary } from '../analysis/unmet-summary';
import { analysisUsersNotes } from '../analysis/area-results';
import { scenarioAreaRows } from '../analysis/scenario-rows';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { requireService } from '../analysis/inputs';
import { recordStratumDecision, runStrata, type StrataRow } from '../analysis/strata-run';
import { hasRoadNetwork, projectTravelProfile } from '../analysis/travel-access';
import { isochrones } from '../routing/isochrones';
import { serviceTimes } from '../routing/service-access';
import { RequestError } from './dispatch';
import { dragBands } from './drag-bands';
import type { ProjectSession } from './project-session';
import { userHexbins } from './user-hexbins';
import { areaNames, scopeNotes } from '../analysis/analysis-scope';
import { InputError } from '../../shared/errors';

type MapMethod = 'getIsochrones' | 'getDragBands' | 'getUserHexbins' | 'getScenarioAnalysis' | 'getStrata';

const EXACT: DisclosureRule = { kind: 'none' };

/** Whether a proposal changed since the decision is judged on exact counts, so a shared view leaves it unsaid. */
export function stratumRow(v: StrataRow, rule: DisclosureRule = EXACT): StratumRow {
  return {
    areaCode: v.key,
    name: v.name,
    proposed: v.proposal?.stratum ?? null,
    flags: (v.proposal?.flags ?? []).map((f) => ({ source: f.source, level: f.level, reason: f.reason })),
    escalation: v.proposal?.escalation ?? null,
    decision: v.decision ? { assigned: v.decision.assigned, proposed: v.decision.proposed, reason: v.decision.reason, at: v.decision.at } : null,
    effective: v.effective,
    proposalChanged: rule.kind === 'none' && v.proposalChanged,
  };
}

export function mapHandlers(session: ProjectSession): Pick<Handlers, MapMethod> {
  return {
    async getIsochrones({ service, mode, minutes, includeProposed }, ctx) {
      const started = performance.now();
      const project = session.project;
      if (!hasRoadNetwork(project)) throw new InputError('The project has no road network: import roads to draw travel-time bands.');
      ctx.progress(`Routing from the sites of ${service}`, 0);
      const access = serviceTimes(project, { service, profile: projectTravelProfile(project, mode), existingOnly: !includeProposed });
      const routed = access.sites.filter((s) => s.snap);
      ctx.progress('Tracing the travel-time bands', 0.5);
      const bands = isochrones(access.graph, access.times, { minutes, mode, rings: 'incremental' });
      return {
        service, mode, minutes: [...minutes].sort((a, b) => a - b), includeProposed,
        bands: bands as never,
        sitesRouted: routed.length,
        sitesOffNetwork: access.sites.length - routed.length,
        millis: Math.round(performance.now() - started),
      };
    },

    async getDragBands(input) {
      return dragBands(session.project, input);
    },

    async getUserHexbins({ service, hexMetres }) {
      // An unknown service has no users: an empty map would look like a real answer.
      requireService(session.project.db, service);
      const { rule, cells, suppressedCells, maxUsers } = userHexbins(session.project, service, hexMetres);
      return {
        service, hexMetres, cells, suppressedCells, maxUsers,
        disclosureNote: disclosureNote(rule),
        placement: 'Users are stored by area, not by person: each area’s count is placed at the mean of its postcodes, then summed per hexagon.',
      };
    },

    async getScenarioAnalysis({ service, indicator, mode, level, presentation, includeProposed, period, excludeCommunal, base, segmentScheme, segmentLevel }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const scenario = scenarioAreaRows(project, { service, indicator, mode, level, rule, includeProposed, period, excludeCommunal, base });
      const { analysis, proposedSites } = scenario;
      const rows = withChosenSegments(project.db, scenario.rows, { segmentScheme, segmentLevel }, analysis.level, { period, excludeCommunal, base });
      return {
        service, indicator, level: analysis.level, mode, accessMeasure: analysis.accessMeasure, settings: analysis.settings,
        period: analysis.scope.period, scopeNotes: scopeNotes(analysis.scope, areaNames(project.db)),
        exactCounts: rule.kind === 'none', disclosureNote: disclosureNote(rule), ...analysisUsersNotes(analysis, rule), rows,
        summary: unmetSummary(analysis, rows, rule), proposedSites,
      };
    },

    async getStrata({ service, indicator, mode, period, excludeCommunal, base, level, presentation }) {
      const rule = presentation ? sharingDisclosureRule(session.project.db) : EXACT;
      return { rows: runStrata(session.project, { service, indicator, mode, period, excludeCommunal, base, level }, rule).map((v) => stratumRow(v, rule)) };
    },

  };
}
