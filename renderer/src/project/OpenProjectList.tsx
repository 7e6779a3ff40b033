// The Open dialog's body: recent projects first, then every other project in
// the project folders, the demo one click away, and a way to add a folder
// (browser mode types its path; Electron uses the system's Open dialog).
import { useCallback, useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { KnownProject, ProjectList } from '../../../shared/contract';
import { api } from '../api/client';
import { projectFileDialogs } from './project-commands';
import { useProjectSwitch } from './use-project-switch';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Up and Down move between the projects, as in a list box. */
function moveFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.project-list__item')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  if (items.length === 0) return;
  e.preventDefault();
  items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
}

export function OpenProjectList({ onClose }: { onClose(): void }) {
  const id = useId();
  const files = projectFileDialogs();
  const { run, busy, error, setError } = useProjectSwitch();
  const [list, setList] = useState<ProjectList | null>(null);
  const [folderPath, setFolderPath] = useState('');

  const refresh = useCallback(() => api.call('listProjects', {}).then(setList, (e: unknown) => setError(e instanceof Error ? e.message : String(e))), [setError]);
  useEffect(() => void refresh(), [refresh]);

  const open = (path: string) => void run(() => api.call('openProject', { path }));
  const addFolder = async (e: FormEvent) => {
    e.preventDefault();
    if (!folderPath.trim()) return;
    setError(null);
    try {
      await api.call('addProjectFolder', { path: folderPath.trim() });
      setFolderPath('');
      await refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const browse = async () => {
    const path = await files?.chooseProjectToOpen();
    if (typeof path === 'string') open(path);
  };

  const recentPaths = new Set(list?.recent.map((r) => r.path));
  const others = list?.projects.filter((p) => !recentPaths.has(p.path)) ?? [];
  const item = (p: KnownProject, detail: string) => (
    <li key={p.path}>
      <button type="button" className="project-list__item" disabled={busy} onClick={() => open(p.path)} aria-current={p.path === list?.current ? 'true' : undefined}>
        <span className="project-list__name">{p.name}{p.path === list?.current ? ' (open now)' : ''}</span>
        <span className="project-list__detail">{detail} · {p.path}</span>
      </button>
    </li>
  );

  return (
    <>
      <div className="import-dialog__body project-dialog__body" onKeyDown={moveFocus}>
        {!list && !error && <p role="status">Reading the project folders…</p>}
        {list && (
          <>
            <h3 id={`${id}-recent`} className="project-list__heading">Recent</h3>
            {list.recent.length ? (
              <ul className="project-list" aria-labelledby={`${id}-recent`}>
                {list.recent.map((r) => item(r, `opened ${when(r.openedAt)}`))}
              </ul>
            ) : (
              <p className="project-dialog__hint">No recent projects yet.</p>
            )}
            <h3 id={`${id}-all`} className="project-list__heading">In the project folders</h3>
            {others.length ? (
              <ul className="project-list" aria-labelledby={`${id}-all`}>
                {others.map((p) => item(p, `changed ${when(p.modified)}`))}
              </ul>
            ) : (
              <p className="project-dialog__hint">No other projects in {list.folders.join(', ')}.</p>
            )}
          </>
        )}
        {!files && (
          <form className="field project-dialog__folder" onSubmit={addFolder}>
            <label htmlFor={`${id}-folder`}>Add a folder of projects (full path)</label>
            <div className="field__row">
              <input id={`${id}-folder`} type="text" value={folderPath} spellCheck={false} placeholder="e.g. C:\Analysis\Projects" onChange={(e) => setFolderPath(e.target.value)} />
              <button type="submit" className="text-button">Add folder</button>
            </div>
          </form>
        )}
        {error && <p className="project-dialog__error" role="alert">{error}</p>}
      </div>
      <footer className="import-dialog__footer">
        <button type="button" className="dialog-button project-dialog__left" disabled={busy} onClick={() => void run(() => api.call('openDemoProject', {}))}>
          Open the demo project
        </button>
        {files && (
          <button type="button" className="dialog-button" disabled={busy} onClick={() => void browse()}>
            Browse…
          </button>
        )}
        <button type="button" className="dialog-button" onClick={onClose}>Cancel</button>
      </footer>
    </>
  );
}
