// Holds the workspace on one project at a time. A switch (New, Open, Save As,
// Rename, the demo) remounts the whole workspace under a new key, so layers,
// selection, analysis choice, dock and presentation all start afresh from the
// project now open, exactly as at launch.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import { clearSelection } from '../selection/selection-store';
import { ProjectDialog } from './ProjectDialog';
import { ProjectCommandsContext, windowTitle, type ProjectCommands, type ProjectDialogKind, type ProjectSwitch } from './project-commands';
import { useProjectShortcuts } from './use-project-shortcuts';
import './project.css';

export function ProjectRoot({ children }: { children: (generation: number) => ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const [dialog, setDialog] = useState<ProjectDialogKind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusAfterSwitch = useRef(false);

  // The title follows the project open now (Electron's window title follows the page's).
  useEffect(() => {
    let cancelled = false;
    api.call('getProjectInfo', {}).then(
      (info) => !cancelled && (document.title = windowTitle(info.name)),
      () => !cancelled && (document.title = windowTitle(null)),
    );
    return () => {
      cancelled = true;
    };
  }, [generation]);

  // Said once at launch: the project last open could not be reopened.
  useEffect(() => {
    api.call('listProjects', {}).then((list) => setNotice(list.notice), () => {});
  }, []);

  const switchTo = useCallback(async (call: () => Promise<ProjectSwitch>) => {
    const opened = await call();
    clearSelection();
    setNotice(null);
    setDialog(null);
    document.title = windowTitle(opened.name);
    focusAfterSwitch.current = true;
    setGeneration((g) => g + 1);
  }, []);

  const commands = useMemo<ProjectCommands>(
    () => ({
      show: setDialog,
      switchTo,
      takeFocus: () => {
        const take = focusAfterSwitch.current;
        focusAfterSwitch.current = false;
        return take;
      },
    }),
    [switchTo],
  );
  useProjectShortcuts(setDialog, dialog === null);

  return (
    <ProjectCommandsContext.Provider value={commands}>
      {children(generation)}
      {notice && (
        <div className="project-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="text-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {dialog && <ProjectDialog kind={dialog} onClose={() => setDialog(null)} />}
    </ProjectCommandsContext.Provider>
  );
}
