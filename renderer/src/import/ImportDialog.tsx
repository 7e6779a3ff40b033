// The import dialog: one dropped file at a time, through column mapping,
// a progress bar with Cancel, and the result. A modal: focus stays inside and
// Escape closes it (or, while an import runs, cancels the import).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportKindName, ProjectInfo, StagedFile } from '../../../shared/contract';
import { api } from '../api/client';
import { buildRequest, defaultMapping, defaultOptions, missingRequired } from './fields';
import { ImportResult, type Outcome } from './ImportResult';
import { MappingStep } from './MappingStep';
import { ProgressBar, SendingProgress } from './ProgressBar';
import type { Sending } from './upload';
import { useFocusTrap } from './use-focus-trap';

export interface QueueItem {
  key: string;
  /** The file name as dropped (the .shp for a shapefile). */
  label: string;
  staged?: StagedFile;
  /** Why the file could not even be read for the mapping step. */
  error?: string;
}

interface Props {
  items: QueueItem[];
  /** The kind the analyst asked for (a getting-started step); the file's guessed kind otherwise. */
  preferredKind?: ImportKindName | null;
  /** Files still being read and staged. */
  staging: boolean;
  /** The file crossing to the main process now. */
  sending: Sending | null;
  /** Stops sending the rest while earlier files wait in the dialog. */
  onCancelSending(): void;
  /** Files left unsent by that stop, named so none is thought imported. */
  skipped: string[];
  onImported(): void;
  onClose(): void;
}

type Phase = 'mapping' | 'running' | 'done';
interface Progress {
  message: string;
  fraction: number | null;
}

const CANCELLED = /: import cancelled$/;

