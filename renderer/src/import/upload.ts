// Sends one dropped file (with a shapefile's sidecars) to the main process in
// chunks, one after another: a national file never becomes one giant string
// in the renderer, the request bodies stay small over either transport, and
// the dialog can say how far it has got.
import type { StagedFile } from '../../../shared/contract';
import { api, CancelledError } from '../api/client';
import { toBase64, type FileGroup } from './files';

export interface Sending {
  name: string;
  sent: number;
  total: number;
  /** Every byte is across and the main process is reading the file (unzipping a zip first). */
  reading?: boolean;
}

async function readChunk(file: File, offset: number, end: number): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.slice(offset, end).arrayBuffer());
  } catch (error) {
    // e.g. the file was changed or moved while it was being sent.
    throw new Error(`${file.name}: the file could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Stages a file group for import and returns its description. `signal` is the
 * analyst's Cancel: the upload is abandoned, so the main process wipes what
 * had arrived at once instead of after its idle time.
 */
export async function sendGroup(group: FileGroup, signal: AbortSignal, onProgress: (sending: Sending) => void): Promise<StagedFile> {
  const name = group.main.name;
  const parts: [string, File][] = [['main', group.main], ...Object.entries(group.siblings)];
  const total = parts.reduce((s, [, file]) => s + file.size, 0);
  const sizes = Object.fromEntries(Object.entries(group.siblings).map(([ext, file]) => [ext, file.size]));
  if (signal.aborted) throw new CancelledError('beginImportUpload');
  // Without the signal: an upload opened as Cancel is pressed must still be known here, to be abandoned.
  const { uploadId, chunkBytes } = await api.call('beginImportUpload', {
    name,
    size: group.main.size,
    ...(parts.length > 1 ? { siblings: sizes } : {}),
    // The data's date when the file's name or header gives none (recorded at import, editable under Data dates).
    ...(Number.isInteger(group.main.lastModified) && group.main.lastModified >= 0 ? { lastModified: group.main.lastModified } : {}),
  });
  let sent = 0;
  onProgress({ name, sent, total });
  try {
    for (const [part, file] of parts) {
      for (let offset = 0; offset < file.size; offset += chunkBytes) {
        const bytes = await readChunk(file, offset, Math.min(file.size, offset + chunkBytes));
        if (signal.aborted) throw new CancelledError('putImportChunk');
        await api.call('putImportChunk', { uploadId, part, offset, dataBase64: toBase64(bytes) }, { signal });
        sent += bytes.length;
        onProgress({ name, sent, total });
      }
    }
    if (signal.aborted) throw new CancelledError('finishImportUpload');
  } catch (error) {
    // After a refused chunk the main process has let the upload go already; after Cancel it must be told.
    api.call('abandonImportUpload', { uploadId }).catch(() => {});
    throw error;
  }
  onProgress({ name, sent, total, reading: true });
  // The signal stops a long unzip in the main process, which then lets the file go itself.
  const staged = await api.call('finishImportUpload', { uploadId }, { signal });
  if (signal.aborted) {
    // Cancel came just as the file was described: it is staged, so let it go now.
    api.call('discardImportFile', { fileId: staged.fileId }).catch(() => {});
    throw new CancelledError('finishImportUpload');
  }
  return staged;
}
