// Contract handlers for review baselines with targets and for suggested
// sites: the runners `cgm baseline`, `cgm review --baseline` and `cgm suggest`
// call, so the app and a script give the same answers. The working view shows
// exact counts; presentation views and files get the project's sharing rule.
import { disclosureNote } from '../../shared/analysis/disclosure';
import type { CallContext, Handlers, MethodInput } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { deleteReviewBaseline, listReviewBaselines, reviewAgainstBaseline } from '../analysis/review-baselines';
import { saveReviewBaseline } from '../analysis/review-run';
import type { ExportFile } from '../exports/export-file';
import { reviewCsv } from '../exports/review-export';
import { suggestionsCsv } from '../exports/suggest-export';
import { defaultProfile } from '../../shared/travel/profiles';
import { suggestSitesStepwise, type SuggestResult } from '../routing/suggest';
import { readCandidateList, type CandidateSource } from '../routing/suggest-candidates';
import type { Project } from '../store/project';
import type { ProjectSession } from './project-session';

type Methods = 'listBaselines' | 'saveBaseline' | 'deleteBaseline' | 'getBaselineReview' | 'exportReview' | 'suggestSites' | 'exportSuggestions';

const EXACT: DisclosureRule = { kind: 'none' };
const sent = (f: ExportFile) => ({ filename: f.filename, mimeType: f.mimeType, dataBase64: f.bytes.toString('base64'), sizeBytes: f.bytes.length });

function baselineSummary(project: Project, name: string) {
  const found = listReviewBaselines(project).find((b) => b.name === name.trim());
  if (!found) throw new InputError(`no baseline "${name.trim()}" in the project`);
  return found;
}

async function candidateSource(request: MethodInput<'suggestSites'>): Promise<CandidateSource> {
  const c = request.candidates ?? 'areas';
  if (c === 'areas') return { kind: 'areas' };
  if (c === 'nodes') return { kind: 'nodes', spacingMeters: request.nodeSpacing };
  // The analyst's list is read by the same reader as `cgm suggest --candidates FILE.csv`, in memory.
  return { kind: 'list', file: c.name, sites: await readCandidateList({ name: c.name, data: new TextEncoder().encode(c.text) }) };
}

/** The same run as `cgm suggest` with the built-in travel profile (its default). */
async function suggest(project: Project, request: MethodInput<'suggestSites'>, ctx: CallContext): Promise<SuggestResult> {
  ctx.progress('Finding where each candidate reaches', 0);
  const candidates = await candidateSource(request);
  const { service, indicator, minutes, k, base, mode } = request;
  return suggestSitesStepwise(project, { service, indicator, profile: defaultProfile(mode), minutes, k, candidates, base }, {
    signal: ctx.signal,
    progress: (p) => ctx.progress(`Travel-time searches: ${p.searches} of ${p.total}`, p.searches / p.total),
  });
}

export function reviewHandlers(session: ProjectSession): Pick<Handlers, Methods> {
  return {
    async listBaselines() {
      return listReviewBaselines(session.project);
    },
    async saveBaseline({ name, service, indicator, scheme, period, excludeCommunal, base }) {
      const saved = saveReviewBaseline(session.project, name, { service, indicator, scheme, period, excludeCommunal, base });
      return baselineSummary(session.project, saved.name);
    },
    async deleteBaseline({ name }) {
      deleteReviewBaseline(session.project, name);
      return { deleted: name.trim() };
    },
    async getBaselineReview({ name, period, excludeCommunal, base, presentation }) {
      const project = session.project;
      const rule = presentation ? sharingDisclosureRule(project.db) : EXACT;
      const { comparison, targets } = reviewAgainstBaseline(project, name, { period, excludeCommunal, base }, rule);
      return {
        baseline: comparison.baseline, savedAt: comparison.savedAt, service: comparison.service, indicator: comparison.indicator, scheme: comparison.scheme,
        period: comparison.period ?? null, exactCounts: rule.kind === 'none', disclosureNote: disclosureNote(rule), rows: comparison.rows, targets,
      };
    },
    async exportReview({ name, table, period, excludeCommunal, base }) {
      return sent(reviewCsv(session.project, name, table, { period, excludeCommunal, base }));
    },
    async suggestSites(request, ctx) {
      return suggest(session.project, request, ctx);
    },
    async exportSuggestions(request, ctx) {
      return sent(suggestionsCsv(await suggest(session.project, request, ctx)));
    },
  };
}
