// The renderer's undo and redo stacks. Every edit the main process makes
// returns the moment that undoes it; undoing applies that moment (in one
// transaction, in main) and keeps the moment that redoes it. Views that show
// edited data (the workbook, strata, saved views) listen for applied moments
// and reload.
import { useSyncExternalStore } from 'react';
import type { Moment } from '../../../shared/contract';
import { api } from '../api/client';

export type MomentDomain = 'workbook' | 'views' | 'strata' | 'proposedSites' | 'siteStatus' | 'excludedAreas' | 'excludeCommunal' | 'siteHours' | 'segmentProfiles' | 'gapSettings' | 'reviewTargets' | 'dataDates';
/** Edits to what the gap rules read: the analysis is recomputed after any of them. */
export const ANALYSIS_INPUT_DOMAINS: readonly MomentDomain[] = ['siteHours', 'segmentProfiles', 'gapSettings'];

interface Entry {
  label: string;
  moment: Moment;
}

interface UndoState {
  undo: Entry[];
  redo: Entry[];
  busy: boolean;
  error: string | null;
}

let state: UndoState = { undo: [], redo: [], busy: false, error: null };
const listeners = new Set<() => void>();
const appliedListeners = new Set<(domains: Set<MomentDomain>) => void>();
const LIMIT = 100;
/** The stacks belong to one project; kept in sessionStorage so a page reload does not lose them. */
let scope: string | null = null;

function storageKey(): string | null {
  return scope === null ? null : `cgm-undo:${scope}`;
}

function set(next: Partial<UndoState>): void {
  state = { ...state, ...next };
  const key = storageKey();
  if (key) {
    try {
      sessionStorage.setItem(key, JSON.stringify({ undo: state.undo, redo: state.redo }));
    } catch {
      /* Storage full or refused: undo still works until the page is reloaded. */
    }
  }
  for (const l of listeners) l();
}

/** Switch to the stacks of the project at `path` (restoring them after a reload). */
export function setUndoScope(path: string): void {
  if (scope === path) return;
  scope = path;
  let saved: Pick<UndoState, 'undo' | 'redo'> = { undo: [], redo: [] };
  try {
    saved = { ...saved, ...JSON.parse(sessionStorage.getItem(storageKey()!) ?? '{}') };
  } catch {
    /* A damaged entry starts the stacks afresh. */
  }
  state = { undo: saved.undo, redo: saved.redo, busy: false, error: null };
  for (const l of listeners) l();
}

function domainsOf(moment: Moment): Set<MomentDomain> {
  return new Set((['workbook', 'views', 'strata', 'proposedSites', 'siteStatus', 'excludedAreas', 'excludeCommunal', 'siteHours', 'segmentProfiles', 'gapSettings', 'reviewTargets', 'dataDates'] as const).filter((d) => moment[d] !== undefined));
}

/** Tell views that data changed under them (after an edit, an undo or a redo). */
export function announce(moment: Moment): void {
  const domains = domainsOf(moment);
  for (const l of appliedListeners) l(domains);
}

/** Record an edit the main process has made: `inverse` is what it returned. A new edit clears redo. */
export function recordEdit(label: string, inverse: Moment): void {
  set({ undo: [...state.undo, { label, moment: inverse }].slice(-LIMIT), redo: [], error: null });
  announce(inverse);
}

async function step(from: 'undo' | 'redo'): Promise<void> {
  const stack = state[from];
  const entry = stack[stack.length - 1];
  if (!entry || state.busy) return;
  set({ busy: true, error: null });
  try {
    const { inverse } = await api.call('applyMoment', { moment: entry.moment });
    const to = from === 'undo' ? 'redo' : 'undo';
    set({ [from]: stack.slice(0, -1), [to]: [...state[to], { label: entry.label, moment: inverse }], busy: false } as Partial<UndoState>);
    announce(entry.moment);
  } catch (e) {
    set({ busy: false, error: e instanceof Error ? e.message : String(e) });
  }
}

export const undo = () => step('undo');
export const redo = () => step('redo');

export function onMomentApplied(listener: (domains: Set<MomentDomain>) => void): () => void {
  appliedListeners.add(listener);
  return () => appliedListeners.delete(listener);
}

export function useUndoState(): UndoState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
