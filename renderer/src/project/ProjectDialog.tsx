// The project dialogs: a name for New, Save As and Rename; the project list
// for Open. Modal: focus stays inside, Escape closes, and focus goes back to
// what had it (or, after a switch, to the project menu of the reloaded workspace).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useFocusTrap } from '../import/use-focus-trap';
import { OpenProjectList } from './OpenProjectList';
import { projectFileDialogs, type ProjectDialogKind } from './project-commands';
import { useProjectSwitch } from './use-project-switch';
import '../import/import.css';

const TITLES: Record<ProjectDialogKind, string> = { new: 'New project', open: 'Open project', saveAs: 'Save project as', rename: 'Rename project' };
const ACTIONS: Record<Exclude<ProjectDialogKind, 'open'>, string> = { new: 'Create', saveAs: 'Save copy', rename: 'Rename' };

export function ProjectDialog({ kind, onClose }: { kind: ProjectDialogKind; onClose(): void }) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, onClose);
  return (
    <div className="import-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="import-dialog project-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <header className="import-dialog__header">
          <h2 id={`${id}-title`} className="import-dialog__title">{TITLES[kind]}</h2>
        </header>
        {kind === 'open' ? <OpenProjectList onClose={onClose} /> : <NameForm kind={kind} onClose={onClose} />}
      </div>
    </div>
  );
}

function NameForm({ kind, onClose }: { kind: Exclude<ProjectDialogKind, 'open'>; onClose(): void }) {
  const id = useId();
  const files = projectFileDialogs();
  const { run, busy, error, setError } = useProjectSwitch();
  const [name, setName] = useState('');
  const [folders, setFolders] = useState<string[]>([]);
  const [folder, setFolder] = useState('');

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.call('getProjectInfo', {}), api.call('listProjects', {})]).then(([info, list]) => {
      if (cancelled) return;
      setName((typed) => typed || (kind === 'rename' ? info.name : kind === 'saveAs' ? `${info.name} copy` : ''));
      setFolders(list.folders);
      setFolder((f) => f || list.folders[0] || '');
    }, (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [kind]);

  const byName = () => {
    const trimmed = name.trim();
    if (kind === 'rename') return api.call('renameProject', { name: trimmed });
    const input = { name: trimmed, ...(folder && folder !== folders[0] ? { folder } : {}) };
    return kind === 'new' ? api.call('newProject', input) : api.call('saveProjectAs', input);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the project a name.');
    void run(byName);
  };
  const chooseLocation = async () => {
    const path = await files?.chooseProjectToSave(name.trim() || 'Untitled');
    if (typeof path !== 'string') return;
    const input = { path, ...(name.trim() ? { name: name.trim() } : {}) };
    void run(() => (kind === 'new' ? api.call('newProject', input) : api.call('saveProjectAs', input)));
  };

  return (
    <form onSubmit={submit}>
      <div className="import-dialog__body project-dialog__body">
        <div className="field">
          <label htmlFor={`${id}-name`}>Project name</label>
          <input id={`${id}-name`} type="text" value={name} data-autofocus spellCheck={false} maxLength={100} onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-where`} />
        </div>
        {kind !== 'rename' && folders.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-folder`}>Folder</label>
            <select id={`${id}-folder`} value={folder} onChange={(e) => setFolder(e.target.value)}>
              {folders.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </div>
        )}
        <p id={`${id}-where`} className="project-dialog__hint">
          {kind === 'rename' ? 'The project file is renamed to match, in the same folder.' : kind === 'new' ? 'An empty project; import boundaries and data into it next.' : 'A copy of everything in this project, which then becomes the open project.'}
          {kind !== 'rename' && folders.length === 1 && <> Saved in {folders[0]}.</>}
        </p>
        {error && <p className="project-dialog__error" role="alert">{error}</p>}
      </div>
      <footer className="import-dialog__footer">
        {files && kind !== 'rename' && (
          <button type="button" className="dialog-button project-dialog__left" disabled={busy} onClick={() => void chooseLocation()}>
            Choose location…
          </button>
        )}
        <button type="button" className="dialog-button" onClick={onClose}>Cancel</button>
        <button type="submit" className="dialog-button dialog-button--primary" disabled={busy}>{ACTIONS[kind]}</button>
      </footer>
    </form>
  );
}
