// Contract handlers for the analysis views. The analyst's working view shows
// exact counts (marked as not for sharing); presentation views get the
// project's disclosure rule, the same one exports use.
import { disclose, disclosureNote, type Disclosed } from '../../shared/analysis/disclosure';
import { profileUsersShown } from '../../shared/analysis/attribution';
import { segmentSourceSentence, usersLeftOut } from '../../shared/analysis/user-notes';
import { profileComparator } from '../analysis/profile-comparator';
import type { Handlers } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { analysisUsersNotes, areaResults } from '../analysis/area-results';
import { unmetSummary } from '../analysis/unmet-summary';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { runProfile } from '../analysis/profile-run';
import { comparePeriods } from '../analysis/review-run';
import { analyseAreas } from '../analysis/travel-access';
import { projectGapSettings, storedGapSettings } from '../analysis/gap-settings';
import type { ProjectSession } from './project-session';
import { analysisScopeInfo, areaNames, scopeNotes } from '../analysis/analysis-scope';
import { withChosenSegments } from '../analysis/dominant-segments';

const EXACT: DisclosureRule = { kind: 'none' };

export function analysisHandlers(session: ProjectSession): Pick<Handlers, 'getAreaAnalysis' | 'getProfile' | 'getAnalysisScope' | 'getPeriodReview' | 'getGapSettings'> {
  return {
    async getAreaAnalysis({ service, indicator, mode, level, period, excludeCommunal, base, presentation, segmentScheme, segmentLevel }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const analysis = analyseAreas(project, { service, indicator, mode, level, period, excludeCommunal, base });
      const rows = withChosenSegments(project.db, areaResults(analysis, rule), { segmentScheme, segmentLevel }, analysis.level, { period, excludeCommunal, base });
      return {
        service,
        indicator,
        level: analysis.level,
        mode,
        accessMeasure: analysis.accessMeasure,
        settings: analysis.settings,
        exactCounts: rule.kind === 'none',
        disclosureNote: disclosureNote(rule),
        ...analysisUsersNotes(analysis, rule),
        rows,
        period: analysis.scope.period,
        scopeNotes: scopeNotes(analysis.scope, areaNames(project.db)),
        summary: unmetSummary(analysis, rows, rule),
      };
    },

    async getGapSettings() {
      const { db } = session.project;
      return { settings: projectGapSettings(db), stored: storedGapSettings(db) };
    },

    async getProfile({ service, scheme, segmentLevel, period, excludeCommunal, base, presentation, comparator, deciles }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const result = runProfile(project.db, { service, scheme, segmentLevel, period, excludeCommunal, base, deciles });
      const shown = disclose(result.table, rule);
      const users = (u: Disclosed) => (typeof u === 'number' ? profileUsersShown(u) : u);
      return {
        exactCounts: rule.kind === 'none', disclosureNote: shown.note, base: result.baseKind,
        segmentSource: segmentSourceSentence(result.attributed.bySource, rule),
        usersLeftOut: usersLeftOut(result.attributed, scheme, result.baseKind, rule),
        rows: shown.rows.map((r) => ({ ...r, users: users(r.users) })), total: { ...shown.total, users: users(shown.total.users) },
        scopeNotes: scopeNotes(result.scope, areaNames(project.db)),
        ...(result.decileFilter ? { decileFilter: result.decileFilter } : {}),
        ...(comparator ? { comparator: { name: comparator, bySegment: Object.fromEntries(profileComparator(project.db, comparator, scheme, segmentLevel, shown)) } } : {}),
      };
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
