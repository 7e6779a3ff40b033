// Contract handlers for the analysis views. The analyst's working view shows
// exact counts (marked as not for sharing); presentation views get the
// project's disclosure rule, the same one exports use.
import { disclose, disclosureNote } from '../../shared/analysis/disclosure';
import type { Handlers } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { areaResults } from '../analysis/area-results';
import { unmetSummary } from '../analysis/unmet-summary';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { runProfile } from '../analysis/profile-run';
import { comparePeriods } from '../analysis/review-run';
import { analyseAreas } from '../analysis/travel-access';
import type { ProjectSession } from './project-session';
import { analysisScopeInfo, areaNames, scopeNotes } from '../analysis/analysis-scope';

const EXACT: DisclosureRule = { kind: 'none' };

export function analysisHandlers(session: ProjectSession): Pick<Handlers, 'getAreaAnalysis' | 'getProfile' | 'getAnalysisScope' | 'getPeriodReview'> {
  return {
    async getAreaAnalysis({ service, indicator, mode, level, period, excludeCommunal, presentation }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const analysis = analyseAreas(project, { service, indicator, mode, level, period, excludeCommunal });
      const rows = areaResults(analysis, rule);
      return {
        service,
        indicator,
        level: analysis.level,
        mode,
        accessMeasure: analysis.accessMeasure,
        exactCounts: rule.kind === 'none',
        disclosureNote: disclosureNote(rule),
        rows,
        period: analysis.scope.period,
        scopeNotes: scopeNotes(analysis.scope, areaNames(project.db)),
        summary: unmetSummary(analysis, rows, rule),
      };
    },

    async getProfile({ service, scheme, segmentLevel, period, excludeCommunal, presentation }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const result = runProfile(project.db, { service, scheme, segmentLevel, period, excludeCommunal });
      const shown = disclose(result.table, rule);
      return { exactCounts: rule.kind === 'none', disclosureNote: shown.note, rows: shown.rows, total: shown.total, scopeNotes: scopeNotes(result.scope, areaNames(project.db)) };
    },

    async getAnalysisScope({ service }) {
      return analysisScopeInfo(session.project.db, service);
    },

    async getPeriodReview({ service, indicator, scheme, periods, excludeCommunal, presentation }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const result = comparePeriods(project, periods, { service, indicator, scheme, excludeCommunal }, rule);
      return { periods, exactCounts: rule.kind === 'none', disclosureNote: disclosureNote(rule), rows: result.rows };
    },
  };
}
