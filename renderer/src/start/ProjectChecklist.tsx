// The getting-started checklist: each import step with what is loaded (and
// how much) or that it is missing, a button that opens the import dialog for
// that kind of file, and what each analysis is still waiting for.
import { useId } from 'react';
import type { ProjectReadiness } from '../../../shared/contract';
import { ANALYSIS_LABELS, STEP_LABELS, type ReadinessStep } from '../../../shared/analysis/readiness';
import './start.css';

interface Props {
  readiness: ProjectReadiness | null;
  onImport(step: ReadinessStep): void;
}

export function ProjectChecklist({ readiness, onImport }: Props) {
  const id = useId();
  if (!readiness) return <p className="checklist__loading" role="status">Reading what the project holds…</p>;
  return (
    <div className="checklist">
      <h3 id={`${id}-steps`} className="checklist__heading">Data in the project</h3>
      <ol className="checklist__steps" aria-labelledby={`${id}-steps`}>
        {readiness.steps.map((s) => (
          <li key={s.step} className={`checklist__step${s.loaded ? ' is-loaded' : ''}`} data-step={s.step} data-loaded={s.loaded ? '1' : '0'}>
            <span className="checklist__mark" aria-hidden="true">{s.loaded ? '✓' : '○'}</span>
            <span className="checklist__text">
              <strong>{STEP_LABELS[s.step]}</strong>
              <span className="checklist__state">{s.loaded ? `Loaded: ${s.detail}` : s.detail.replace(/^Not loaded: /, 'Missing: ')}</span>
            </span>
            <button type="button" className={s.loaded ? 'text-button' : 'text-button text-button--on'} onClick={() => onImport(s.step)} aria-label={`Import ${STEP_LABELS[s.step].toLowerCase()}…`}>
              {s.loaded ? 'Import more…' : 'Import…'}
            </button>
          </li>
        ))}
      </ol>
      <h3 id={`${id}-analyses`} className="checklist__heading">What each analysis needs</h3>
      <ul className="checklist__analyses" aria-labelledby={`${id}-analyses`}>
        {readiness.analyses.map((a) => (
          <li key={a.analysis} data-analysis={a.analysis} data-ready={a.ready ? '1' : '0'}>
            <strong>{ANALYSIS_LABELS[a.analysis]}</strong>: {a.ready ? 'ready' : `waiting for ${a.waitingFor.map((s) => STEP_LABELS[s].toLowerCase()).join(', ') || 'more data'}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
