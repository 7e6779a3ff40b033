// Asking for an import from anywhere in the window: the header's "Import…",
// a getting-started step, a dock tab that waits for a file. One controller
// (ImportController) answers, so there is one file picker and one dialog.
import type { ImportKindName } from '../../../shared/contract';

type Listener = (kind: ImportKindName | null) => void;
const listeners = new Set<Listener>();

/**
 * Opens the file picker; `kind` preselects what the dialog imports the files as.
 * Called from a click handler: the picker needs the click's user activation, so
 * listeners run synchronously.
 */
export function requestImport(kind: ImportKindName | null = null): void {
  for (const listener of listeners) listener(kind);
}

export function onImportRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
