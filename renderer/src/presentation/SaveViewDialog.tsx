// Naming a view before it is saved: the field offers what the map shows and
// at which level, selected so typing replaces it; Enter saves, Escape cancels.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useFocusTrap } from '../import/use-focus-trap';
import '../import/import.css';
import '../project/project.css';

interface Props {
  initialName: string;
  /** Names already saved: saving under one replaces that view, and the dialog says so. */
  taken: readonly string[];
  onSave(name: string): Promise<void>;
  onCancel(): void;
}

export function SaveViewDialog({ initialName, taken, onSave, onCancel }: Props) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusTrap(dialog, onCancel);
  const replaces = taken.includes(name.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the view a name.');
    setBusy(true);
    setError(null);
    try {
      await onSave(name.trim());
    } catch (err) {
      setError(`The view could not be saved: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  };

  return (
    <div className="import-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={dialog} className="import-dialog project-dialog save-view-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <header className="import-dialog__header">
          <h2 id={`${id}-title`} className="import-dialog__title">Save view</h2>
        </header>
        <form onSubmit={(e) => void submit(e)}>
          <div className="import-dialog__body project-dialog__body">
            <div className="field">
              <label htmlFor={`${id}-name`}>View name</label>
              <input
                id={`${id}-name`}
                type="text"
                value={name}
                data-autofocus
                spellCheck={false}
                maxLength={120}
                onFocus={(e) => e.currentTarget.select()}
                onChange={(e) => setName(e.target.value)}
                aria-describedby={`${id}-hint`}
              />
            </div>
            <p id={`${id}-hint`} className="project-dialog__hint">
              {replaces ? 'A view of this name is saved already: saving replaces it.' : 'The map’s place, zoom and layers, kept in the project. Present steps through saved views in order.'}
            </p>
            {error && <p className="project-dialog__error" role="alert">{error}</p>}
          </div>
          <footer className="import-dialog__footer">
            <button type="button" className="dialog-button" onClick={onCancel}>Cancel</button>
            <button type="submit" className="dialog-button dialog-button--primary" disabled={busy}>{replaces ? 'Replace' : 'Save'}</button>
          </footer>
        </form>
      </div>
    </div>
  );
}
