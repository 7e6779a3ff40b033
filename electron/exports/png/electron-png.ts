// The same print page in the Electron app: an offscreen BrowserWindow of the
// page's CSS size at the print's zoom, captured with capturePage once the page
// says printReady. Kept thin (and untested here: no Electron binary on these
// machines); the shell passes a factory for its window.
import { cancellable, throwIfCancelled } from '../cancellable';
import type { PngRenderer } from './print-job';
import { InputError } from '../../../shared/errors';

/** The piece of an offscreen BrowserWindow this needs. */
export interface OffscreenPrintWindow {
  loadURL(url: string): Promise<void>;
  /** Runs in the page, like webContents.executeJavaScript. */
  executeJavaScript(code: string): Promise<unknown>;
  /** webContents.capturePage().toPNG(). */
  capturePng(): Promise<Buffer>;
  close(): void;
}

export type OffscreenWindowFactory = (size: { width: number; height: number; scale: number }) => Promise<OffscreenPrintWindow>;

const READY = `new Promise((resolve) => { const t = setInterval(() => { const d = document.body.dataset;
  if (d.printReady === '1' || d.printError !== undefined) { clearInterval(t); const { project, ...r } = window.__cgmPrint ?? {};
  resolve({ error: d.printError ?? null, input: d.printErrorInput === '1', report: JSON.parse(JSON.stringify(r)) }); } }, 250); })`;

export function electronPngRenderer(open: OffscreenWindowFactory): PngRenderer {
  return async (job) => {
    throwIfCancelled(job.signal);
    const win = await open({ width: Math.ceil(job.width / job.scale), height: Math.ceil(job.height / job.scale), scale: job.scale });
    let closed = false;
    const close = () => {
      if (!closed) win.close();
      closed = true;
    };
    return cancellable(job.signal, close, async () => {
      await win.loadURL(job.url);
      const { error, input, report } = (await win.executeJavaScript(READY)) as { error: string | null; input: boolean; report: never };
      if (error && input) throw new InputError(error);
      if (error) throw new Error(`the map could not be drawn: ${error}`);
      return { png: await win.capturePng(), report };
    }).finally(close);
  };
}
