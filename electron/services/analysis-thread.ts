// Runs the long analyses and the non-PNG exports (analysis-worker.ts) in
// worker threads and waits for each as if it ran here (worker-jobs.ts):
// progress reaches the call's context (the app's event stream), errors come
// back as the same kinds with the same messages, and the signal cancels: a
// waiting job is dropped, a running one (synchronous, deaf to messages) ended
// with its thread, and the job's temporary folder, with any half-written file
// in it, removed. Two threads, so an export does not wait for the dock's
// analysis nor the other way round; more would multiply a national run's
// memory. A report's figures are worked out there; its maps are drawn and it
// is printed here, by the app's own windows or Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallContext, Handlers } from '../../shared/contract';
import { ExportCancelled } from '../exports/cancellable';
import type { ReportDraft } from '../exports/export-service';
import { ANALYSIS_METHODS, draftReportUnchanged, EXPORT_METHODS, threadedHandlers, type AnalysisJob, type LevelGeometryJob, type ThreadedMethod } from './analysis-worker';
import { storeLevelGeometry, type LevelGeometryBuilder } from './area-geometry';
import type { CachedGeometry } from '../store/area-geometry-cache';
import type { ReportDrafter } from './export-handlers';
import type { ProjectSession } from './project-session';
import { JobCancelled, JobThreads } from './worker-jobs';

const isExport = (method: AnalysisJob['method']) => method === 'draftReport' || (EXPORT_METHODS as readonly string[]).includes(method);

const analyses = new JobThreads<AnalysisJob>({
  entry: 'analysis-worker',
  label: 'analysis',
  cancel: 'end-thread',
  threads: 2,
  // A cancelled export answers as a cancelled map image does.
  cancelled: (job) =>
    isExport(job.method) ? new ExportCancelled()
    : job.method === 'suggestSites' ? new JobCancelled('the suggestion was cancelled')
    : new JobCancelled(`${STARTED[job.method]}: cancelled`),
});

/** What the event stream says when each starts (suggestSites says more as it goes). */
const STARTED: Record<AnalysisJob['method'], string> = {
  getAreaAnalysis: 'Working out the gaps',
  getScenarioAnalysis: 'Working out the gaps',
  getProfile: 'Working out the profile',
  getPeriodReview: 'Comparing the periods',
  getStrata: 'Working out the strata',
  getUserHexbins: 'Counting users by hexagon',
  getFunnelPlot: 'Working out the funnel plot',
  getCrosstab: 'Working out the crosstab',
  getAccessCoverage: 'Working out the minutes to the nearest site',
  getBaselineReview: 'Comparing with the baseline',
  suggestSites: 'Suggesting sites',
  exportTable: 'Writing the table',
  exportLayer: 'Writing the layer',
  exportGeoPackage: 'Writing the GeoPackage',
  exportCrosstab: 'Writing the crosstab',
  exportReview: 'Writing the review',
  exportSuggestions: 'Writing the suggested sites',
  draftReport: 'Working out the report’s figures',
  storeLevelGeometry: 'Reading the areas’ shapes',
};

/** Starts an analysis thread ahead of the first analysis (the app does on starting; tests need not). */
export function warmAnalysisThreads(): void {
  analyses.warm();
}

/** The thread ids now started (tests watch a cancel end one). */
export function analysisThreadIds(): number[] {
  return analyses.threadIds();
}

/** Runs one job in a thread, in a temporary folder of its own that goes when the job does. */
export async function runAnalysisInWorker(path: string, method: AnalysisJob['method'], input: unknown, ctx: CallContext, here: () => Promise<unknown>): Promise<unknown> {
  ctx.progress(STARTED[method], null);
  const scratch = mkdtempSync(join(tmpdir(), 'cgm-job-'));
  try {
    return await analyses.run({ path, method, input, scratch }, ctx, here);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The threaded analyses and exports; in the CLI's bundle the same handlers run inline on the command's session. */
export function analysisThreadHandlers(session: ProjectSession): Pick<Handlers, ThreadedMethod> {
  const here = threadedHandlers(session);
  const threaded = (method: ThreadedMethod) => [
    method,
    (input: unknown, ctx: CallContext) =>
      runAnalysisInWorker(session.project.path, method, input, ctx, () => (here[method] as (i: unknown, c: CallContext) => Promise<unknown>)(input, ctx)),
  ];
  return Object.fromEntries([...ANALYSIS_METHODS, ...EXPORT_METHODS].map(threaded)) as Pick<Handlers, ThreadedMethod>;
}

/** A report's figures and text, worked out in a thread (exportHandlers draws its maps and prints it here). */
export function threadedReportDrafter(session: ProjectSession): ReportDrafter {
  return (asked, ctx) =>
    runAnalysisInWorker(session.project.path, 'draftReport', asked, ctx, () => draftReportUnchanged(session, asked)) as Promise<ReportDraft>;
}

/** Builds and stores a level's map arrays the project lacks in a thread, so the main thread neither triangulates nor writes them. */
export function threadedGeometryBuilder(session: ProjectSession, ctx: CallContext): LevelGeometryBuilder {
  return (level, table, fingerprint) => {
    const job: LevelGeometryJob = { level, table, fingerprint };
    // Not ended with the asking request (a page reloaded mid-open): the build is stored for the next ask, which waits on it.
    const unending: CallContext = { progress: ctx.progress, signal: new AbortController().signal };
    return runAnalysisInWorker(session.project.path, 'storeLevelGeometry', job, unending, async () => storeLevelGeometry(session.project.db, level, table, fingerprint)) as Promise<CachedGeometry>;
  };
}
