// What an analysis says instead of failing when the project lacks its inputs:
// one sentence naming what to import, and a button that opens the import
// dialog for the first missing step.
import type { ProjectReadiness } from '../../../shared/contract';
import { STEP_LABELS, type AnalysisName } from '../../../shared/analysis/readiness';
import { requestImport } from '../import/import-request';
import { analysisReadiness, STEP_IMPORT_KIND, useReadiness } from './use-readiness';
import './start.css';

type Readiness = ProjectReadiness['analyses'][number];

export function WaitingFor({ readiness }: { readiness: Readiness }) {
  const next = readiness.waitingFor[0];
  return (
    <p className="waiting-for" role="status" data-waiting={readiness.analysis}>
      <span>{readiness.message}</span>
      {next && (
        <button type="button" className="text-button text-button--on" onClick={() => requestImport(STEP_IMPORT_KIND[next])}>
          Import {STEP_LABELS[next].toLowerCase()}…
        </button>
      )}
    </p>
  );
}

/** The waiting message for `analysis`, or null when it is ready (or readiness is not known yet). */
export function waitingFor(readiness: ProjectReadiness | null, analysis: AnalysisName): Readiness | null {
  const a = analysisReadiness(readiness, analysis);
  return a && !a.ready ? a : null;
}

/** For a panel that has nothing to show yet: what `analysis` waits for, or `fallback` once it waits for nothing. */
export function AnalysisWaiting({ project, analysis, fallback }: { project: unknown; analysis: AnalysisName; fallback: string }) {
  const waiting = waitingFor(useReadiness(project), analysis);
  return waiting ? <WaitingFor readiness={waiting} /> : <p className="analysis-panel__empty">{fallback}</p>;
}
