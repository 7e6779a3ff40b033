// Ctrl+N (new), Ctrl+O (open), Ctrl+Shift+S (save as); Cmd on a Mac.
// Listened for at the project root, so they work on every screen, the
// "could not be opened" one included.
import { useEffect } from 'react';
import type { ProjectDialogKind } from './project-commands';

export function shortcutDialog(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): ProjectDialogKind | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'n' && !e.shiftKey) return 'new';
  if (key === 'o' && !e.shiftKey) return 'open';
  if (key === 's' && e.shiftKey) return 'saveAs';
  return null;
}

export function useProjectShortcuts(show: (dialog: ProjectDialogKind) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const dialog = shortcutDialog(e);
      if (!dialog) return;
      e.preventDefault();
      show(dialog);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show, enabled]);
}
