// The one selection shared by the map, the area panel and the analysis
// tables: "which areas is the analyst looking at". A table row click selects
// areas here and the map highlights them; a map click selects here and the
// tables highlight (and scroll to) the row. No React context, so any
// component — the map's included — can read it with one hook.
//
// For the map:   const [code, setCode] = useSelectedArea();   // one area (outline + area panel)
//                const { codes } = useSelection();            // every selected area (e.g. a segment's)
import { useCallback, useSyncExternalStore } from 'react';

export interface Selection {
  /** Area codes, at the project's mapped geography level. */
  codes: readonly string[];
  /** Who selected: the map scrolls to nothing, tables scroll their row into view when it was the map. */
  source: 'map' | 'table' | null;
  /** What the analyst picked, e.g. "Segment 7: Constrained City Dwellers", for the highlight's caption. */
  label: string | null;
  /** What the selection stands for, e.g. "segment:7", so the row that made it stays marked. */
  tag: string | null;
}

const EMPTY: Selection = { codes: [], source: null, label: null, tag: null };
let current: Selection = EMPTY;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSelection(): Selection {
  return current;
}

export function selectAreas(codes: readonly string[], source: Selection['source'], label: string | null = null, tag: string | null = null): void {
  const same = codes.length === current.codes.length && codes.every((c, i) => c === current.codes[i]) && source === current.source;
  if (same && label === current.label && tag === current.tag) return;
  current = codes.length ? { codes: [...codes], source, label, tag } : EMPTY;
  for (const l of listeners) l();
}

export function clearSelection(): void {
  selectAreas([], null);
}

export function useSelection(): Selection {
  return useSyncExternalStore(subscribe, getSelection, getSelection);
}

/** The single selected area (null when none, or when a whole segment is selected): a drop-in for useState. */
export function useSelectedArea(): [string | null, (code: string | null) => void] {
  const selection = useSelection();
  const set = useCallback((code: string | null) => selectAreas(code ? [code] : [], 'map'), []);
  return [selection.codes.length === 1 ? selection.codes[0] : null, set];
}
