// The print page in headless Chromium (playwright-core, Debian's Chromium):
// a viewport of the page's CSS size at the print's devicePixelRatio, wait for
// printReady, screenshot. The screenshot is taken at exactly the pixel size
// asked for (a clip of the page's own size at its scale), so A4's 3508 × 2480
// needs no second pass; should an engine round it otherwise, it is cut to size
// in the page's own 2D canvas, so no PNG codec is needed in Node.
import type { Page } from 'playwright-core';
import { InputError } from '../../../shared/errors';
import { withHeadlessChromium } from '../headless-chromium';
import { pngDimensions, type PngRenderer, type PrintJob, type PrintReport } from './print-job';

const isLoopback = (url: string) => /^(data|blob):/.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);

async function waitForPrint(page: Page, job: PrintJob, pageErrors: string[]): Promise<PrintReport> {
  try {
    await page.waitForFunction(() => document.body.dataset.printReady === '1' || document.body.dataset.printError !== undefined, undefined, {
      timeout: job.timeoutMs,
      polling: 250,
    });
  } catch (err) {
    // Say where it stopped (the page shows its current step) rather than only that time ran out.
    const step = await page.evaluate(() => document.querySelector('.print--status')?.textContent ?? 'drawing the map').catch(() => 'loading the page');
    throw new Error(`the map was not ready in ${Math.round(job.timeoutMs / 1000)} s (at: ${step}${pageErrors.length ? `; ${pageErrors[0]}` : ''})`, { cause: err });
  }
  const failed = await page.evaluate(() => document.body.dataset.printError ?? null);
  if (failed && (await page.evaluate(() => document.body.dataset.printErrorInput === '1'))) throw new InputError(failed);
  if (failed) throw new Error(`the map could not be drawn: ${failed}`);
  return page.evaluate(() => {
    const { project: _project, ...report } = window.__cgmPrint!;
    return JSON.parse(JSON.stringify(report)) as PrintReport;
  });
}

/**
 * The page's width × height device pixels, through the DevTools protocol: Playwright's own
 * screenshot takes whole CSS pixels of viewport (A4 came back 3510 × 2482 and was cut in the
 * page, decoding and encoding the PNG a second time). optimizeForSpeed: a faster zlib setting
 * for the PNG (larger file, same pixels): at A4 the encoding is a large part of the screenshot.
 */
async function screenshot(page: Page, job: PrintJob): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const clip = { x: 0, y: 0, width: job.width / job.scale, height: job.height / job.scale, scale: job.scale };
    const shot = (await cdp.send('Page.captureScreenshot', { format: 'png', clip, optimizeForSpeed: true })) as { data: string };
    return Buffer.from(shot.data, 'base64');
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Crops (or pads) a screenshot to width × height with the page's canvas; PNG in, PNG out. */
async function exactSize(page: Page, png: Buffer, width: number, height: number): Promise<Buffer> {
  const got = pngDimensions(png);
  if (got.width === width && got.height === height) return png;
  const base64 = await page.evaluate(
    async ({ data, w, h }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      ctx.drawImage(image, 0, 0);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
      if (!blob) throw new Error('the browser could not encode the PNG');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
    { data: png.toString('base64'), w: width, h: height },
  );
  return Buffer.from(base64, 'base64');
}

export const chromiumPngRenderer: PngRenderer = (job) => {
  const viewport = { width: Math.ceil(job.width / job.scale - 1e-9), height: Math.ceil(job.height / job.scale - 1e-9) };
  return withHeadlessChromium({ what: 'PNG export', otherwise: 'set CGM_CHROMIUM to another path' }, job.signal, { viewport, deviceScaleFactor: job.scale }, async (page) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    if (process.env.CGM_PRINT_DEBUG) page.on('console', (m) => console.error(`[print page] ${m.type()}: ${m.text()}`));
    // The page is the app's own, served on loopback; anything else is refused, as in the app.
    await page.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
    await page.goto(job.url, { timeout: job.timeoutMs });
    const report = await waitForPrint(page, job, pageErrors);
    return { png: await exactSize(page, await screenshot(page, job), job.width, job.height), report };
  });
};
