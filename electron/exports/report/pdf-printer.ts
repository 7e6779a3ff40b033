// HTML → PDF. The report is printed by a Chromium engine so the HTML and PDF
// exports are the same layout: Electron's own webContents.printToPDF where the
// app runs in Electron, headless Chromium (playwright-core, Debian's
// /usr/bin/chromium) in browser mode and the CLI. Both take the page's CSS
// @page size and margin boxes (page numbers) as they are.
import { existsSync } from 'node:fs';
import { cancellable, throwIfCancelled } from '../cancellable';

/** `signal` aborts when the analyst cancels: the printing browser is closed at once. */
export type PdfPrinter = (html: string, signal?: AbortSignal) => Promise<Buffer>;

export const CHROMIUM_PATH = process.env.CGM_CHROMIUM ?? '/usr/bin/chromium';

// The flags ENVIRONMENT.md lists for this Chromium; networking ones keep it offline.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export const chromiumPdfPrinter: PdfPrinter = async (html, signal) => {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`PDF export needs Chromium at ${CHROMIUM_PATH} (or export the report as .html)`);
  const { chromium } = await import('playwright-core');
  throwIfCancelled(signal);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return cancellable(signal, () => browser.close(), async () => {
    const page = await browser.newPage();
    // The report has no remote resources; refusing every request keeps it that way.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
  }).finally(() => browser.close());
};

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
