// An export arrives as base64 bytes with a suggested name. In browser mode a
// Blob and an <a download> save it through the browser's own download; in
// Electron the same click raises the shell's save dialog, so the renderer
// never names a path.
import type { ExportFileResult } from '../../../shared/contract';

export function exportBytes(file: ExportFileResult): Uint8Array<ArrayBuffer> {
  const binary = atob(file.dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadExport(file: ExportFileResult): void {
  const url = URL.createObjectURL(new Blob([exportBytes(file)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; a minute is ample on a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Whether the browser will still let a script start a download: a download
 * started long after the Export click (a map image that took a minute) finds
 * the click's activation expired, and Chromium may block it or ask about
 * multiple downloads. Electron saves through its own dialog, so always can.
 */
export function canDownloadNow(): boolean {
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  return activation === undefined || activation.isActive;
}

/** Width and height from a PNG's IHDR chunk, to tell the analyst what was drawn. */
export function pngSize(file: ExportFileResult): { width: number; height: number } | null {
  if (file.mimeType !== 'image/png') return null;
  const head = exportBytes({ ...file, dataBase64: file.dataBase64.slice(0, 32) });
  if (head.length < 24) return null;
  const view = new DataView(head.buffer);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
