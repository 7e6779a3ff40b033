// HTML → PDF. The report is printed by a Chromium engine so the HTML and PDF
// exports are the same layout: Electron's own webContents.printToPDF where the
// app runs in Electron, headless Chromium (playwright-core, Debian's
// /usr/bin/chromium) in browser mode and the CLI. Both take the page's CSS
// @page size and margin boxes (page numbers) as they are.
import { throwIfCancelled } from '../cancellable';
import { withHeadlessChromium } from '../headless-chromium';

/** `signal` aborts when the analyst cancels: the printing page is closed at once. */
export type PdfPrinter = (html: string, signal?: AbortSignal) => Promise<Buffer>;

export const chromiumPdfPrinter: PdfPrinter = (html, signal) =>
  withHeadlessChromium({ what: 'PDF export', otherwise: 'or export the report as .html' }, signal, {}, async (page) => {
    // The report has no remote resources; refusing every request keeps it that way.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
  });

/** The piece of Electron's WebContents this needs; the shell passes a hidden window's. */
export interface PrintableContents {
  loadURL(url: string): Promise<void>;
  printToPDF(options: { preferCSSPageSize?: boolean; printBackground?: boolean; generateDocumentOutline?: boolean }): Promise<Buffer>;
}

export function electronPdfPrinter(contents: () => Promise<PrintableContents>): PdfPrinter {
  // printToPDF cannot be stopped part-way; a cancel is honoured before and after it.
  return async (html, signal) => {
    throwIfCancelled(signal);
    const wc = await contents();
    await wc.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    throwIfCancelled(signal);
    const pdf = await wc.printToPDF({ preferCSSPageSize: true, printBackground: true, generateDocumentOutline: true });
    throwIfCancelled(signal);
    return pdf;
  };
}
