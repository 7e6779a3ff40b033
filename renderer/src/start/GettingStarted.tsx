// What an empty or half-built project opens to: the checklist of what is
// loaded and what each analysis still needs, each step one click from the
// import dialog with its kind chosen. The map takes over once boundaries are in.
import type { ProjectInfo } from '../project/types';
import { ImportButton } from '../import/ImportButton';
import { requestImport } from '../import/import-request';
import { ProjectChecklist } from './ProjectChecklist';
import { STEP_IMPORT_KIND, useReadiness } from './use-readiness';
import './start.css';

export function GettingStarted({ info }: { info: ProjectInfo }) {
  const readiness = useReadiness(info);
  return (
    <div className="getting-started">
      <header className="getting-started__header">
        <h1>{info.name}</h1>
        <ImportButton />
      </header>
      <main className="getting-started__body" aria-labelledby="getting-started-title">
        <h2 id="getting-started-title">Getting started</h2>
        <p className="getting-started__intro">
          This project has no areas to map yet. Import its data step by step, from the top: each analysis says below what it still waits for.
          Files can also be dropped on the window.
        </p>
        <ProjectChecklist readiness={readiness} onImport={(step) => requestImport(STEP_IMPORT_KIND[step])} />
      </main>
    </div>
  );
}
