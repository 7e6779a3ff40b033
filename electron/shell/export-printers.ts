// Electron's own engines for the exports that print: the report PDF through
// webContents.printToPDF, PNG maps through an offscreen window's capturePage.
// Both run in hidden windows on a session of their own, because the app's
// session cancels every request that is not cgm-app: and the print page is
// served by a loopback server (electron/exports/png-export.ts). That session
// lets through the report's data: page and the print servers whose pages a
// print window is loading now (not any loopback port: another program's
// server is as remote as the internet), so printing stays offline.
// Untested here: no Electron binary on these machines (typecheck only).
import { electronPngRenderer, type OffscreenPrintWindow } from '../exports/png/electron-png';
import { electronPdfPrinter } from '../exports/report/pdf-printer';
import type { ExportPrinters } from '../services/handlers';
import type { BrowserWindowInstance, ElectronModule } from './electron-types';
import { guardSession, PrintServers, printRequestAllowed } from './guards';

const PARTITION = 'cgm-print';
// A4 at 96 dpi: the window's size does not shape the PDF (the page's @page does), it only has to exist.
const A4_CSS = { width: 794, height: 1123 };

export function electronExportPrinters(electron: ElectronModule, devTools: boolean): ExportPrinters {
  const printServers = new PrintServers();
  guardSession(electron.session.fromPartition(PARTITION), (url) => printRequestAllowed(url, printServers.origins()));

  const hiddenWindow = (width: number, height: number, zoomFactor: number, offscreen: boolean): BrowserWindowInstance => {
    const win = new electron.BrowserWindow({
      show: false,
      width,
      height,
      useContentSize: true,
      enableLargerThanScreen: true,
      webPreferences: { partition: PARTITION, offscreen, zoomFactor, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools, disableBlinkFeatures: 'Auxclick' },
    });
    return win;
  };

  const pdf = electronPdfPrinter(async () => {
    const win = hiddenWindow(A4_CSS.width, A4_CSS.height, 1, false);
    return {
      loadURL: (url) => win.loadURL(url),
      // One window per report, gone once printed.
      printToPDF: (options) => win.webContents.printToPDF(options).finally(() => win.destroy()),
    };
  });

  // The page is laid out at `size` CSS pixels and drawn at `scale` device pixels each:
  // a window `scale` times larger, zoomed by `scale`, captured at the offscreen factor of 1.
  const png = electronPngRenderer(async (size): Promise<OffscreenPrintWindow> => {
    const win = hiddenWindow(Math.round(size.width * size.scale), Math.round(size.height * size.scale), size.scale, true);
    let release = () => {};
    return {
      loadURL: (url) => {
        release = printServers.admit(url);
        return win.loadURL(url);
      },
      executeJavaScript: (code) => win.webContents.executeJavaScript(code),
      capturePng: async () => (await win.webContents.capturePage()).toPNG(),
      close: () => {
        release();
        win.destroy();
      },
    };
  });

  return { pdf, png };
}
