// Visible Undo / Redo buttons and the shortcuts: Ctrl+Z, Ctrl+Shift+Z and
// Ctrl+Y (Cmd on a Mac). In a text box with unsaved typing, the browser's own
// text undo wins; once the text is saved, Ctrl+Z undoes the saved edit.
import { useEffect } from 'react';
import { redo, undo, useUndoState } from './undo-store';

function editingText(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !(el instanceof HTMLElement)) return false;
  const editable = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text') || el.isContentEditable;
  return editable && el.dataset.dirty === 'true';
}

export function useUndoShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || editingText(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) void undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') void redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function UndoControls() {
  const s = useUndoState();
  useUndoShortcuts();
  const last = s.undo[s.undo.length - 1];
  const next = s.redo[s.redo.length - 1];
  return (
    <div className="undo-controls" role="group" aria-label="Undo and redo">
      <button type="button" className="dock-button" onClick={() => void undo()} disabled={!last || s.busy} title={last ? `Undo ${last.label} (Ctrl+Z)` : 'Nothing to undo'}>
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true"><path d="M5.5 3.5L2 7l3.5 3.5M2.5 7H10a4 4 0 010 8H7" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
        Undo
      </button>
      <button type="button" className="dock-button" onClick={() => void redo()} disabled={!next || s.busy} title={next ? `Redo ${next.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true"><path d="M10.5 3.5L14 7l-3.5 3.5M13.5 7H6a4 4 0 000 8h3" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
        Redo
      </button>
      {s.error && <span className="undo-controls__error" role="alert">{s.error}</span>}
    </div>
  );
}
