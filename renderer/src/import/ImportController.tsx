// Where files come in: a hidden file input opened by any requestImport (the
// header's "Import…", a getting-started step) and the whole window as a drop
// target. Mounted once, above the workspace and the getting-started view, so
// an import that turns an empty project into a map keeps its dialog open. Files are grouped (a shapefile's parts go
// together), sent in chunks to the main process's memory, then handed to the
// dialog, which shows how much has been sent and can cancel the sending.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, CancelledError } from '../api/client';
import { groupFiles } from './files';
import { ImportDialog, type QueueItem } from './ImportDialog';
import { onImportRequest } from './import-request';
import type { ImportKindName } from '../../../shared/contract';
import { sendGroup, type Sending } from './upload';
import './import.css';

const ACCEPT = '.csv,.tsv,.txt,.geojson,.json,.shp,.dbf,.prj,.cpg,.shx,.gpkg,.osm,.pbf,.zip';

interface Session {
  items: QueueItem[];
  staging: boolean;
  /** The file crossing to the main process now, if any. */
  sending: Sending | null;
  /** Files not sent because the analyst stopped the sending. */
  skipped: string[];
}

function discard(items: QueueItem[]): void {
  // Imported files are already gone from the main process; the others go now, not in 10 minutes.
  for (const item of items) if (item.staged) api.call('discardImportFile', { fileId: item.staged.fileId }).catch(() => {});
}

export function ImportController({ onImported }: { onImported(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [dragging, setDragging] = useState(false);
  // Bumped on every open and close, so files still being staged for a closed dialog are let go.
  const generation = useRef(0);
  const isOpen = useRef(false);
  // Aborts the sending of this dialog's files: Cancel while sending, or closing the dialog.
  const sendAbort = useRef<AbortController | null>(null);
  // What the files are to be imported as, when the analyst asked for one kind (a checklist step); null: guess.
  const [kind, setKind] = useState<ImportKindName | null>(null);
  const pendingKind = useRef<ImportKindName | null>(null);

  useEffect(
    () =>
      onImportRequest((requested) => {
        if (isOpen.current) return;
        pendingKind.current = requested;
        input.current?.click();
      }),
    [],
  );

  const close = useCallback(() => {
    generation.current++;
    isOpen.current = false;
    sendAbort.current?.abort();
    setSession((s) => {
      if (s) discard(s.items);
      return null;
    });
  }, []);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (isOpen.current || files.length === 0) return;
      isOpen.current = true;
      setKind(pendingKind.current);
      pendingKind.current = null;
      const mine = ++generation.current;
      const abort = new AbortController();
      sendAbort.current = abort;
      setSession({ items: [], staging: true, sending: null, skipped: [] });
      let listed = 0;
      const skipped: string[] = [];
      for (const group of groupFiles(files)) {
        if (abort.signal.aborted) {
          skipped.push(group.main.name);
          continue;
        }
        let item: QueueItem;
        try {
          const staged = await sendGroup(group, abort.signal, (sending) => {
            if (generation.current === mine) setSession((s) => s && { ...s, sending });
          });
          item = { key: staged.fileId, label: group.main.name, staged };
        } catch (error) {
          // Cancelled: the main process has already been told to let it go; the dialog says it was not sent.
          if (error instanceof CancelledError) {
            skipped.push(group.main.name);
            continue;
          }
          item = { key: `failed-${group.main.name}-${generation.current}`, label: group.main.name, error: error instanceof Error ? error.message : String(error) };
        }
        if (generation.current !== mine) {
          discard([item]);
          continue;
        }
        listed++;
        setSession((s) => s && { ...s, items: [...s.items, item], sending: null });
      }
      if (generation.current !== mine) return;
      if (sendAbort.current === abort) sendAbort.current = null;
      // Cancelled before any file arrived: nothing is left to show.
      if (abort.signal.aborted && listed === 0) close();
      else setSession((s) => s && { ...s, staging: false, sending: null, skipped });
    },
    [close],
  );

  const cancelSending = useCallback(() => sendAbort.current?.abort(), []);

  // The whole window takes files; without preventDefault the browser would open the dropped file instead of the app.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      if (!isOpen.current) setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = isOpen.current ? 'none' : 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      // A drop is not the step whose picker was opened and left: guess its kind.
      pendingKind.current = null;
      void importFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles]);

  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPT}
        data-testid="import-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared so choosing the same file again still counts as a change.
          e.target.value = '';
          void importFiles(files);
        }}
      />
      {dragging && (
        <div className="import-drop-overlay" aria-hidden="true">
          <div className="import-drop-overlay__card">
            <strong>Drop files to import</strong>
            <span>CSV, GeoJSON, GeoPackage, shapefile (.shp with its .dbf and .prj) or OpenStreetMap</span>
          </div>
        </div>
      )}
      {session && (
        <ImportDialog preferredKind={kind} items={session.items} staging={session.staging} sending={session.sending} skipped={session.skipped} onCancelSending={cancelSending} onImported={onImported} onClose={close} />
      )}
    </>
  );
}
