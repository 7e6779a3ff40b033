// "Project checklist" in the header: the getting-started checklist over the
// workspace, so a half-built project shows what is missing and where to add it.
import { useRef, useState } from 'react';
import type { LoadedProject } from '../project/types';
import { requestImport } from '../import/import-request';
import { useFocusTrap } from '../import/use-focus-trap';
import { ProjectChecklist } from './ProjectChecklist';
import { STEP_IMPORT_KIND, useReadiness } from './use-readiness';
import '../import/import.css';
import './start.css';

function ChecklistDialog({ project, onClose }: { project: LoadedProject; onClose(): void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const readiness = useReadiness(project);
  useFocusTrap(dialog, onClose);
  return (
    <div className="import-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="checklist-dialog" role="dialog" aria-modal="true" aria-labelledby="checklist-title" tabIndex={-1}>
        <header className="import-dialog__header">
          <h2 id="checklist-title">Project checklist</h2>
          <button type="button" className="dialog-button" onClick={onClose} data-autofocus>
            Close
          </button>
        </header>
        <div className="checklist-dialog__body">
          <ProjectChecklist
            readiness={readiness}
            onImport={(step) => {
              // The picker first, while the click still counts as the analyst's; then this dialog makes way.
              requestImport(STEP_IMPORT_KIND[step]);
              onClose();
            }}
          />
        </div>
      </div>
    </div>
  );
}

export function ChecklistButton({ project }: { project: LoadedProject }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="header-button" onClick={() => setOpen(true)} title="What the project holds, and what each analysis still needs">
        Project checklist
      </button>
      {open && <ChecklistDialog project={project} onClose={() => setOpen(false)} />}
    </>
  );
}