export function ImportDialog({ items, preferredKind = null, staging, sending, onCancelSending, skipped, onImported, onClose }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [kind, setKind] = useState<ImportKindName>('boundaries');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [options, setOptions] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [phase, setPhase] = useState<Phase>('mapping');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const job = useRef<{ name: string; jobId: string | null } | null>(null);

  const item = items[index] as QueueItem | undefined;
  const staged = item?.staged;

  const chooseKind = useCallback((next: ImportKindName, file: StagedFile) => {
    setKind(next);
    setMapping(defaultMapping(next, file));
    setOptions(defaultOptions(next, file));
    setTried(false);
  }, []);

  // A new file: start from its guessed kind and the suggested columns.
  useEffect(() => {
    setPhase(item?.error ? 'done' : 'mapping');
    setOutcome(item?.error ? { ok: false, error: item.error, cancelled: false } : null);
    setProgress(null);
    if (staged) chooseKind(preferredKind ?? staged.kindGuess ?? 'sites', staged);
  }, [item, staged, chooseKind, preferredKind]);

  // Project levels, schemes and services feed the option boxes' suggestions.
  useEffect(() => {
    api.call('getProjectInfo', {}).then(setInfo, () => setInfo(null));
  }, []);

  // Subscribed from the start, so the event stream is open before the first import's first event.
  useEffect(
    () =>
      api.onProgress((event) => {
        const current = job.current;
        if (!current) return;
        // Our job announces itself as "Importing <name>"; importers' own messages name the file too.
        if (current.jobId === null && event.message.includes(current.name)) current.jobId = event.jobId;
        if (event.jobId === current.jobId) setProgress({ message: event.message, fraction: event.fraction });
      }),
    [],
  );

  const missing = staged ? missingRequired(kind, staged, mapping, options) : [];

  async function runImport() {
    if (!staged) return;
    setTried(true);
    if (missing.length > 0) return;
    job.current = { name: staged.name, jobId: null };
    setProgress({ message: `Importing ${staged.name}`, fraction: 0 });
    setPhase('running');
    try {
      const summary = await api.call('runImport', buildRequest(kind, staged, mapping, options));
      setOutcome({ ok: true, summary });
      onImported();
      api.call('getProjectInfo', {}).then(setInfo, () => {});
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setOutcome({ ok: false, error: message, cancelled: CANCELLED.test(message) });
    } finally {
      job.current = null;
      setPhase('done');
    }
  }

  const cancelImport = useCallback(() => {
    if (staged) api.call('cancelImport', { fileId: staged.fileId }).catch(() => {});
  }, [staged]);

  useFocusTrap(dialog, phase === 'running' ? cancelImport : onClose);

  // The primary action of each step gets focus, so Enter and Space do the next thing.
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('[data-step-focus], [data-autofocus]')?.focus();
  }, [phase, index, staged]);

  const hasNext = index < items.length - 1;
  const canRetry = phase === 'done' && outcome && !outcome.ok && staged !== undefined;

  return (
    <div className="import-backdrop">
      <div ref={dialog} className="import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" tabIndex={-1}>
        <header className="import-dialog__header">
          <h2 id="import-title">Import {item ? item.label : 'files'}</h2>
          {items.length > 1 && (
            <span className="import-dialog__count">
              File {index + 1} of {items.length}
            </span>
          )}
          <button type="button" className="icon-button import-dialog__close" aria-label="Close the import dialog" onClick={onClose} disabled={phase === 'running'}>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path d="M2 2l10 10M12 2L2 12" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </header>

        <div className="import-dialog__body">
          {!item && sending && <SendingProgress sending={sending} />}
          {!item && !sending && <p role="status">{staging ? 'Reading the files…' : 'No files to import.'}</p>}
          {/* A later file still crossing while the analyst maps an earlier one. */}
          {item && sending && <SendingProgress sending={sending} compact onStop={onCancelSending} />}
          {item && skipped.length > 0 && (
            <p className="import-note import-skipped" role="status">
              Not sent, as sending was stopped: {skipped.join(', ')}. Drop {skipped.length === 1 ? 'it' : 'them'} again to import {skipped.length === 1 ? 'it' : 'them'}.
            </p>
          )}
          {staged && phase === 'mapping' && (
            <MappingStep
              staged={staged}
              info={info}
              kind={kind}
              onKind={(k) => chooseKind(k, staged)}
              mapping={mapping}
              onMapping={setMapping}
              options={options}
              onOptions={setOptions}
              missing={tried ? missing : []}
            />
          )}
          {phase === 'running' && progress && <ProgressBar label="Import progress" message={progress.message} fraction={progress.fraction} />}
          {phase === 'done' && outcome && <ImportResult outcome={outcome} />}
        </div>

        <footer className="import-dialog__footer">
          {phase === 'mapping' && tried && missing.length > 0 && (
            <p className="import-dialog__missing" role="alert">
              Still needed: {missing.join(', ')}.
            </p>
          )}
          {!item && (
            // Closing abandons whatever is being sent: the main process wipes it at once.
            <button type="button" className="dialog-button" onClick={onClose} data-step-focus>
              Cancel
            </button>
          )}
          {item && phase === 'mapping' && (
            <>
              <button type="button" className="dialog-button" onClick={onClose}>
                Cancel
              </button>
              <button type="button" className="dialog-button dialog-button--primary" onClick={runImport} disabled={!staged}>
                Import
              </button>
            </>
          )}
          {phase === 'running' && (
            <button type="button" className="dialog-button" onClick={cancelImport} data-step-focus>
              Cancel import
            </button>
          )}
          {phase === 'done' && (
            <>
              {canRetry && (
                <button type="button" className="dialog-button" onClick={() => setPhase('mapping')}>
                  Back to the columns
                </button>
              )}
              {hasNext ? (
                <button type="button" className="dialog-button dialog-button--primary" onClick={() => setIndex(index + 1)} data-step-focus>
                  Next file
                </button>
              ) : (
                <button type="button" className="dialog-button dialog-button--primary" onClick={onClose} data-step-focus>
                  Close
                </button>
              )}
            </>
          )}
        </footer>
      </div>
    </div>
  );
}
