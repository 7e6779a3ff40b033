// The analysis worker: the analyses that take seconds on a national project
// (gaps, profile, crosstab, strata, funnel, coverage, reviews, suggested sites)
// and the files made from them (CSV tables, GeoJSON, GeoPackage, a report's
// figures), run in threads of their own so the main thread keeps answering the
// app. Each job opens the project file afresh (an import may have renamed a new
// copy into place since) and runs the same handler the main thread would.
// Anything a job writes to the temporary folder lands in the job's own folder,
// which the main thread removes however the job ends (analysis-thread.ts).
import type { CallContext, Handlers } from '../../shared/contract';
import { draftReport, type ReportDraft } from '../exports/export-service';
import type { ExportParamsRequest } from '../exports/params';
import { accessHandlers } from './access-handlers';
import { analysisHandlers } from './analysis-handlers';
import { storeLevelGeometry } from './area-geometry';
import { contextHandlers } from './context-handlers';
import { exportHandlers } from './export-handlers';
import { mapHandlers } from './map-handlers';
import { ProjectSession } from './project-session';
import { reviewHandlers } from './review-handlers';
import { tableHandlers } from './table-handlers';
import { serveJobs } from './worker-job-host';
import { readUnchanged } from '../store/unchanged-read';

export const ANALYSIS_METHODS = [
  'getAreaAnalysis', 'getProfile', 'getPeriodReview', 'getScenarioAnalysis', 'getStrata', 'getUserHexbins', 'getFunnelPlot',
  'getCrosstab', 'getAccessCoverage', 'getBaselineReview', 'suggestSites',
] as const;
export const EXPORT_METHODS = ['exportTable', 'exportLayer', 'exportGeoPackage', 'exportCrosstab', 'exportReview', 'exportSuggestions'] as const;
export type ThreadedMethod = (typeof ANALYSIS_METHODS)[number] | (typeof EXPORT_METHODS)[number];

export interface AnalysisJob {
  path: string;
  /** A contract method, the figures and text of a report whose maps the main thread draws, or a level's map arrays to build and store. */
  method: ThreadedMethod | 'draftReport' | 'storeLevelGeometry';
  input: unknown;
  /** The job's own temporary folder. */
  scratch: string;
}

/** A level whose map arrays the project's cache lacks (area-geometry.ts). */
export interface LevelGeometryJob {
  level: string;
  table: string;
  fingerprint: string;
}

/** The threaded methods' handlers, on a session (the worker's own, or the CLI's when they run inline). */
export function threadedHandlers(session: ProjectSession): Pick<Handlers, ThreadedMethod> {
  const all = {
    ...analysisHandlers(session), ...mapHandlers(session), ...tableHandlers(session), ...contextHandlers(session),
    ...accessHandlers(session), ...reviewHandlers(session), ...exportHandlers(session),
  };
  // A file is written from one state of the project: an export read while something else saved is read again.
  const unchanged = (m: (typeof EXPORT_METHODS)[number]) => (input: never, ctx: CallContext) =>
    readUnchanged(() => session.project.db, 'the export', () => (all[m] as (i: never, c: CallContext) => Promise<unknown>)(input, ctx));
  return Object.fromEntries([...ANALYSIS_METHODS.map((m) => [m, all[m]]), ...EXPORT_METHODS.map((m) => [m, unchanged(m)])]) as Pick<Handlers, ThreadedMethod>;
}

/** A report's figures and text, from one state of the project (as the exports above). */
export function draftReportUnchanged(session: ProjectSession, asked: ExportParamsRequest): Promise<ReportDraft> {
  return readUnchanged(() => session.project.db, 'the report', async () => draftReport(session.project, asked));
}

// os.tmpdir() reads TMPDIR on Linux and macOS, TEMP or TMP on Windows.
const TEMP_VARIABLES = ['TMPDIR', 'TEMP', 'TMP'] as const;

/** Runs `work` with os.tmpdir() naming `dir`: this thread's environment is its own, so nothing else sees it. */
async function inTempFolder<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const before = TEMP_VARIABLES.map((k) => process.env[k]);
  for (const k of TEMP_VARIABLES) process.env[k] = dir;
  try {
    return await work();
  } finally {
    TEMP_VARIABLES.forEach((k, i) => (before[i] === undefined ? delete process.env[k] : (process.env[k] = before[i])));
  }
}

async function runAnalysisJob(job: AnalysisJob, ctx: CallContext): Promise<unknown> {
  const session = new ProjectSession(job.path);
  try {
    if (job.method === 'draftReport') return await draftReportUnchanged(session, job.input as ExportParamsRequest);
    if (job.method === 'storeLevelGeometry') {
      const { level, table, fingerprint } = job.input as LevelGeometryJob;
      return storeLevelGeometry(session.project.db, level, table, fingerprint);
    }
    const handler = threadedHandlers(session)[job.method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return await inTempFolder(job.scratch, () => handler(job.input, ctx));
  } finally {
    session.close();
  }
}

serveJobs('analysis-worker', runAnalysisJob);
